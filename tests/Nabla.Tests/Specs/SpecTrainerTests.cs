using Nabla.App;
using Nabla.Specs;
using Nabla.Tests.Cli;

namespace Nabla.Tests.Specs;

public class SpecTrainerTests
{
    [Fact]
    public void Float32AndFloat64_AgreeToFloatPrecision()
    {
        var spec64 = Examples.Load("seed-003-xor-sigmoid.json");
        spec64 = spec64 with { Train = spec64.Train with { Epochs = 200 } };
        var spec32 = Examples.Load("seed-003-xor-sigmoid.json");
        spec32 = spec32 with { Train = spec32.Train with { Epochs = 200, Precision = "float32" } };

        var a = SpecTrainer.Train(spec64);
        var b = SpecTrainer.Train(spec32);
        Assert.Equal("float32", b.Model.Train.Precision);
        var w64 = a.Model.Layers.SelectMany(l => l.Weights!.SelectMany(r => r).Concat(l.Bias!)).ToArray();
        var w32 = b.Model.Layers.SelectMany(l => l.Weights!.SelectMany(r => r).Concat(l.Bias!)).ToArray();
        Close.Equal(w64, w32, 1e-4, "weights after 200 epochs");
        Close.Equal(a.Model.History!["loss"], b.Model.History!["loss"], 1e-5, "loss history");
    }

    [Fact]
    public void DivergingRun_StopsKeepsLastGoodWeights_AndTheCliSaysSo()
    {
        const string json = """
            {
              "inputs": 1,
              "layers": [ { "units": 1, "activation": "identity", "weights": [[1]], "bias": [0] } ],
              "loss": "sse",
              "data": { "x": [[10], [20], [30]], "y": [[1], [2], [3]] },
              "train": { "learning_rate": 10, "epochs": 500 }
            }
            """;
        var trained = SpecTrainer.Train(SpecReader.Parse(json));
        Assert.True(trained.Result.Diverged);
        Assert.True(trained.Result.EpochsRun < 500);
        Assert.All(trained.Model.Layers[0].Weights![0], w => Assert.True(double.IsFinite(w)));

        string spec = CliProcess.TempSpec(json);
        string outDir = Path.Combine(Path.GetDirectoryName(spec)!, "run");
        var r = CliProcess.Run("train", spec, "--out", outDir);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("diverged", r.Error);
        var model = SpecReader.ReadFile(Path.Combine(outDir, "model.json"));
        Assert.True(model.Result!.Diverged);
        Assert.True(double.IsFinite(model.Layers[0].Weights![0][0]));
    }
}
