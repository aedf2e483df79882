using System.Numerics;
using System.Runtime;
using System.Runtime.InteropServices;
using Nabla.Activations;
using Nabla.Layers;
using Nabla.Losses;
using Nabla.Tensors;

namespace Nabla.Tests.Tensors;

/// <summary>
/// A large matrix's values, and each parameter of a network, start on a 64-byte cache line and stay
/// there through a compacting garbage collection (see <c>Kernels.Aligned</c>): the products' speed must
/// not depend on where an allocation happened to land.
/// </summary>
public class AlignedTests
{
    /// <summary>How many bytes past a cache line the matrix's element [0, 0] lies.</summary>
    private static long PastLine<T>(Matrix<T> m)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var handle = GCHandle.Alloc(m.Array, GCHandleType.Pinned);
        try
        {
            return ((long)handle.AddrOfPinnedObject() + ((long)m.Offset * Marshal.SizeOf<T>())) % 64;
        }
        finally
        {
            handle.Free();
        }
    }

    private static void Compact()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
    }

    [Theory]
    [InlineData(64, 256)]
    [InlineData(33, 50)]
    [InlineData(1100, 1)]
    public void LargeMatrices_StartOnACacheLine_AndStayThere(int rows, int cols)
    {
        var floats = new Matrix<float>(rows, cols);
        var doubles = new Matrix<double>(rows, cols);
        floats.Span.Fill(1);
        Compact();
        Assert.Equal(0, PastLine(floats));
        Assert.Equal(0, PastLine(doubles));
        Assert.Equal(rows * cols, floats.Span.Length);
        Assert.All(floats.Span.ToArray(), v => Assert.Equal(1, v));
    }

    private static Network<float> Wide() =>
        new(784, [new Dense<float>(784, 300, new Relu()), new Dense<float>(300, 20, new Softmax())], new CategoricalCrossEntropy());

    [Fact]
    public void EveryLargeParameter_StartsOnACacheLine_AndASmallOneRightAfterTheOneBefore()
    {
        // W1 (784 × 300) and W2 (300 × 20) are large; b1 (300 values) follows W1 at once, so W2,
        // 784 · 300 + 300 values in, starts after a gap of 4 zeros.
        var network = Wide();
        Compact();
        var (values, gradients) = network.FlatParameters()!.Value;
        var (w1, b1, w2) = (network.Parameters[0], network.Parameters[1], network.Parameters[2]);
        Assert.All(new[] { w1, w2 }, p =>
        {
            Assert.Equal(0, PastLine(p.Value));
            Assert.Equal(0, PastLine(p.Gradient));
        });
        Assert.Equal(w1.Value.Offset + w1.Value.Length, b1.Value.Offset);
        Assert.Equal(b1.Value.Offset + b1.Value.Length + 4, w2.Value.Offset);
        Assert.Equal(w2.Value.Offset - values.Offset, w2.Gradient.Offset - gradients.Offset);
        Assert.Equal(new double[8], Nabla.Tests.Training.Theta.Gaps(network));
    }

    [Theory]
    [InlineData("sgd")]
    [InlineData("adam")]
    public void TheGapsBetweenParameters_StayZero_ThroughTraining(string rule)
    {
        var network = Wide();
        var random = new Nabla.Numerics.SeededRandom(4);
        var x = new Matrix<float>(32, 784);
        var y = new Matrix<float>(32, 20);
        for (int i = 0; i < x.Length; i++)
        {
            x.Span[i] = (float)random.NextDouble();
        }

        for (int i = 0; i < y.Rows; i++)
        {
            y[i, i % 20] = 1;
        }

        Nabla.Optimizers.Optimizer<float> optimizer = rule == "sgd" ? new Nabla.Optimizers.Sgd<float>(0.1) : new Nabla.Optimizers.Adam<float>(0.01);
        var before = Nabla.Tests.Training.Theta.Values(network);
        new Nabla.Training.Trainer<float>(network, optimizer, new Nabla.Training.TrainOptions { Epochs = 2, BatchSize = 8 }).Fit(x, y);
        Assert.NotEqual(before, Nabla.Tests.Training.Theta.Values(network));
        Assert.Equal(new double[8], Nabla.Tests.Training.Theta.Gaps(network));
    }
}
