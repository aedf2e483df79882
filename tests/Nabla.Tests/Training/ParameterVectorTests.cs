using Nabla.Activations;
using Nabla.Layers;
using Nabla.Losses;
using Nabla.Numerics;
using Nabla.Optimizers;
using Nabla.Tensors;
using Nabla.Training;

namespace Nabla.Tests.Training;

/// <summary>
/// A network keeps all its parameters in one vector θ = (W1, b1, W2, b2, …) and their gradients in
/// another, so the trainer updates and snapshots them in one pass; and a batch whose rows lie
/// together in X is a view of them, not a copy. Neither may change a single bit of training.
/// </summary>
public class ParameterVectorTests
{
    private static List<Dense<double>> Layers(ulong seed)
    {
        var random = new SeededRandom(seed);
        var layers = new List<Dense<double>> { new(3, 4, new Tanh()), new(4, 2, new Relu()), new(2, 1, new Sigmoid()) };
        foreach (var layer in layers)
        {
            foreach (var p in new[] { layer.W, layer.B! })
            {
                for (int i = 0; i < p.Length; i++)
                {
                    p.Span[i] = random.Uniform(-0.8, 0.8);
                }
            }
        }

        return layers;
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

            y[i, 0] = x[i, 0] - x[i, 2] > 0 ? 1 : 0;
        }

        return (x, y);
    }

    [Fact]
    public void Network_StoresItsParametersBackToBack_WhereTheLayersStillSeeThem()
    {
        // (Parameters of 4 KiB or more start on a cache line instead: AlignedTests.)
        var layers = Layers(1);
        var w1 = layers[0].W;
        double[] before = [.. layers.SelectMany(l => l.W.ToArray().Concat(l.B!.ToArray()))];
        var net = new Network<double>(3, layers, new BinaryCrossEntropy());

        var (values, gradients) = net.FlatParameters()!.Value;
        Assert.Same(w1, layers[0].W);
        Assert.Equal(before, values.ToArray());
        Assert.Equal(net.Parameters.Sum(p => p.Value.Length), gradients.Count);

        layers[1].B![0, 1] = 7;                         // b2[1] is element 12 + 4 + 8 + 1 of θ
        Assert.Equal(7, values[12 + 4 + 8 + 1]);
        var (x, y) = Data(5);
        net.Forward(x);
        net.Backward(y);
        Assert.Equal(Theta.Gradients(net), gradients.ToArray());
    }

    [Fact]
    public void FlatParameters_AreRefused_WhenOneIsFrozen_OrALayerMovedToAnotherNetwork()
    {
        var layers = Layers(2);
        var first = new Network<double>(3, layers, new BinaryCrossEntropy());
        layers[1].TrainBias = false;
        Assert.Null(first.FlatParameters());
        layers[1].TrainBias = true;
        Assert.NotNull(first.FlatParameters());

        var second = new Network<double>(3, layers, new BinaryCrossEntropy());
        Assert.Null(first.FlatParameters());
        Assert.NotNull(second.FlatParameters());

        // The first network still trains its layers, one parameter at a time.
        double w = layers[0].W[0, 0];
        var (x, y) = Data(6);
        new Trainer<double>(first, new Sgd<double>(0.5), new TrainOptions { Epochs = 1 }).Fit(x, y);
        Assert.NotEqual(w, layers[0].W[0, 0]);
    }

    public static TheoryData<string, int, bool> Runs() => new()
    {
        { "sgd", 3, false }, { "sgd", 1, true }, { "momentum", 4, false }, { "nesterov", 1, false }, { "adam", 1, true }, { "adam", 10, false },
    };

    [Theory]
    [MemberData(nameof(Runs))]
    public void Trainer_GivesTheBitsOfAPlainLoop_WithCopiedBatches_AndAnUpdatePerParameter(string rule, int batch, bool shuffle)
    {
        const int m = 10, epochs = 6;
        var (x, y) = Data(m);
        var trained = new Network<double>(3, Layers(3), new BinaryCrossEntropy());
        var options = new TrainOptions { Epochs = epochs, BatchSize = batch, Shuffle = shuffle, Seed = 9 };
        new Trainer<double>(trained, Optimizer(rule), options).Fit(x, y);

        // The same steps written out: rows copied into a new batch, each parameter updated on its own.
        var plain = new Network<double>(3, Layers(3), new BinaryCrossEntropy());
        var optimizer = Optimizer(rule);
        var random = new SeededRandom(options.Seed);
        int[] order = [.. Enumerable.Range(0, m)];
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            if (shuffle)
            {
                random.Shuffle(order);
            }

            for (int start = 0; start < m; start += batch)
            {
                int size = Math.Min(batch, m - start);
                var xb = new Matrix<double>(size, 3);
                var yb = new Matrix<double>(size, 1);
                for (int i = 0; i < size; i++)
                {
                    x.Row(order[start + i]).CopyTo(xb.Row(i));
                    y.Row(order[start + i]).CopyTo(yb.Row(i));
                }

                plain.Forward(xb);
                plain.Backward(yb);
                optimizer.Step(plain.Parameters);
            }
        }

        Assert.Equal(Theta.Values(plain), Theta.Values(trained));
        Assert.NotEqual(Layers(3)[0].W.ToArray(), trained.Layers[0].W.ToArray());
    }

    private static Optimizer<double> Optimizer(string rule) => rule switch
    {
        "sgd" => new Sgd<double>(0.3),
        "momentum" => new Momentum<double>(0.1, 0.9),
        "nesterov" => new Momentum<double>(0.1, 0.9, nesterov: true),
        _ => new Adam<double>(0.05),
    };
}
