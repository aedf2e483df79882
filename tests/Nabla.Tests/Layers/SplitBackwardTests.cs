using System.Numerics;
using Nabla.Activations;
using Nabla.Layers;
using Nabla.Losses;
using Nabla.Numerics;
using Nabla.Optimizers;
using Nabla.Tensors;
using Nabla.Tests.Tensors;
using Nabla.Training;

namespace Nabla.Tests.Layers;

/// <summary>
/// The backward pass through the second layer and the first layer's weight gradient, split between
/// cores by the first layer's units (SplitBackward), must give bit for bit what the layer-by-layer pass
/// gives: δ₁, dA₁, every dW and db, and with a descent step every new W and b.
/// </summary>
[Collection(ThreadSettings.Name)]
public class SplitBackwardTests
{
    /// <summary>
    /// A ReLU network whose two bottom layers are large enough to split: 100 first-layer units are three
    /// whole tiles of 32 floats and an edge of 4 (of 16 doubles: six and an edge of 4).
    /// </summary>
    private static Network<T> Build<T>(Activation hidden, int inputs = 300, int units = 100)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new SeededRandom(23);
        Dense<T>[] layers = [new(inputs, units, hidden), new(units, 40, new Relu()), new(40, 3, new Softmax())];
        var network = new Network<T>(inputs, layers, new CategoricalCrossEntropy());
        foreach (var p in network.Parameters)
        {
            for (int i = 0; i < p.Value.Length; i++)
            {
                p.Value.Span[i] = T.CreateChecked(random.Uniform(-0.2, 0.2));
            }
        }

        return network;
    }

    /// <summary>Runs the batch forward and sets the output layer's δ, ready for the layers' backward passes.</summary>
    private static void Prepare<T>(Network<T> network, int rows)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new SeededRandom(4);
        var x = new Matrix<T>(rows, network.Inputs);
        var y = new Matrix<T>(rows, network.Outputs);
        for (int i = 0; i < x.Length; i++)
        {
            x.Span[i] = T.CreateChecked(random.NextNormal());
        }

        for (int i = 0; i < rows; i++)
        {
            y[i, random.NextInt(network.Outputs)] = T.One;
        }

        network.Forward(x);
        network.OutputDelta(y);
    }

    /// <summary>Every buffer the backward pass writes, and every parameter, of every layer.</summary>
    private static double[][] State<T>(Network<T> network)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        [.. network.Layers.SelectMany(l => new[] { l.W, l.B!, l.DZ, l.DX, l.DW, l.DB }).Select(m => m.ToArray().Select(double.CreateChecked).ToArray())];

    // 64 rows sum each dW in one block of the inner dimension; 600 in two (partial sums kept between them).
    [Theory]
    [InlineData(64, 2, false)]
    [InlineData(64, 2, true)]
    [InlineData(600, 2, true)]
    [InlineData(64, 3, true)]
    [InlineData(600, 3, false)]
    public void SplitPass_GivesTheBitsOfTheLayerByLayerPass(int rows, int threads, bool descend)
    {
        Same<float>(rows, threads, descend);
        Same<double>(rows, threads, descend);
    }

    private static void Same<T>(int rows, int threads, bool descend)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T? descent = descend ? T.CreateChecked(-0.05) : null;

        var layered = Build<T>(new Relu());
        Prepare(layered, rows);
        var (top, middle, bottom) = (layered.Layers[2], layered.Layers[1], layered.Layers[0]);
        Assert.True(top.BackwardFromDelta(computeDx: true, descent, middle));  // δ₂ inside the dX product
        Assert.True(middle.BackwardFromDelta(computeDx: true, descent, bottom)); // δ₁ likewise
        bottom.BackwardFromDelta(computeDx: false, descent, below: null);

        var split = Build<T>(new Relu());
        Prepare(split, rows);
        (top, middle, bottom) = (split.Layers[2], split.Layers[1], split.Layers[0]);
        Assert.True(top.BackwardFromDelta(computeDx: true, descent, middle));
        Assert.True(middle.BackwardWithBottom(bottom, descent, threads));

        var expected = State(layered);
        var actual = State(split);
        int buffers = descend ? 4 : 6; // (a descent leaves DW with partial sums, not the gradient)
        for (int i = 0; i < expected.Length; i++)
        {
            if (i % 6 < buffers)
            {
                Assert.Equal(expected[i], actual[i]);
            }
        }

        if (descend)
        {
            Assert.NotEqual(State(Build<T>(new Relu()))[0], actual[0]); // W₁ took its step
        }
        else
        {
            Assert.Contains(actual[4], v => v != 0);                    // dW₁ is there
        }
    }

    [Fact]
    public void SplitPass_IsDeclined_WhereItDoesNotApply()
    {
        var relu = Build<float>(new Relu());
        Prepare(relu, 64);
        Assert.False(relu.Layers[1].BackwardWithBottom(relu.Layers[0], null, threads: 1));  // one core

        var tanh = Build<float>(new Tanh());
        Prepare(tanh, 64);
        Assert.False(tanh.Layers[1].BackwardWithBottom(tanh.Layers[0], null, threads: 2));  // f′ not read from a slope

        var small = Build<float>(new Relu(), inputs: 20, units: 30);
        Prepare(small, 8);
        Assert.False(small.Layers[1].BackwardWithBottom(small.Layers[0], null, threads: 2)); // too little work to wake a core
    }

    [Fact]
    public void Training_WithTheSplitPass_IsTheSameForAnyThreadCount()
    {
        double[] Train(int threads)
        {
            var network = Build<float>(new Relu());
            var random = new SeededRandom(6);
            var x = new Matrix<float>(256, network.Inputs);
            var y = new Matrix<float>(256, network.Outputs);
            for (int i = 0; i < x.Length; i++)
            {
                x.Span[i] = (float)random.Uniform(0, 1);
            }

            for (int i = 0; i < 256; i++)
            {
                y[i, i % 3] = 1;
            }

            var trainer = new Trainer<float>(network, new Sgd<float>(0.1), new TrainOptions { Epochs = 2, BatchSize = 64 });
            GemmTests.WithThreads(threads, () => trainer.Fit(x, y));
            return [.. network.Parameters.SelectMany(p => p.Value.ToArray().Select(v => (double)v))];
        }

        Assert.Equal(Train(1), Train(2));
    }
}
