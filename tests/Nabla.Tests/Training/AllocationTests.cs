using System.Numerics;
using Nabla.Activations;
using Nabla.Layers;
using Nabla.Losses;
using Nabla.Numerics;
using Nabla.Optimizers;
using Nabla.Tensors;
using Nabla.Training;

namespace Nabla.Tests.Training;

/// <summary>
/// A training step (forward, loss, backward, update) allocates nothing once its buffers exist:
/// on the tiny path, the small-product path, and the packed, multi-core GEMM path.
/// </summary>
[Collection(ThreadSettings.Name)]
public class AllocationTests
{
    private static Network<T> Build<T>(int[] sizes, Activation hidden, Activation output, Loss loss)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new SeededRandom(3);
        var layers = new List<Dense<T>>();
        for (int l = 1; l < sizes.Length; l++)
        {
            var layer = new Dense<T>(sizes[l - 1], sizes[l], l == sizes.Length - 1 ? output : hidden);
            var w = layer.W.Span;
            for (int i = 0; i < w.Length; i++)
            {
                w[i] = T.CreateChecked(random.Uniform(-0.1, 0.1));
            }

            layers.Add(layer);
        }

        return new Network<T>(sizes[0], layers, loss);
    }

    private static (Matrix<T> X, Matrix<T> Y) Data<T>(int m, int inputs, int outputs)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new SeededRandom(8);
        var x = new Matrix<T>(m, inputs);
        var y = new Matrix<T>(m, outputs);
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < inputs; j++)
            {
                x[i, j] = T.CreateChecked(random.Uniform(0, 1));
            }

            y[i, i % outputs] = T.One;
        }

        return (x, y);
    }

    /// <summary>Bytes allocated on this thread by <paramref name="steps"/> steps, after warm-up steps (buffers, optimizer state, packing panels, worker threads).</summary>
    private static long StepAllocations<T>(Network<T> network, Optimizer<T> optimizer, Matrix<T> x, Matrix<T> y, int steps)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Allocations(
            () =>
            {
                network.Forward(x);
                _ = network.LossValue(y);
                network.Backward(y);
                optimizer.Step(network.Parameters);
            },
            steps);

    [Fact]
    public void TinyNetwork_OneExampleSteps_AllocateNothing()
    {
        var network = Build<double>([2, 2, 1], new Relu(), new Sigmoid(), new BinaryCrossEntropy());
        var (x, y) = Data<double>(1, 2, 1);
        Assert.Equal(0, StepAllocations(network, new Sgd<double>(0.5), x, y, 1000));
    }

    /// <summary>Bytes allocated by <paramref name="steps"/> repeats of <paramref name="step"/>, after 80 warm-up runs.</summary>
    private static long Allocations(Action step, int steps)
    {
        // Warm up past the runtime's own one-off work: tiered compilation promotes a method after 30 calls
        // and a short delay, and under load a late worker leaves the caller parts it has not run before.
        for (int round = 0; round < 2; round++)
        {
            for (int i = 0; i < 40; i++)
            {
                step();
            }

            Thread.Sleep(150);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < steps; i++)
        {
            step();
        }

        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    [Fact]
    public void TrainersOneExamplePasses_AndTheWholeVectorUpdate_AllocateNothing()
    {
        // What Trainer.Step does for stochastic descent on the XOR network: move the batch view,
        // the one-example passes, the loss, the update of θ in one call.
        var network = Build<double>([2, 2, 1], new Relu(), new Sigmoid(), new BinaryCrossEntropy());
        var (x, y) = Data<double>(4, 2, 1);
        var xb = Matrix<double>.RowsOf(x, 0, 1);
        var yb = Matrix<double>.RowsOf(y, 0, 1);
        var one = OneExampleStep<double>.For(network, xb)!;
        var sgd = new Sgd<double>(0.5);
        var (values, gradients) = network.FlatParameters()!.Value;
        int row = 0;
        Assert.Equal(0, Allocations(
            () =>
            {
                row = (row + 1) % 4;
                xb.ShowRows(x, row, 1);
                yb.ShowRows(y, row, 1);
                one.Forward();
                _ = network.LossValue(yb);
                one.Backward(yb);
                sgd.Step(values.Array!, values.Offset, gradients.Array!, gradients.Offset, values.Count);
            },
            1000));
    }

    [Fact]
    public void ChunkedUpdate_OfALongVector_OverTheWorkerThreads_AllocatesNothing()
    {
        var w = new float[(3 * Optimizer<float>.Chunk) + 5];
        var g = new float[w.Length];
        g.AsSpan().Fill(1e-3f);
        foreach (var optimizer in new Optimizer<float>[] { new Sgd<float>(0.1), new Momentum<float>(0.1), new Adam<float>(0.01) })
        {
            Assert.Equal(0, Allocations(() => optimizer.Step(w, 0, g, 0, w.Length), 50));
        }
    }

    [Fact]
    public void SmallNetwork_WithEveryOptimizer_AllocatesNothing()
    {
        foreach (var make in new Func<Optimizer<float>>[] { () => new Sgd<float>(0.1), () => new Momentum<float>(0.1), () => new Adam<float>(0.01) })
        {
            var network = Build<float>([8, 16, 3], new Tanh(), new Softmax(), new CategoricalCrossEntropy());
            var (x, y) = Data<float>(10, 8, 3);
            Assert.Equal(0, StepAllocations(network, make(), x, y, 200));
        }
    }

    [Fact]
    public void LargeNetwork_OnThePackedMultiCoreGemm_AllocatesNothing()
    {
        var network = Build<float>([300, 256, 128, 10], new Relu(), new Softmax(), new CategoricalCrossEntropy());
        var (x, y) = Data<float>(64, 300, 10);
        Assert.Equal(0, StepAllocations(network, new Sgd<float>(0.01), x, y, 20));

        var squared = Build<double>([40, 130, 5], new LeakyRelu(), new Identity(), new SquaredError(half: true, Reduction.Mean));
        var (xd, yd) = Data<double>(70, 40, 5);
        Assert.Equal(0, StepAllocations(squared, new Momentum<double>(0.01), xd, yd, 20));
    }

    [Fact]
    public void BackwardPassWithTheSgdUpdateInside_AllocatesNothing()
    {
        // What Trainer.Step does for plain SGD: the update taken inside the backward pass (and the dW products).
        var network = Build<float>([300, 256, 128, 10], new Relu(), new Softmax(), new CategoricalCrossEntropy());
        var (x, y) = Data<float>(64, 300, 10);
        var sgd = new Sgd<float>(0.01);
        Assert.Equal(0, Allocations(
            () =>
            {
                network.Forward(x);
                _ = network.LossValue(y);
                network.BackwardDescending(y, sgd.Rate);
                sgd.CountStep();
            },
            20));
    }
}
