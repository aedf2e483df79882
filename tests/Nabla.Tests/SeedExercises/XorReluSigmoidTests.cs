using Nabla.App;
using Nabla.Specs;

namespace Nabla.Tests.SeedExercises;

/// <summary>The seed-000 network trained the textbook way: bce (δ = ŷ − y), one example at a time.</summary>
public class XorReluSigmoidTests
{
    [Fact]
    public void LearnsXor_OneExampleAtATime_WithTheCrossEntropyGradient()
    {
        var spec = Examples.Load("xor-relu-sigmoid.json");
        Assert.Equal(1, spec.Train.Batch);
        Assert.Equal("bce", spec.Loss.Name);
        var trained = SpecTrainer.Train(spec);

        Seed003XorSigmoidTests.AssertXor(trained);
        Assert.Equal(spec.Train.Epochs * 4, trained.Result.Steps);
    }

    [Fact]
    public void SameSeed_GivesBitIdenticalModels()
    {
        var a = SpecTrainer.Train(Examples.Load("xor-relu-sigmoid.json"));
        var b = SpecTrainer.Train(Examples.Load("xor-relu-sigmoid.json"));
        Assert.Equal(SpecWriter.ToJson(a.Model), SpecWriter.ToJson(b.Model));
    }
}
