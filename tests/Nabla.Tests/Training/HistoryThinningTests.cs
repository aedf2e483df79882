using Nabla.Activations;
using Nabla.Layers;
using Nabla.Losses;
using Nabla.Optimizers;
using Nabla.Tensors;
using Nabla.Training;

namespace Nabla.Tests.Training;

/// <summary>A long run keeps a bounded history: the first epoch, the last, and an even spread between.</summary>
public class HistoryThinningTests
{
    [Fact]
    public void UpToTheLimit_EveryEpochIsKept()
    {
        var history = Record(new History(["loss"], limit: 10), 10);
        Assert.False(history.Thinned);
        Assert.Equal(Enumerable.Range(1, 10), history.Epochs);
        Assert.Equal(["loss"], history.ToColumns().Keys);
    }

    [Theory]
    [InlineData(16, 17)]
    [InlineData(16, 1000)]
    [InlineData(100, 12_345)]
    [InlineData(2, 50)]
    public void BeyondTheLimit_KeepsFirstLastAndAnEvenSpread(int limit, int epochs)
    {
        var history = new History(["loss", "accuracy"], limit);
        for (int e = 1; e <= epochs; e++)
        {
            history.Add([e, -e]);
            AssertBoundedAndEven(history, e);
        }

        Assert.True(history.Thinned);
        Assert.True(history.Count > limit / 2, $"only {history.Count} rows of {limit} kept");
        var columns = history.ToColumns();
        Assert.Equal(["epoch", "loss", "accuracy"], columns.Keys);
        Assert.Equal(columns["epoch"], columns["loss"]); // each kept row is its own epoch's
        Assert.Equal(columns["epoch"].Select(e => -e), columns["accuracy"]);
    }

    [Fact]
    public void EpochsOf_AnUnthinnedHistory_AreOneToN() =>
        Assert.Equal([1.0, 2, 3], History.EpochsOf(new Dictionary<string, double[]> { ["loss"] = [5, 4, 3] }, 3));

    [Fact]
    public void ATenThousandEpochRun_KeepsABoundedHistory_EndingAtTheLastEpoch()
    {
        var hidden = new Dense<double>(2, 2, Activation.FromName("tanh")!);
        Matrix<double>.FromArray(2, 2, [0.5, -0.4, 0.3, 0.6]).CopyTo(hidden.W);
        var net = new Network<double>(2, [hidden, new Dense<double>(2, 1, Activation.FromName("sigmoid")!)], new BinaryCrossEntropy());
        var x = Matrix<double>.FromArray(4, 2, [0, 0, 0, 1, 1, 0, 1, 1]);
        var y = Matrix<double>.FromArray(4, 1, [0, 1, 1, 0]);
        var result = new Trainer<double>(net, new Sgd<double>(0.5), new TrainOptions { Epochs = 10_000 }).Fit(x, y);
        Assert.Equal(10_000, result.History.EpochsRecorded);
        Assert.InRange(result.History.Count, History.DefaultLimit / 2, History.DefaultLimit);
        Assert.Equal(1, result.History.Epochs[0]);
        Assert.Equal(10_000, result.History.Epochs[^1]);
    }

    private static History Record(History history, int epochs)
    {
        for (int e = 1; e <= epochs; e++)
        {
            history.Add([e]);
        }

        return history;
    }

    private static void AssertBoundedAndEven(History history, int epochsSoFar)
    {
        int[] kept = history.Epochs;
        Assert.InRange(kept.Length, 1, history.Limit);
        Assert.Equal(1, kept[0]);
        Assert.Equal(epochsSoFar, kept[^1]);
        if (kept.Length > 2)
        {
            // Every gap but the last (up to the latest epoch) is the same.
            int stride = kept[1] - kept[0];
            for (int i = 1; i < kept.Length - 1; i++)
            {
                Assert.Equal(stride, kept[i] - kept[i - 1]);
            }

            Assert.InRange(kept[^1] - kept[^2], 1, stride);
        }
    }
}
