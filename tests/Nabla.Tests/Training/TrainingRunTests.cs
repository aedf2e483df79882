using Nabla.Activations;
using Nabla.Layers;
using Nabla.Losses;
using Nabla.Numerics;
using Nabla.Optimizers;
using Nabla.Tensors;
using Nabla.Training;

namespace Nabla.Tests.Training;

/// <summary>A run stepped one batch at a time is Fit's run: the same weights and epoch losses after the same epochs.</summary>
public class TrainingRunTests
{
    private static Network<double> Build(ulong seed, double dropout = 0)
    {
        var random = new SeededRandom(seed);
        var dense = new List<Dense<double>>();
        int fanIn = 3;
        foreach (var (units, activation) in new[] { (5, "tanh"), (4, "relu"), (1, "sigmoid") })
        {
            var layer = new Dense<double>(fanIn, units, Activation.FromName(activation)!);
            Matrix<double>.FromArray(fanIn, units, Initializer.DefaultFor(activation).Draw(fanIn, units, random)).CopyTo(layer.W);
            layer.Dropout = activation == "sigmoid" ? 0 : dropout; // (hidden layers only)
            dense.Add(layer);
            fanIn = units;
        }

        return new Network<double>(3, dense, new BinaryCrossEntropy());
    }

    private static (Matrix<double> X, Matrix<double> Y) Data(int m)
    {
        var random = new SeededRandom(5);
        var x = new Matrix<double>(m, 3);
        var y = new Matrix<double>(m, 1);
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                x[i, j] = random.NextNormal();
            }

            y[i, 0] = x[i, 0] - (2 * x[i, 1]) + x[i, 2] > 0 ? 1 : 0;
        }

        return (x, y);
    }

    public static TheoryData<string, int, bool> Cases => new()
    {
        { "sgd", 7, true },
        { "adam", 7, true },
        { "momentum", 1, true },
        { "sgd", 0, false },
        { "adam", 10, false },
        { "sgd+dropout", 7, true }, // Fit's masks, drawn in the same order
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void SteppingBatchByBatch_GivesFitsWeightsAndLosses(string optimizer, int batch, bool shuffle)
    {
        var (x, y) = Data(23); // 23 rows: the last batch of an epoch is short
        var options = new TrainOptions { Epochs = 4, BatchSize = batch, Shuffle = shuffle, Seed = 42, Schedule = new StepDecay(2, 0.5) };
        Optimizer<double> Make() => optimizer switch
        {
            "adam" => new Adam<double>(0.01),
            "momentum" => new Momentum<double>(0.05, 0.9),
            _ => new Sgd<double>(0.3),
        };

        double dropout = optimizer.EndsWith("+dropout", StringComparison.Ordinal) ? 0.3 : 0;
        var fitted = Build(11, dropout);
        var fit = new Trainer<double>(fitted, Make(), options).Fit(x, y);

        var stepped = Build(11, dropout);
        var run = new TrainingRun<double>(stepped, Make(), options, x, y);
        int perEpoch = run.BatchesPerEpoch;
        Assert.Equal(batch is 0 ? 1 : (23 + batch - 1) / batch, perEpoch);
        long steps = 0;
        while (run.Epoch < 4)
        {
            Assert.Equal((int)(steps % perEpoch), run.BatchInEpoch);
            bool ended = run.Step();
            steps++;
            Assert.Equal(steps % perEpoch == 0, ended);
        }

        Assert.Null(run.StopMessage);
        Assert.Equal(fit.Steps, run.Steps);
        for (int e = 0; e < 4; e++)
        {
            Assert.Equal(fit.History.Row(e)[0], run.Losses[e]);
        }

        var a = fitted.Parameters.ToList();
        var b = stepped.Parameters.ToList();
        for (int p = 0; p < a.Count; p++)
        {
            Assert.Equal(a[p].Value.ToArray(), b[p].Value.ToArray());
        }
    }

    [Fact]
    public void NextBatch_NamesTheRowsTheNextStepTakes_AndFinishEpochCompletesIt()
    {
        var (x, y) = Data(10);
        var run = new TrainingRun<double>(Build(3), new Sgd<double>(0.1), new TrainOptions { BatchSize = 4, Shuffle = false }, x, y);
        Assert.Equal([0, 1, 2, 3], run.NextBatch.ToArray());
        run.Step();
        Assert.Equal([4, 5, 6, 7], run.NextBatch.ToArray());
        run.Step();
        Assert.Equal([8, 9], run.NextBatch.ToArray());
        Assert.True(run.FinishEpoch());
        Assert.Equal(1, run.Epoch);
        Assert.Equal(3, run.Steps);
        Assert.Equal([0, 1, 2, 3], run.NextBatch.ToArray());
    }

    [Fact]
    public void ANonFiniteLoss_StopsTheRun_WithTheLastGoodWeights()
    {
        var (x, y) = Data(8);
        x[5, 0] = double.NaN;
        var network = Build(3);
        double[] before = network.Parameters.First().Value.ToArray();
        var run = new TrainingRun<double>(network, new Sgd<double>(0.1), new TrainOptions { BatchSize = 4 }, x, y);
        Assert.False(run.Step()); // rows 0–3: fine
        Assert.False(run.Step()); // rows 4–7: NaN
        Assert.NotNull(run.StopMessage);
        Assert.Contains("diverged", run.StopMessage);
        Assert.False(run.FinishEpoch());
        Assert.Equal(before, network.Parameters.First().Value.ToArray());
        Assert.Equal(1, run.Steps);
    }
}
