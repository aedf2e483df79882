using Nabla.Explain;
using Nabla.Explain.Checking;

namespace Nabla.Tests.Explain.Checking;

public class StepRulesTests
{
    [Theory]
    [InlineData("seed-001-or-sigmoid.json")]
    [InlineData("seed-002-leaky-relu-softmax.json")]
    [InlineData("xor-relu-sigmoid.json")]
    [InlineData("seed-004-neuron-vectorised.json")]
    public void RecomputingEveryQuantity_FromTheStart_GivesTheTrace(string example)
    {
        var spec = Examples.Load(example);
        var step = Explainer.Run(spec).Steps[0];
        var world = new RecomputedStep(step, new StepRules(spec), diagonalSoftmax: false);

        foreach (string name in step.Names)
        {
            var value = world.Get(name);
            Assert.NotNull(value);
            Close.Equal(step[name].ToArray().Select(x => x + 1).ToArray(), value.ToArray().Select(x => x + 1).ToArray(), 1e-12, $"{example}: {name}");
        }
    }

    [Fact]
    public void TheDiagonalOnlySoftmaxJacobian_HalvesEveryGradientOfSeed002()
    {
        var spec = Examples.Load("seed-002-leaky-relu-softmax.json");
        var step = Explainer.Run(spec).Steps[0];
        var world = new RecomputedStep(step, new StepRules(spec), diagonalSoftmax: true);

        foreach (string name in new[] { "dZ2", "dW2", "dA1", "dZ1", "dW1", "dX" })
        {
            Close.Equal(step[name].ToArray().Select(x => x / 2).ToArray(), world.Get(name)!.ToArray(), 1e-12, name);
        }

        Close.Equal(0.6 - (0.1 * step["dW2"][0, 0] / 2), world.Get("W2_next")![0, 0], 1e-12, "W2_next");
        Assert.Equal(step["A2"].ToArray(), world.Get("A2")!.ToArray());
    }
}
