using Nabla.App;
using Nabla.Specs;

namespace Nabla.Tests.Specs;

public class SpecReaderTests
{
    [Fact]
    public void CommentsAndTrailingCommas_AreAllowed()
    {
        var spec = SpecReader.Parse("""
            // a comment
            {
              "inputs": 2, /* another */
              "layers": [ { "units": 1, "activation": "sigmoid", }, ],
              "loss": "bce",
            }
            """);
        Assert.Equal(2, spec.Inputs);
        Assert.Equal("sigmoid", spec.Layers[0].Activation);
    }

    [Fact]
    public void WeightsByUnit_AreTransposedToInputsByUnits()
    {
        var spec = SpecReader.Parse("""
            { "inputs": 3, "layers": [ { "units": 2, "weights_by_unit": [[1, 2, 3], [4, 5, 6]] } ], "loss": "mse" }
            """);
        Assert.Equal([[1.0, 4.0], [2.0, 5.0], [3.0, 6.0]], spec.Layers[0].Weights!);
    }

    [Fact]
    public void ModelFile_RoundTripsEveryNumberExactly()
    {
        var trained = SpecTrainer.Train(Examples.Load("seed-001-or-sigmoid.json"));
        string json = SpecWriter.ToJson(trained.Model);
        var back = SpecReader.Parse(json);
        Assert.Equal(trained.Model.Layers[0].Weights!, back.Layers[0].Weights!);
        Assert.Equal(trained.Model.History!["loss"], back.History!["loss"]);
        Assert.Equal(json, SpecWriter.ToJson(back));
    }

    [Fact]
    public void WriteFile_IsAtomicAndLeavesNoTemporaryFile()
    {
        string dir = Path.Combine(Path.GetTempPath(), "nabla-tests", Guid.NewGuid().ToString("N"));
        string path = Path.Combine(dir, "model.json");
        var spec = Examples.Load("seed-004-neuron-vectorised.json");
        SpecWriter.WriteFile(spec, path);
        SpecWriter.WriteFile(spec, path);
        Assert.Equal(["model.json"], Directory.GetFiles(dir).Select(Path.GetFileName));
        Assert.Equal(spec.Layers[0].Weights!, SpecReader.ReadFile(path).Layers[0].Weights!);
    }

    [Fact]
    public void MissingWeights_AreDrawnFromTheSeed_AndStoredInTheModel()
    {
        const string json = """
            { "inputs": 3, "layers": [ { "units": 4, "activation": "tanh" }, { "units": 2, "activation": "softmax", "init": "normal(0.5)" } ],
              "loss": "cce", "train": { "seed": 42 } }
            """;
        var a = SpecReader.Parse(json);
        var b = SpecReader.Parse(json);
        a = ModelBuilder.FillMissingWeights(a);
        b = ModelBuilder.FillMissingWeights(b);
        Assert.Equal(a.Layers[1].Weights!, b.Layers[1].Weights!);
        Assert.Equal(3, a.Layers[0].Weights!.Length);
        Assert.All(a.Layers[0].Weights!.SelectMany(r => r), w => Assert.InRange(w, -Math.Sqrt(6.0 / 7), Math.Sqrt(6.0 / 7)));
        var c = SpecReader.Parse(json.Replace("42", "43"));
        c = ModelBuilder.FillMissingWeights(c);
        Assert.NotEqual(a.Layers[0].Weights![0][0], c.Layers[0].Weights![0][0]);
    }

    [Theory]
    [InlineData("""{ "inputs": 0, "layers": [ { "units": 1 } ], "loss": "mse" }""", "$.inputs", "too small")]
    [InlineData("""{ "inputs": 2, "layers": [], "loss": "mse" }""", "$.layers", "non-empty")]
    [InlineData("""{ "inputs": 2, "layers": [ { "units": 2, "bias": [1] } ], "loss": "mse" }""", "$.layers[0].bias", "2 units but 1 bias")]
    [InlineData("""{ "inputs": 2, "layers": [ { "units": 1, "init": "gaussian" } ], "loss": "mse" }""", "$.layers[0].init", "unknown initialiser")]
    [InlineData("""{ "inputs": 2, "layers": [ { "units": 1 } ], "loss": { "name": "bce", "reduction": "avg" } }""", "$.loss.reduction", "unknown reduction")]
    [InlineData("""{ "inputs": 2, "layers": [ { "units": 1 } ], "loss": "mse", "train": { "batch": "half" } }""", "$.train.batch", "\"full\" or a number")]
    [InlineData("""{ "inputs": 2, "layers": [ { "units": 1 } ], "loss": "mse", "train": { "precision": "float16" } }""", "$.train.precision", "unknown precision")]
    [InlineData("""{ "inputs": 2, "layers": [ { "units": 1 } ], "loss": "mse", "train": { "learning_rate": -1 } }""", "$.train.learning_rate", "not positive")]
    [InlineData("""{ "inputs": 2, "layers": [ { "units": 1 } ], "loss": "mse", "metrics": ["f1"] }""", "$.metrics[0]", "unknown metric")]
    [InlineData("""{ "inputs": 2, "layers": [ { "units": 1 } ], "loss": "mse", "data": { "x": [[0, 1], [1]], "y": [[0], [1]] } }""", "$.data.x[1]", "row 2 has 1 values")]
    [InlineData("""{ "inputs": 2, "layers": [ { "units": 1 } ], "loss": "mse", "data": { "x": [[0, 1]], "y": [[0], [1]] } }""", "$.data.y", "1 rows but \"y\" has 2")]
    [InlineData("""{ "inputs": 3, "layers": [ { "units": 1 } ], "loss": "mse", "data": { "dataset": "xor" } }""", "$.data.dataset", "2 values but the network has \"inputs\": 3")]
    [InlineData("""{ "inputs": 2, "layers": [ { "units": 2, "activation": "softmax" } ], "loss": "cce", "data": { "x": [[0, 1]], "y": [[1, 1]] } }""", "$.data.y", "sums to 2")]
    [InlineData("""{ "inputs": 2, "layers": [ { "units": 1, "activation": "sigmoid" } ], "loss": "mse", "data": { "x": [[0, "a"]], "y": [[0]] } }""", "$.data.x[0][1]", "expected a number")]
    public void Problems_NameThePathAndTheFix(string json, string path, string problem)
    {
        var e = Assert.Throws<SpecException>(() => SpecReader.Parse(json, "bad.json"));
        Assert.Equal(path, e.JsonPath);
        Assert.Contains(problem, e.Message);
        Assert.Contains("Fix:", e.Message);
        Assert.StartsWith("bad.json:1:", e.Message);
    }
}
