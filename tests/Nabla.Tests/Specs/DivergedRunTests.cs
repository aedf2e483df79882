using Nabla.App;
using Nabla.Specs;

namespace Nabla.Tests.Specs;

/// <summary>A run whose last epoch blows up: the trainer's guard still catches it, and the model file can be written.</summary>
public class DivergedRunTests
{
    private const string BlowUp = """
        { "inputs": 1, "layers": [ { "units": 1, "activation": "identity", "weights": [[0.5]], "bias": [0] } ], "loss": "mse",
          "data": { "x": [[1e100]], "y": [[1]] }, "train": { "learning_rate": 1e300, "epochs": EPOCHS } }
        """;

    [Fact]
    public void ALastEpochWithFiniteLossesButInfiniteUpdates_KeepsTheWeightsFromItsStart()
    {
        var trained = SpecTrainer.Train(SpecReader.Parse(BlowUp.Replace("EPOCHS", "1", StringComparison.Ordinal)));
        Assert.True(trained.Result.Diverged);
        Assert.Equal(0, trained.Result.EpochsRun);
        Assert.Contains("epoch 1, the last", trained.Result.StopMessage);
        Assert.Equal(0.5, trained.Model.Layers[0].Weights![0][0]);
        Assert.Empty(trained.Model.History!["loss"]);

        string json = SpecWriter.ToJson(trained.Model); // does not throw
        Assert.Equal(0.5, SpecReader.Parse(json).Layers[0].Weights![0][0]);
    }

    [Fact]
    public void ADivergenceBeforeTheLastEpoch_IsStillCaughtByTheNextStep()
    {
        var trained = SpecTrainer.Train(SpecReader.Parse(BlowUp.Replace("EPOCHS", "3", StringComparison.Ordinal)));
        Assert.True(trained.Result.Diverged);
        Assert.All(trained.Model.Layers[0].Weights!.SelectMany(r => r), w => Assert.True(double.IsFinite(w)));
        SpecWriter.ToJson(trained.Model);
    }

    [Fact]
    public void AnOrdinaryRun_IsNotMarkedDiverged()
    {
        var trained = SpecTrainer.Train(SpecReader.Parse("""
            { "inputs": 1, "layers": [ { "units": 1, "activation": "identity", "weights": [[0.5]], "bias": [0] } ], "loss": "mse",
              "data": { "x": [[1], [2]], "y": [[2], [4]] }, "train": { "learning_rate": 0.05, "epochs": 2 } }
            """));
        Assert.False(trained.Result.Diverged);
        Assert.Equal(2, trained.Model.History!["loss"].Length);
    }
}
