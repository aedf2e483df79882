using System.Numerics;
using System.Runtime.Intrinsics;
using Nabla.Numerics;
using Nabla.Tensors;
using Nabla.Tensors.Kernels;
using static Nabla.Tests.Tensors.GemmTests;

namespace Nabla.Tests.Tensors;

/// <summary>
/// The packed, register-tiled GEMM, called directly with every register width this machine
/// runs (so the AVX2 and scalar fallbacks are tested on an AVX-512 machine too), on shapes that
/// cross every block edge: partial micro-tiles, several kc blocks (k &gt; 512), several mc and nc blocks.
/// </summary>
public class PackedGemmTests
{
    public static TheoryData<KernelWidth> Widths()
    {
        var widths = new TheoryData<KernelWidth> { KernelWidth.Scalar };
        if (Vector256.IsHardwareAccelerated)
        {
            widths.Add(KernelWidth.Vector256);
        }

        if (Vector512.IsHardwareAccelerated)
        {
            widths.Add(KernelWidth.Vector512);
        }

        return widths;
    }

    private static readonly (int M, int K, int N)[] Shapes =
    [
        (1, 1, 1), (12, 16, 32), (13, 300, 37), (64, 784, 40), (37, 5, 70), (200, 513, 3), (11, 260, 2100),
        (400, 270, 45), // enough rows that even an untransposed B is packed
        (20, 1100, 50), // three kc blocks
    ];

    private static Matrix<T> Run<T>(Op op, Matrix<T> a, Matrix<T> b, int m, int n, int k, KernelWidth width, int threads)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var c = Garbage<T>(m, n, spare: 1);
        c.SetRows(m);
        PackedGemm<T>.Multiply(op == Op.AtB, op == Op.ABt, m, n, k, a, b, c, width, threads);
        return c;
    }

    private static void Check<T>(KernelWidth width, Op op, int m, int k, int n, ulong seed)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        double u = typeof(T) == typeof(float) ? Math.ScaleB(1, -24) : Math.ScaleB(1, -53);
        var random = new SeededRandom(seed);
        var a = op == Op.AtB ? Random<T>(k, m, random) : Random<T>(m, k, random);
        var b = op == Op.ABt ? Random<T>(n, k, random) : Random<T>(k, n, random);
        var c = Run(op, a, b, m, n, k, width, threads: 2);
        var (expected, magnitude) = Naive(op, a, b);
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double actual = double.CreateChecked(c[i, j]);
                Assert.True(Math.Abs(actual - expected[i, j]) <= (k + 1) * 2 * u * (magnitude[i, j] + 1e-300),
                    $"{width} {op} {typeof(T).Name} {m}×{k}×{n} [{i},{j}]: naive {expected[i, j]:R}, packed {actual:R}");
            }
        }

        // Only C's m rows are written: the spare row keeps its NaN.
        Assert.True(T.IsNaN(c.Array[c.Offset + (m * n)]));
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void PackedProducts_MatchTheNaiveTripleLoop_AcrossBlockEdges(KernelWidth width)
    {
        ulong seed = 100;
        foreach (var (m, k, n) in Shapes)
        {
            foreach (var op in new[] { Op.AB, Op.AtB, Op.ABt })
            {
                seed++;
                Check<float>(width, op, m, k, n, seed);
                Check<double>(width, op, m, k, n, seed);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void ThreadCount_DoesNotChangeASingleBit(KernelWidth width)
    {
        var random = new SeededRandom(9);
        var a = Random<double>(150, 700, random);
        var b = Random<double>(700, 90, random);
        var one = Run(Op.AB, a, b, 150, 90, 700, width, threads: 1);
        foreach (int threads in new[] { 2, 3, 5 })
        {
            Assert.Equal(one.ToArray(), Run(Op.AB, a, b, 150, 90, 700, width, threads).ToArray());
        }

        var tall = Random<double>(400, 70, random);   // B packed though untransposed, the columns split
        var wide = Random<double>(70, 100, random);
        Assert.Equal(
            Run(Op.AB, tall, wide, 400, 100, 70, width, threads: 1).ToArray(),
            Run(Op.AB, tall, wide, 400, 100, 70, width, threads: 2).ToArray());

        var af = Random<float>(40, 300, random);
        var bf = Random<float>(500, 300, random);
        Assert.Equal(
            Run(Op.ABt, af, bf, 40, 500, 300, width, threads: 1).ToArray(),
            Run(Op.ABt, af, bf, 40, 500, 300, width, threads: 2).ToArray());
    }

    [Fact]
    public void Gemm_UsesThePackedKernel_ForLargeProducts_AndAgreesWithIt()
    {
        var random = new SeededRandom(4);
        var a = Random<float>(64, 300, random);
        var b = Random<float>(300, 100, random);
        var c = new Matrix<float>(64, 100);
        Gemm.Multiply(a, b, c);
        Assert.Equal(Run(Op.AB, a, b, 64, 100, 300, Gemm.Width, threads: 1).ToArray(), c.ToArray());
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Operands_StoredPartWayIntoTheirArrays_GiveTheSameBits(KernelWidth width)
    {
        // A network's parameters live in one vector and a batch may be a run of a data set's rows:
        // the kernels must read and write from each matrix's offset, and nothing outside it.
        var random = new SeededRandom(21);
        foreach (var (m, k, n) in new[] { (13, 300, 37), (3, 2, 5), (40, 70, 20) })
        {
            foreach (var op in new[] { Op.AB, Op.AtB, Op.ABt })
            {
                var a = op == Op.AtB ? Random<double>(k, m, random) : Random<double>(m, k, random);
                var b = op == Op.ABt ? Random<double>(n, k, random) : Random<double>(k, n, random);
                var expected = Run(op, a, b, m, n, k, width, threads: 2);
                var (cBig, c) = Displaced(new Matrix<double>(m, n), before: 3);
                PackedGemm<double>.Multiply(op == Op.AtB, op == Op.ABt, m, n, k, Displaced(a, 2).View, Displaced(b, 5).View, c, width, threads: 2);
                Assert.Equal(expected.ToArray(), c.ToArray());
                Assert.All(cBig.Span[..(3 * n)].ToArray(), v => Assert.True(double.IsNaN(v)));
                Assert.All(cBig.Span[((3 + m) * n)..].ToArray(), v => Assert.True(double.IsNaN(v)));
            }
        }
    }

    [Fact]
    public void RowsThatShareL1Sets_AreFound_ByTheirStride()
    {
        Assert.True(PackedGemm<float>.RowsShareCacheSets(2048 * 4, MicroKernel.Rows512));  // 8 KiB apart: all 12 rows in one set
        Assert.True(PackedGemm<float>.RowsShareCacheSets(1024 * 4, MicroKernel.Rows512));  // 4 KiB
        Assert.True(PackedGemm<double>.RowsShareCacheSets(1024 * 8, MicroKernel.Rows256)); // 6 rows in one set
        Assert.True(PackedGemm<float>.RowsShareCacheSets(512 * 4, MicroKernel.Rows512));   // 2 KiB: every other row in one set, 6 each
        Assert.False(PackedGemm<float>.RowsShareCacheSets(784 * 4, MicroKernel.Rows512));  // 3,136 bytes: 12 different sets
        Assert.False(PackedGemm<float>.RowsShareCacheSets(1000 * 4, MicroKernel.Rows512));
        Assert.False(PackedGemm<float>.RowsShareCacheSets(4096, 4));                       // four in one set fit an 8-way cache
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void AnAWhoseRowsShareCacheSets_IsPacked_AndGivesTheBitsOfReadingItInPlace(KernelWidth width)
    {
        // A's rows 1,024 floats (4 KiB) apart are packed; the same A stored transposed is read in place. Each C element is
        // the same sum in the same order either way, over three kc blocks and an edge of rows.
        const int m = 29, k = 1024, n = 70;
        Assert.True(PackedGemm<float>.RowsShareCacheSets(k * sizeof(float), PackedGemm<float>.TileRows(width)));
        var random = new SeededRandom(8);
        var a = Random<float>(m, k, random);
        var b = Random<float>(k, n, random);
        var aT = new Matrix<float>(k, m);
        for (int i = 0; i < m; i++)
        {
            for (int p = 0; p < k; p++)
            {
                aT[p, i] = a[i, p];
            }
        }

        var packed = Run(Op.AB, a, b, m, n, k, width, threads: 2);
        var inPlace = Run(Op.AtB, aT, b, m, n, k, width, threads: 2);
        Assert.Equal(inPlace.ToArray(), packed.ToArray());
    }

    [Fact]
    public void SmallProducts_ReadAndWriteFromEachMatrixsOffset()
    {
        var random = new SeededRandom(22);
        var a = Random<double>(2, 3, random);
        var b = Random<double>(3, 4, random);
        var bias = Random<double>(1, 4, random);
        var expected = new Matrix<double>(2, 4);
        Gemm.Multiply(a, b, expected, bias);
        var (cBig, c) = Displaced(new Matrix<double>(2, 4), before: 1);
        Gemm.Multiply(Displaced(a, 1).View, Displaced(b, 2).View, c, Displaced(bias, 3).View);
        Assert.Equal(expected.ToArray(), c.ToArray());
        Assert.All(cBig.Row(0).ToArray(), v => Assert.True(double.IsNaN(v)));
        Assert.All(cBig.Row(3).ToArray(), v => Assert.True(double.IsNaN(v)));
    }

    /// <summary>A copy of <paramref name="source"/> as rows of a larger NaN-filled matrix, after <paramref name="before"/> rows.</summary>
    private static (Matrix<double> Big, Matrix<double> View) Displaced(Matrix<double> source, int before)
    {
        var big = new Matrix<double>(source.Rows + before + 1, source.Cols);
        big.Span.Fill(double.NaN);
        var view = Matrix<double>.RowsOf(big, before, source.Rows);
        source.Span.CopyTo(view.Span);
        return (big, view);
    }
}
