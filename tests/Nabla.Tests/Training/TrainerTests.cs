using System.Numerics;
using Nabla.Activations;
using Nabla.Layers;
using Nabla.Losses;
using Nabla.Numerics;
using Nabla.Optimizers;
using Nabla.Tensors;
using Nabla.Training;

namespace Nabla.Tests.Training;

public class TrainerTests
{
    private static readonly double[] XorInputs = [0, 0, 0, 1, 1, 0, 1, 1];
    private static readonly double[] XorLabels = [0, 1, 1, 0];

    /// <summary>Dense layers with weights drawn by <paramref name="init"/> from a seeded generator; biases 0.</summary>
    private static Network<T> Build<T>(ulong seed, int inputs, (int Units, string Activation)[] layers, Loss loss, Initializer? init = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new SeededRandom(seed);
        var dense = new List<Dense<T>>();
        int fanIn = inputs;
        foreach (var (units, activation) in layers)
        {
            var layer = new Dense<T>(fanIn, units, Activation.FromName(activation)!);
            double[] w = (init ?? Initializer.DefaultFor(activation)).Draw(fanIn, units, random);
            Matrix<T>.FromArray(fanIn, units, w).CopyTo(layer.W);
            dense.Add(layer);
            fanIn = units;
        }

        return new Network<T>(inputs, dense, loss);
    }

    private static double[][] Weights<T>(Network<T> net)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        [.. net.Parameters.Select(p => p.Value.ToArray())];

    /// <summary>m examples of n inputs and one 0/1 label (a noisy linear rule).</summary>
    private static (Matrix<double> X, Matrix<double> Y) Blobs(int m, int n, ulong seed)
    {
        var random = new SeededRandom(seed);
        var x = new Matrix<double>(m, n);
        var y = new Matrix<double>(m, 1);
        for (int i = 0; i < m; i++)
        {
            double s = 0;
            for (int j = 0; j < n; j++)
            {
                x[i, j] = random.NextNormal();
                s += x[i, j] * (j + 1);
            }

            y[i, 0] = s + (0.5 * random.NextNormal()) > 0 ? 1 : 0;
        }

        return (x, y);
    }

    [Fact]
    public void SameSeedAndSettings_GiveBitIdenticalWeights()
    {
        var (x, y) = Blobs(23, 3, 5);
        (double[][] Weights, History History) Run()
        {
            var net = Build<double>(11, 3, [(5, "tanh"), (4, "relu"), (1, "sigmoid")], new BinaryCrossEntropy());
            var options = new TrainOptions { Epochs = 30, BatchSize = 4, Shuffle = true, Seed = 99 };
            var result = new Trainer<double>(net, new Adam<double>(0.01), options, [Metric.Accuracy]).Fit(x, y);
            return (Weights(net), result.History);
        }

        var first = Run();
        var second = Run();
        Assert.Equal(first.Weights.Length, second.Weights.Length);
        for (int p = 0; p < first.Weights.Length; p++)
        {
            Assert.Equal(first.Weights[p], second.Weights[p]); // exact equality, element by element
        }

        Assert.Equal(first.History.Rows.Count, second.History.Rows.Count);
        for (int e = 0; e < first.History.Rows.Count; e++)
        {
            Assert.Equal(first.History.Rows[e], second.History.Rows[e]);
        }

        // A different shuffle seed visits the examples in another order: other weights.
        var net3 = Build<double>(11, 3, [(5, "tanh"), (4, "relu"), (1, "sigmoid")], new BinaryCrossEntropy());
        new Trainer<double>(net3, new Adam<double>(0.01), new TrainOptions { Epochs = 30, BatchSize = 4, Shuffle = true, Seed = 100 }).Fit(x, y);
        Assert.NotEqual(first.Weights[0], Weights(net3)[0]);
    }

    [Fact]
    public void FloatAndDouble_AgreeToFloatPrecision()
    {
        var netD = Build<double>(3, 2, [(3, "sigmoid"), (1, "sigmoid")], new BinaryCrossEntropy());
        var netF = Build<float>(3, 2, [(3, "sigmoid"), (1, "sigmoid")], new BinaryCrossEntropy());
        // Start both from exactly the same (float-representable) weights.
        for (int p = 0; p < netD.Parameters.Count; p++)
        {
            var d = netD.Parameters[p].Value.Span;
            var f = netF.Parameters[p].Value.Span;
            for (int i = 0; i < d.Length; i++)
            {
                f[i] = (float)d[i];
                d[i] = f[i];
            }
        }

        var options = new TrainOptions { Epochs = 200 };
        var resultD = new Trainer<double>(netD, new Sgd<double>(0.5), options).Fit(
            Matrix<double>.FromArray(4, 2, XorInputs), Matrix<double>.FromArray(4, 1, XorLabels));
        var resultF = new Trainer<float>(netF, new Sgd<float>(0.5), options).Fit(
            Matrix<float>.FromArray(4, 2, XorInputs), Matrix<float>.FromArray(4, 1, XorLabels));

        Assert.Equal(200, resultD.EpochsRun);
        Assert.Equal(200, resultF.EpochsRun);
        var wD = Weights(netD);
        var wF = Weights(netF);
        for (int p = 0; p < wD.Length; p++)
        {
            for (int i = 0; i < wD[p].Length; i++)
            {
                double scale = Math.Max(Math.Abs(wD[p][i]), 0.1);
                Assert.True(Math.Abs(wD[p][i] - wF[p][i]) <= 1e-4 * scale, $"{netD.Parameters[p].Name}[{i}]: double {wD[p][i]}, float {wF[p][i]}");
            }

            Assert.NotEqual(wD[p], wF[p]); // they did run in different precisions
        }

        var lossD = resultD.History.Series("loss");
        var lossF = resultF.History.Series("loss");
        for (int e = 0; e < lossD.Length; e++)
        {
            Close.Equal(lossD[e], lossF[e], 1e-4, $"loss in epoch {e + 1}");
        }
    }

    [Fact]
    public void History_HasOneRowPerEpoch_AndItsColumns()
    {
        var (x, y) = Blobs(10, 2, 8);
        var net = Build<double>(4, 2, [(3, "tanh"), (1, "sigmoid")], new SquaredError(half: true, Reduction.Sum));
        var epochs = new List<int>();
        var trainer = new Trainer<double>(net, new Sgd<double>(0.1), new TrainOptions { Epochs = 17, BatchSize = 3 },
            [Metric.OfLoss(new BinaryCrossEntropy()), Metric.Accuracy])
        {
            EpochEnded = (epoch, row) =>
            {
                Assert.Equal(3, row.Length);
                epochs.Add(epoch);
            },
        };
        var result = trainer.Fit(x, y);

        Assert.Equal(["loss", "bce", "accuracy"], result.History.Columns);
        Assert.Equal(17, result.History.Count);
        Assert.Equal(17, result.EpochsRun);
        Assert.All(result.History.Rows, row => Assert.Equal(3, row.Length));
        Assert.Equal(Enumerable.Range(1, 17), epochs);
        Assert.Equal(17, result.History.Series("accuracy").Length);
        Assert.All(result.History.Series("accuracy"), a => Assert.InRange(a, 0, 1));
        Assert.Equal(2, result.History.IndexOf("accuracy"));
        Assert.Equal(-1, result.History.IndexOf("nope"));
        Assert.Throws<KeyNotFoundException>(() => result.History.Series("nope"));
        Assert.False(result.Diverged);
        Assert.False(result.Cancelled);
        Assert.Null(result.StopMessage);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(1)]
    [InlineData(0)]
    public void EpochRow_IsTheLossOverAllExamples_WhenNothingMoves(int batchSize)
    {
        // With η = 0 the weights stay put, so every epoch's row must equal the full-batch values.
        var (x, y) = Blobs(10, 2, 9);
        var net = Build<double>(6, 2, [(3, "tanh"), (1, "sigmoid")], new BinaryCrossEntropy());
        var half = new SquaredError(half: true, Reduction.Sum);
        var output = net.Forward(x);
        double loss = net.LossValue(y);
        double halfSse = half.Value(output, y);
        double accuracy = Accuracy.CountCorrect(output, y) / 10.0;

        var result = new Trainer<double>(net, new Sgd<double>(0), new TrainOptions { Epochs = 3, BatchSize = batchSize, Shuffle = true },
            [Metric.OfLoss(half), Metric.Accuracy]).Fit(x, y);
        foreach (var row in result.History.Rows)
        {
            Close.Equal(loss, row[0], 1e-12, "mean bce");
            Close.Equal(halfSse, row[1], 1e-12, "half_sse (a sum)");
            Close.Equal(accuracy, row[2], 1e-12, "accuracy");
        }
    }

    [Fact]
    public void HugeLearningRate_Diverges_AndKeepsFiniteWeights()
    {
        var x = Matrix<double>.FromArray(4, 2, 1, 2, -1, 3, 2, 1, 0.5, -2);
        var y = Matrix<double>.FromArray(4, 1, 1, -2, 3, 0.5);
        var net = Build<double>(1, 2, [(3, "identity"), (1, "identity")], new SquaredError(half: false, Reduction.Mean), new Initializer("uniform", -1, 1));
        var weightsAtEpochEnd = new List<double[][]> { Weights(net) };
        var trainer = new Trainer<double>(net, new Sgd<double>(50), new TrainOptions { Epochs = 1000 })
        {
            EpochEnded = (_, _) => weightsAtEpochEnd.Add(Weights(net)),
        };
        var result = trainer.Fit(x, y);

        Assert.True(result.Diverged);
        Assert.False(result.Cancelled);
        Assert.NotNull(result.StopMessage);
        Assert.Contains("diverged", result.StopMessage, StringComparison.Ordinal);
        Assert.InRange(result.EpochsRun, 2, 999); // so "last good" and "start of the diverging epoch" differ
        Assert.Equal(result.EpochsRun, result.History.Count);
        Assert.Equal(result.EpochsRun, result.Steps);
        Assert.All(result.History.Series("loss"), l => Assert.True(double.IsFinite(l)));

        var final = Weights(net);
        Assert.All(final, w => Assert.All(w, v => Assert.True(double.IsFinite(v), $"weight {v}")));

        // The last good model: the weights at the start of the last epoch whose losses were all
        // finite (epoch EpochsRun; the initial weights when the first epoch diverged) ...
        var lastGood = weightsAtEpochEnd[Math.Max(result.EpochsRun - 1, 0)];
        for (int p = 0; p < final.Length; p++)
        {
            Assert.Equal(lastGood[p], final[p]);
        }

        // ... so the model that is kept has a finite loss, unlike the weights that diverged.
        net.Forward(x);
        Assert.True(double.IsFinite(net.LossValue(y)), $"the kept weights give a loss of {net.LossValue(y)}");
    }

    [Theory]
    [InlineData(10, 3, 7, 28)] // ceil(10/3) = 4 steps an epoch
    [InlineData(10, 1, 7, 70)]
    [InlineData(10, 5, 7, 14)]
    [InlineData(10, 0, 7, 7)]  // full batch
    [InlineData(10, 10, 7, 7)]
    [InlineData(10, 64, 7, 7)] // larger than m: one batch of m
    [InlineData(1, 4, 3, 3)]
    public void Steps_AreEpochsTimesBatchesPerEpoch(int m, int batchSize, int epochs, long steps)
    {
        var (x, y) = Blobs(m, 2, 3);
        var net = Build<double>(2, 2, [(2, "sigmoid"), (1, "sigmoid")], new BinaryCrossEntropy());
        var optimizer = new Sgd<double>(0.1);
        var result = new Trainer<double>(net, optimizer, new TrainOptions { Epochs = epochs, BatchSize = batchSize, Shuffle = true }).Fit(x, y);
        Assert.Equal(steps, result.Steps);
        Assert.Equal(steps, optimizer.Steps);
        Assert.Equal(epochs, result.EpochsRun);
        Assert.Equal(epochs, result.History.Count);
    }

    /// <summary>One linear unit: ŷ = x·w + b, half_sse. Returns (∂L/∂w₁, ∂L/∂w₂, ∂L/∂b) by hand.</summary>
    private static double[] HandGradient(double[] w, double b, double[] x, double y)
    {
        double e = (x[0] * w[0]) + (x[1] * w[1]) + b - y; // L = ½e²
        return [e * x[0], e * x[1], e];
    }

    private static (Network<double> Net, Dense<double> Layer) LinearUnit()
    {
        var layer = new Dense<double>(2, 1, new Identity());
        Matrix<double>.FromArray(2, 1, 0.5, -0.3).CopyTo(layer.W);
        Matrix<double>.FromArray(1, 1, 0.1).CopyTo(layer.B!);
        return (new Network<double>(2, [layer], new SquaredError(half: true, Reduction.Sum)), layer);
    }

    private static readonly double[] UnitX = [2, -1];
    private const double UnitY = 1;

    /// <summary>Takes <paramref name="steps"/> optimizer steps on one example; returns [w₁, w₂, b].</summary>
    private static double[] Train(Optimizer<double> optimizer, int steps)
    {
        var (net, layer) = LinearUnit();
        var x = Matrix<double>.FromArray(1, 2, UnitX);
        var y = Matrix<double>.FromArray(1, 1, UnitY);
        for (int s = 0; s < steps; s++)
        {
            net.Forward(x);
            net.Backward(y);
            optimizer.Step(net.Parameters);
        }

        return [layer.W[0, 0], layer.W[1, 0], layer.B![0, 0]];
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Momentum_TakesTheHandComputedSteps(bool nesterov)
    {
        const double eta = 0.1, mu = 0.9;
        double[] theta = [0.5, -0.3, 0.1];
        double[] v = [0, 0, 0];
        for (int step = 1; step <= 3; step++)
        {
            double[] g = HandGradient([theta[0], theta[1]], theta[2], UnitX, UnitY);
            for (int i = 0; i < 3; i++)
            {
                v[i] = (mu * v[i]) + g[i];                                  // v ← μ·v + dW
                theta[i] -= eta * (nesterov ? g[i] + (mu * v[i]) : v[i]);   // W ← W − η·v  (Nesterov: − η·(dW + μ·v))
            }

            Close.Equal(theta, Train(new Momentum<double>(eta, mu, nesterov), step), 1e-14, $"after step {step}");
        }

        // The first step by hand: ŷ = 2·0.5 + (−1)(−0.3) + 0.1 = 1.4, e = 0.4, g = e·x = (0.8, −0.4, 0.4).
        double first = nesterov ? 0.5 - (0.1 * 0.8 * 1.9) : 0.5 - (0.1 * 0.8);
        Close.Equal(first, Train(new Momentum<double>(eta, mu, nesterov), 1)[0], 1e-14, "w₁ after one step");
    }

    [Fact]
    public void Adam_TakesTheHandComputedSteps()
    {
        const double eta = 0.01, b1 = 0.9, b2 = 0.999, eps = 1e-8;
        double[] theta = [0.5, -0.3, 0.1];
        double[] m = [0, 0, 0], v = [0, 0, 0];
        for (int t = 1; t <= 3; t++)
        {
            double[] g = HandGradient([theta[0], theta[1]], theta[2], UnitX, UnitY);
            for (int i = 0; i < 3; i++)
            {
                m[i] = (b1 * m[i]) + ((1 - b1) * g[i]);
                v[i] = (b2 * v[i]) + ((1 - b2) * g[i] * g[i]);
                double mHat = m[i] / (1 - Math.Pow(b1, t));
                double vHat = v[i] / (1 - Math.Pow(b2, t));
                theta[i] -= eta * mHat / (Math.Sqrt(vHat) + eps);
            }

            Close.Equal(theta, Train(new Adam<double>(eta, b1, b2, eps), t), 1e-13, $"after step {t}");
        }

        // The first Adam step is η·sign(g) (m̂ = g, v̂ = g²), up to ε.
        double[] once = Train(new Adam<double>(eta), 1);
        Close.Equal(0.5 - 0.01, once[0], 1e-7);
        Close.Equal(-0.3 + 0.01, once[1], 1e-7);
        Close.Equal(0.1 - 0.01, once[2], 1e-7);
    }

    [Fact]
    public void Sgd_TakesTheHandComputedStep()
    {
        double[] after = Train(new Sgd<double>(0.1), 1);
        Close.Equal([0.5 - 0.08, -0.3 + 0.04, 0.1 - 0.04], after, 1e-14); // g = (0.8, −0.4, 0.4)
    }

    [Fact]
    public void FrozenParameters_DoNotChange()
    {
        var (x, y) = Blobs(12, 3, 4);
        var net = Build<double>(21, 3, [(4, "tanh"), (3, "relu"), (1, "sigmoid")], new BinaryCrossEntropy());
        foreach (var layer in net.Layers)
        {
            Matrix<double>.FromArray(1, layer.Units, new Initializer("uniform", -0.5, 0.5).Draw(1, layer.Units, new SeededRandom(2))).CopyTo(layer.B!);
        }

        net.Layers[0].TrainWeights = false;
        net.Layers[1].TrainBias = false;
        net.Layers[2].TrainWeights = false;
        net.Layers[2].TrainBias = false;
        var before = Weights(net);
        Assert.Equal(["W1", "b1", "W2", "b2", "W3", "b3"], net.Parameters.Select(p => p.Name));
        Assert.Equal([false, true, true, false, false, false], net.Parameters.Select(p => p.Trainable));

        foreach (Optimizer<double> optimizer in new Optimizer<double>[] { new Sgd<double>(0.5), new Momentum<double>(0.1, 0.9, true), new Adam<double>(0.05) })
        {
            new Trainer<double>(net, optimizer, new TrainOptions { Epochs = 20, BatchSize = 5, Shuffle = true }).Fit(x, y);
        }

        var after = Weights(net);
        for (int p = 0; p < before.Length; p++)
        {
            if (net.Parameters[p].Trainable)
            {
                Assert.NotEqual(before[p], after[p]);
            }
            else
            {
                Assert.Equal(before[p], after[p]);
            }
        }
    }

    [Fact]
    public void Xor_IsLearned_OneExampleAtATime()
    {
        var net = Build<double>(XorSeed, 2, [(2, "sigmoid"), (1, "sigmoid")], new BinaryCrossEntropy(), new Initializer("xavier"));
        var x = Matrix<double>.FromArray(4, 2, XorInputs);
        var y = Matrix<double>.FromArray(4, 1, XorLabels);
        var result = new Trainer<double>(net, new Sgd<double>(0.5), new TrainOptions { Epochs = 5000, BatchSize = 1 }, [Metric.Accuracy]).Fit(x, y);

        Assert.False(result.Diverged);
        Assert.Equal(20_000, result.Steps);
        var predicted = net.Predict(x).ToArray();
        for (int i = 0; i < 4; i++)
        {
            Assert.True(XorLabels[i] == 1 ? predicted[i] > 0.5 : predicted[i] < 0.5, $"XOR({XorInputs[2 * i]}, {XorInputs[(2 * i) + 1]}) = {predicted[i]}");
        }

        Assert.Equal(1.0, result.History.Series("accuracy")[^1]);
        Assert.True(result.History.Series("loss")[^1] < result.History.Series("loss")[0]);
    }

    /// <summary>
    /// A seed whose xavier draw (biases 0) learns XOR. Of seeds 1–30, 17 do; the others end in the
    /// well-known 2-2-1 local minimum where two inputs read ≈ 0.47 (seed 1 is one of those).
    /// </summary>
    private const ulong XorSeed = 2;

    [Fact]
    public void Cancellation_StopsBeforeTheNextEpoch()
    {
        var (x, y) = Blobs(8, 2, 1);
        var net = Build<double>(1, 2, [(1, "sigmoid")], new BinaryCrossEntropy());
        using var cancel = new CancellationTokenSource();
        var trainer = new Trainer<double>(net, new Sgd<double>(0.1), new TrainOptions { Epochs = 100 })
        {
            EpochEnded = (epoch, _) =>
            {
                if (epoch == 5)
                {
                    cancel.Cancel();
                }
            },
        };
        var result = trainer.Fit(x, y, cancel.Token);
        Assert.True(result.Cancelled);
        Assert.False(result.Diverged);
        Assert.Equal(5, result.EpochsRun);
        Assert.Equal(5, result.History.Count);
    }

    [Fact]
    public void Fit_RejectsMismatchedData()
    {
        var net = Build<double>(1, 2, [(1, "sigmoid")], new BinaryCrossEntropy());
        var trainer = new Trainer<double>(net, new Sgd<double>(0.1), new TrainOptions());
        Assert.Throws<NablaException>(() => trainer.Fit(new Matrix<double>(3, 2), new Matrix<double>(2, 1)));
        Assert.Throws<NablaException>(() => trainer.Fit(new Matrix<double>(0, 2), new Matrix<double>(0, 1)));
    }
}
