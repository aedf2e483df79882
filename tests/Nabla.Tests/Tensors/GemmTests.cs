using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Nabla.Numerics;
using Nabla.Tensors;

// Not Nabla.Tests.Tensors: tests/Nabla.Tests/Examples.cs (namespace Nabla.Tests) names
// "Tensors.Matrix<double>", which a Nabla.Tests.Tensors namespace would capture.
namespace Nabla.Tests.Tensors;

[Collection(ThreadSettings.Name)]
public class GemmTests
{
    /// <summary>Runs <paramref name="body"/> with <see cref="Gemm.Threads"/> set to <paramref name="threads"/>, then puts it back.</summary>
    internal static void WithThreads(int threads, Action body)
    {
        int saved = Gemm.Threads;
        Gemm.Threads = threads;
        try
        {
            body();
        }
        finally
        {
            Gemm.Threads = saved;
        }
    }

    internal static Matrix<T> Random<T>(int rows, int cols, SeededRandom random)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var m = new Matrix<T>(rows, cols);
        var s = m.Span;
        for (int i = 0; i < s.Length; i++)
        {
            s[i] = T.CreateChecked(random.Uniform(-2, 2));
        }

        return m;
    }

    /// <summary>A buffer with spare rows, filled with NaN: the product must overwrite all it uses.</summary>
    internal static Matrix<T> Garbage<T>(int rows, int cols, int spare)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var m = new Matrix<T>(rows + spare, cols);
        m.Span.Fill(T.NaN);
        return m;
    }

    public enum Op
    {
        AB,
        AtB,
        ABt,
    }

    /// <summary>The naive triple loop in double, and Σ|terms| for the rounding bound.</summary>
    internal static (double[,] Value, double[,] Magnitude) Naive<T>(Op op, Matrix<T> a, Matrix<T> b)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = op == Op.AtB ? a.Cols : a.Rows;
        int k = op == Op.AtB ? a.Rows : a.Cols;
        int n = op == Op.ABt ? b.Rows : b.Cols;
        var c = new double[m, n];
        var mag = new double[m, n];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                for (int p = 0; p < k; p++)
                {
                    double x = double.CreateChecked(op == Op.AtB ? a[p, i] : a[i, p]);
                    double y = double.CreateChecked(op == Op.ABt ? b[j, p] : b[p, j]);
                    c[i, j] += x * y;
                    mag[i, j] += Math.Abs(x * y);
                }
            }
        }

        return (c, mag);
    }

    /// <summary>
    /// Checks one product against the naive loop; the error bound is the classic one for a dot
    /// product of length k, |ĉ − c| ≤ (k + 1)·2u·Σ|aᵢbᵢ| (u = 2⁻⁵³ in double, 2⁻²⁴ in float).
    /// </summary>
    private static void CheckShape<T>(Op op, int m, int k, int n, ulong seed)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        double u = typeof(T) == typeof(float) ? Math.ScaleB(1, -24) : Math.ScaleB(1, -53);
        double tolerance = (k + 1) * 2 * u;
        var random = new SeededRandom(seed);
        var a = op == Op.AtB ? Random<T>(k, m, random) : Random<T>(m, k, random);
        var b = op == Op.ABt ? Random<T>(n, k, random) : Random<T>(k, n, random);
        var c = Garbage<T>(m, n, spare: (int)(seed % 3));
        switch (op)
        {
            case Op.AB:
                Gemm.Multiply(a, b, c);
                break;
            case Op.AtB:
                Gemm.MultiplyTransposeA(a, b, c);
                break;
            default:
                Gemm.MultiplyTransposeB(a, b, c);
                break;
        }

        Assert.Equal(m, c.Rows);
        Assert.Equal(n, c.Cols);
        var (expected, magnitude) = Naive(op, a, b);
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double actual = double.CreateChecked(c[i, j]);
                Assert.True(Math.Abs(actual - expected[i, j]) <= tolerance * (magnitude[i, j] + 1e-300),
                    $"{op} {typeof(T).Name} {m}×{k}×{n} [{i},{j}]: naive {expected[i, j]:R}, Gemm {actual:R}");
            }
        }
    }

    [Theory]
    [InlineData(Op.AB)]
    [InlineData(Op.AtB)]
    [InlineData(Op.ABt)]
    public void Products_MatchTheNaiveTripleLoop_OnManyShapes(Op op)
    {
        ulong seed = 0;
        foreach (int m in new[] { 1, 2, 3, 5, 8, 17 })
        {
            foreach (int k in new[] { 1, 2, 4, 7, 16, 33 })
            {
                foreach (int n in new[] { 1, 3, 8, 9, 31 })
                {
                    seed++;
                    CheckShape<double>(op, m, k, n, seed);
                    CheckShape<float>(op, m, k, n, seed);
                }
            }
        }
    }

    [Property(MaxTest = 200)]
    public void Products_MatchTheNaiveTripleLoop_ForRandomShapes(byte m, byte k, byte n, int seed)
    {
        int rows = 1 + (m % 12), inner = 1 + (k % 12), cols = 1 + (n % 12);
        foreach (var op in new[] { Op.AB, Op.AtB, Op.ABt })
        {
            CheckShape<double>(op, rows, inner, cols, (ulong)(uint)seed);
            CheckShape<float>(op, rows, inner, cols, (ulong)(uint)seed);
        }
    }

    [Fact]
    public void EmptyInnerDimension_GivesZeros()
    {
        var a = new Matrix<double>(3, 0);
        var b = new Matrix<double>(0, 2);
        var c = Garbage<double>(3, 2, 0);
        Gemm.Multiply(a, b, c);
        Assert.All(c.ToArray(), v => Assert.Equal(0.0, v));

        var at = new Matrix<double>(0, 3);
        c.Span.Fill(double.NaN);
        Gemm.MultiplyTransposeA(at, b, c);
        Assert.All(c.ToArray(), v => Assert.Equal(0.0, v));

        var bt = new Matrix<double>(2, 0);
        c.Span.Fill(double.NaN);
        Gemm.MultiplyTransposeB(a, bt, c);
        Assert.All(c.ToArray(), v => Assert.Equal(0.0, v));
    }

    [Fact]
    public void HandExample()
    {
        var a = Matrix<double>.FromArray(2, 3, 1, 2, 3, 4, 5, 6);
        var b = Matrix<double>.FromArray(3, 2, 7, 8, 9, 10, 11, 12);
        var c = new Matrix<double>(2, 2);
        Gemm.Multiply(a, b, c);
        Assert.Equal([58.0, 64, 139, 154], c.ToArray());

        var ct = new Matrix<double>(3, 3);
        Gemm.MultiplyTransposeA(a, a, ct); // AᵀA
        Assert.Equal([17.0, 22, 27, 22, 29, 36, 27, 36, 45], ct.ToArray());

        Gemm.MultiplyTransposeB(a, a, c); // AAᵀ
        Assert.Equal([14.0, 32, 32, 77], c.ToArray());
    }

    [Fact]
    public void SameInputs_GiveBitIdenticalResults()
    {
        var random = new SeededRandom(77);
        var a = Random<double>(13, 29, random);
        var b = Random<double>(29, 11, random);
        var c1 = new Matrix<double>(13, 11);
        var c2 = Garbage<double>(13, 11, 4);
        Gemm.Multiply(a, b, c1);
        Gemm.Multiply(a, b, c2);
        Assert.Equal(c1.ToArray(), c2.ToArray());
    }

    [Fact]
    public void Mismatches_Throw()
    {
        var a = new Matrix<double>(2, 3);
        Assert.Throws<ArgumentException>(() => Gemm.Multiply(a, new Matrix<double>(4, 2), new Matrix<double>(2, 2)));        // 3 ≠ 4
        Assert.Throws<ArgumentException>(() => Gemm.Multiply(a, new Matrix<double>(3, 2), new Matrix<double>(1, 2)));        // too few rows
        Assert.Throws<ArgumentException>(() => Gemm.Multiply(a, new Matrix<double>(3, 2), new Matrix<double>(2, 3)));        // wrong columns
        Assert.Throws<ArgumentException>(() => Gemm.MultiplyTransposeA(a, new Matrix<double>(3, 2), new Matrix<double>(3, 2))); // 2 ≠ 3
        Assert.Throws<ArgumentException>(() => Gemm.MultiplyTransposeB(a, new Matrix<double>(2, 2), new Matrix<double>(2, 2))); // 3 ≠ 2
        Gemm.MultiplyTransposeA(a, new Matrix<double>(2, 4), new Matrix<double>(3, 4));
        Gemm.MultiplyTransposeB(a, new Matrix<double>(5, 3), new Matrix<double>(2, 5));
    }

    [Fact]
    public void RowVector_AddTo_AddsToEveryRow()
    {
        var m = Matrix<double>.FromArray(3, 2, 1, 2, 3, 4, 5, 6);
        RowVector.AddTo(m, [10.0, -1]);
        Assert.Equal([11.0, 1, 13, 3, 15, 5], m.ToArray());

        var f = Matrix<float>.FromArray(2, 3, 1, 1, 1, 2, 2, 2);
        RowVector.AddTo(f, [0.5f, 0, -1]);
        Assert.Equal([1.5, 1, 0, 2.5, 2, 1], f.ToArray());

        Assert.Throws<ArgumentException>(() => RowVector.AddTo(m, [1.0, 2, 3]));
    }

    [Fact]
    public void RowVector_AddTo_TouchesOnlyTheUsedRows()
    {
        var m = new Matrix<double>(4, 2);
        m.SetRows(2);
        RowVector.AddTo(m, [1.0, 2]);
        m.SetRows(4);
        Assert.Equal([1.0, 2, 1, 2, 0, 0, 0, 0], m.ToArray());
    }

    [Fact]
    public void RowVector_ColumnSums()
    {
        var m = Matrix<double>.FromArray(3, 2, 1, 2, 3, 4, 5, 6.5);
        Span<double> sums = [double.NaN, double.NaN];
        RowVector.ColumnSums(m, sums);
        Assert.Equal([9.0, 12.5], sums.ToArray());

        m.SetRows(1);
        RowVector.ColumnSums(m, sums);
        Assert.Equal([1.0, 2], sums.ToArray());

        m.SetRows(0);
        RowVector.ColumnSums(m, sums);
        Assert.Equal([0.0, 0], sums.ToArray());

        var random = new SeededRandom(3);
        var big = Random<float>(37, 5, random);
        Span<float> fs = stackalloc float[5];
        RowVector.ColumnSums(big, fs);
        for (int j = 0; j < 5; j++)
        {
            double expected = 0;
            for (int i = 0; i < 37; i++)
            {
                expected += big[i, j];
            }

            Assert.True(Math.Abs(expected - fs[j]) < 1e-4, $"column {j}: {expected} vs {fs[j]}");
        }

        Assert.Throws<ArgumentException>(() => RowVector.ColumnSums(Matrix<double>.FromArray(1, 3, 1, 2, 3), new double[2]));
    }

    [Fact]
    public void RowVector_ColumnSumsOfABlock_AreThoseOfTheWhole_BitForBit()
    {
        var random = new SeededRandom(8);
        var m = Random<float>(45, 70, random);
        var whole = new float[70];
        RowVector.ColumnSums(m, whole);
        foreach (var (first, count) in new[] { (0, 32), (32, 38), (5, 3), (69, 1), (10, 0) })
        {
            var block = new float[count];
            RowVector.ColumnSums(m, first, block);
            Assert.Equal(whole[first..(first + count)], block);
        }

        Assert.Throws<ArgumentException>(() => RowVector.ColumnSums(m, 60, new float[11]));
        Assert.Throws<ArgumentException>(() => RowVector.ColumnSums(m, -1, new float[2]));
    }

    [Fact]
    public void Matrix_SetRows_BeyondCapacity_Throws()
    {
        var m = new Matrix<double>(3, 4);
        Assert.Equal(3, m.RowCapacity);
        m.SetRows(1);
        Assert.Equal(1, m.Rows);
        Assert.Equal(4, m.Span.Length);
        Assert.Equal(3, m.RowCapacity);
        m.SetRows(3);
        Assert.Equal(12, m.Length);
        Assert.Throws<ArgumentOutOfRangeException>(() => m.SetRows(4));
        Assert.Throws<ArgumentOutOfRangeException>(() => m.SetRows(-1));
        Assert.Equal(3, m.Rows);

        // CopyTo a buffer that is too small is the same error.
        Assert.Throws<ArgumentOutOfRangeException>(() => m.CopyTo(new Matrix<double>(2, 4)));
        Assert.Throws<ArgumentException>(() => m.CopyTo(new Matrix<double>(3, 5)));
    }

    [Fact]
    public void Matrix_Basics()
    {
        var m = Matrix<double>.FromRows([[1.0, 2], [3.0, 4], [5.0, 6]]);
        Assert.Equal((3, 2), (m.Rows, m.Cols));
        Assert.Equal(4.0, m[1, 1]);
        Assert.Equal([5.0, 6], m.Row(2).ToArray());
        Assert.Equal([[1.0, 2], [3.0, 4], [5.0, 6]], m.ToRows());
        var clone = m.Clone();
        clone[0, 0] = 100;
        Assert.Equal(1.0, m[0, 0]);
        Assert.Throws<ArgumentException>(() => Matrix<double>.FromRows([[1.0, 2], [3.0]]));
        Assert.Throws<ArgumentException>(() => Matrix<double>.FromArray(2, 2, 1, 2, 3));
        Assert.Throws<ArgumentException>(() => Matrix<double>.Wrap(2, 2, new double[3]));

        var wrapped = Matrix<double>.Wrap(2, 2, new double[8]);
        Assert.Equal(4, wrapped.RowCapacity);
        wrapped.SetRows(4);
        Assert.Equal(8, wrapped.Length);
    }
}
