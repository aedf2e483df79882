using Nabla.App;
using Nabla.Data;
using Nabla.Specs;
using Nabla.Tests.Data;

namespace Nabla.Tests.Specs;

public class DataSpecTests
{
    private static ModelSpec Toy(string data, int outputs = 1, string activation = "sigmoid", string loss = "bce", int inputs = 2) =>
        SpecReader.Parse($$"""
            { "inputs": {{inputs}}, "layers": [ { "units": 4, "activation": "tanh" }, { "units": {{outputs}}, "activation": "{{activation}}" } ],
              "loss": "{{loss}}", "data": {{data}}, "train": { "seed": 3 } }
            """, "toy.json");

    [Fact]
    public void ToySet_IsDrawnWithTheDataSeed_OrTrainSeed_AsOneColumnForTwoClassesAndOneUnit()
    {
        var split = ModelBuilder.LoadSplit(Toy("""{ "dataset": "moons", "n": 50, "noise": 0.2 }"""));
        var expected = ToyDatasets.Moons(50, 0.2, seed: 3); // train.seed
        Assert.Null(split.Test);
        Assert.Equal(expected.X.ToArray(), split.Train.X.ToArray());
        Assert.Equal(expected.Labels.Select(l => (double)l), split.Train.Y.ToArray());
        Assert.Equal(["0", "1"], split.Classes!);

        var seeded = ModelBuilder.LoadSplit(Toy("""{ "dataset": "moons", "n": 50, "noise": 0.2, "seed": 11 }"""));
        Assert.Equal(ToyDatasets.Moons(50, 0.2, seed: 11).X.ToArray(), seeded.Train.X.ToArray());
        Assert.Equal(ToyDatasets.DefaultCount, ModelBuilder.LoadData(Toy("""{ "dataset": "circles" }""")).Count);
    }

    [Fact]
    public void ToySet_IsOneHot_ForOneUnitPerClass()
    {
        var data = ModelBuilder.LoadData(Toy("""{ "dataset": "spirals", "n": 30, "classes": 3 }""", outputs: 3, activation: "softmax", loss: "cce"));
        Assert.Equal(3, data.Y.Cols);
        Assert.Equal([1.0, 0, 0, 0, 1, 0, 0, 0, 1], data.Y.ToArray()[..9]);
    }

    [Theory]
    [InlineData("""{ "dataset": "blobs", "classes": 3 }""", 1, "sigmoid", "bce", 2, "$.data.classes", "\"blobs\" has 3 classes but the last layer has 1 units")]
    [InlineData("""{ "dataset": "spirals" }""", 3, "softmax", "cce", 2, "$.data.dataset", "or set \"classes\": 3")]
    [InlineData("""{ "dataset": "moons", "classes": 3 }""", 3, "softmax", "cce", 2, "$.data.classes", "always has 2 classes")]
    [InlineData("""{ "dataset": "moons" }""", 1, "sigmoid", "cce", 2, "$.data.dataset", "categorical cross-entropy")]
    [InlineData("""{ "dataset": "moons" }""", 1, "sigmoid", "bce", 3, "$.data.dataset", "has 2 inputs (x₁, x₂) but the network has \"inputs\": 3")]
    [InlineData("""{ "dataset": "moons", "n": 1 }""", 1, "sigmoid", "bce", 2, "$.data.n", "fewer than the 2 classes")]
    [InlineData("""{ "dataset": "moons", "noise": -0.1 }""", 1, "sigmoid", "bce", 2, "$.data.noise", "negative")]
    [InlineData("""{ "dataset": "xor", "n": 10 }""", 1, "sigmoid", "bce", 2, "$.data.n", "applies only to the toy sets")]
    [InlineData("""{ "csv": "a.csv", "label": "y", "seed": 1 }""", 1, "sigmoid", "bce", 2, "$.data.seed", "applies only to the toy sets")]
    [InlineData("""{ "dataset": "rings" }""", 1, "sigmoid", "bce", 2, "$.data.dataset", "moons, circles, spirals, blobs")]
    [InlineData("""{ "dataset": "moons", "test": 1 }""", 1, "sigmoid", "bce", 2, "$.data.test", "outside [0, 1)")]
    [InlineData("""{ "dataset": "moons", "split_seed": 2 }""", 1, "sigmoid", "bce", 2, "$.data.split_seed", "no effect without a test or validation part")]
    [InlineData("""{ "dataset": "moons", "standardise": true }""", 1, "sigmoid", "bce", 2, "$.data.standardise", "did you mean \"standardize\"?")]
    public void ToySetProblems_NameThePathAndTheFix(string data, int outputs, string activation, string loss, int inputs, string path, string problem)
    {
        var e = Assert.Throws<SpecException>(() => Toy(data, outputs, activation, loss, inputs));
        Assert.Equal(path, e.JsonPath);
        Assert.Contains(problem, e.Message);
        Assert.Contains("Fix: ", e.Message);
        Assert.StartsWith("toy.json:", e.Message);
    }

    [Fact]
    public void Split_IsSeededByTrainSeed_OrSplitSeed_AndStratified()
    {
        const string data = """{ "dataset": "blobs", "n": 40, "classes": 4, "test": 0.25 }""";
        var a = ModelBuilder.LoadSplit(Toy(data, outputs: 4, activation: "softmax", loss: "cce"));
        var b = ModelBuilder.LoadSplit(Toy(data, outputs: 4, activation: "softmax", loss: "cce"));
        var c = ModelBuilder.LoadSplit(Toy(data.Replace("}", ", \"split_seed\": 8 }"), outputs: 4, activation: "softmax", loss: "cce"));

        Assert.Equal(30, a.Train.Count);
        Assert.Equal(10, a.Test!.Count);
        Assert.Equal(a.Test.X.ToArray(), b.Test!.X.ToArray());
        Assert.NotEqual(a.Test.X.ToArray(), c.Test!.X.ToArray());
        // 10 examples a class, 25 % of each is 2.5: two classes get 3 test places (the first on a tie), two get 2.
        Assert.Equal([3.0, 3, 2, 2], Enumerable.Range(0, 4).Select(j => Examples.Column(a.Test.Y, j).Sum()));
    }

    [Fact]
    public void TooSmallATestFraction_SaysHowManyEachPartGets()
    {
        var spec = Toy("""{ "dataset": "moons", "n": 4, "test": 0.1 }""");
        var e = Assert.Throws<NablaException>(() => ModelBuilder.LoadSplit(spec));
        Assert.Contains("toy.json: at $.data.test: holding out 0.1 of 4 examples leaves 4 to train on and 0 to test on. Fix:", e.Message);
    }

    [Fact]
    public void Standardization_IsMeasuredOnTheTrainingPartOnly_AndLoadDataApplesIt()
    {
        var spec = Toy("""{ "dataset": "blobs", "n": 100, "test": 0.3, "standardize": true }""");
        var split = ModelBuilder.LoadSplit(spec);
        var fit = Standardization.Fit(split.Train.X);
        Assert.Equal(fit.Mean, split.Standardization!.Mean);
        Assert.Equal(fit.Std, split.Standardization.Std);
        Assert.NotEqual(Standardization.Fit(split.Test!.X).Mean, split.Standardization.Mean);

        var seen = ModelBuilder.LoadData(spec);
        Assert.Equal(split.Standardization.Apply(split.Train.X).ToArray(), seen.X.ToArray());
        Assert.InRange(Examples.Column(seen.X, 0).Average(), -1e-12, 1e-12);
        Close.Equal(1, Math.Sqrt(Examples.Column(seen.X, 1).Average(v => v * v)), 1e-12, "σ of z");
    }
}
