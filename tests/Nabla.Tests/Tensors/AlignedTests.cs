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

    [Fact]
    public void EveryParameterOfANetwork_StartsOnACacheLine()
    {
        // 784 × 100 + 100 values before W2: not a whole number of lines, so W2 starts after a gap.
        var layers = new List<Dense<float>> { new(784, 100, new Relu()), new(100, 10, new Softmax()) };
        var network = new Network<float>(784, layers, new CategoricalCrossEntropy());
        Compact();
        Assert.All(network.Parameters, p =>
        {
            Assert.Equal(0, PastLine(p.Value));
            Assert.Equal(0, PastLine(p.Gradient));
        });
    }
}
