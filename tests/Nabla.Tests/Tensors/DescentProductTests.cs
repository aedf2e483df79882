using System.Numerics;
using Nabla.Numerics;
using Nabla.Tensors;
using Nabla.Tensors.Kernels;
using static Nabla.Tests.Tensors.GemmTests;

namespace Nabla.Tests.Tensors;

/// <summary>
/// W ← W + α·Aᵀ·B with the update taken in the product's store (<see cref="Gemm.DescendTransposeA"/>):
/// the new W must be bit for bit that of the plain product dW = Aᵀ·B followed by the update
/// W ← α·dW + W, on every register width, across block edges (partial tiles, k over one kc block,
/// packed B), with any thread count, and from matrices stored part-way into their arrays.
/// </summary>
public class DescentProductTests
{
    private static readonly (int M, int K, int N)[] Shapes =
    [
        (12, 16, 32), (13, 300, 37), (784, 64, 256), (37, 5, 70), (200, 513, 3), (11, 260, 2100), (400, 70, 45), (3, 4, 5), (20, 1100, 50),
    ];

    public static TheoryData<KernelWidth> Widths() => PackedGemmTests.Widths();

    /// <summary>The reference: dW = Aᵀ·B by the same kernel, then W ← α·dW + W one element at a time.</summary>
    private static T[] Expected<T>(Matrix<T> a, Matrix<T> b, Matrix<T> w, T alpha, KernelWidth width)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = a.Cols, n = b.Cols, k = a.Rows;
        var gradient = new Matrix<T>(m, n);
        PackedGemm<T>.Multiply(true, false, m, n, k, a, b, gradient, width, threads: 1);
        var expected = w.Span.ToArray();
        for (int i = 0; i < expected.Length; i++)
        {
            expected[i] = (alpha * gradient.Span[i]) + expected[i];
        }

        return expected;
    }

    private static void Check<T>(KernelWidth width, int m, int k, int n, int threads, ulong seed)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new SeededRandom(seed);
        var a = Random<T>(k, m, random);
        var b = Random<T>(k, n, random);
        var w = Random<T>(m, n, random);
        var alpha = T.CreateChecked(-0.0375);
        var expected = Expected(a, b, w, alpha, width);

        var scratch = Garbage<T>(m, n, spare: 0);
        PackedGemm<T>.Multiply(true, false, m, n, k, a, b, scratch, width, threads, Epilogue<T>.Descend(w, alpha));
        Assert.True(expected.AsSpan().SequenceEqual(w.Span), $"{width} {typeof(T).Name} {m}×{k}×{n}, {threads} threads: W differs from dW then the update");
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void DescentInTheStore_EqualsTheProductThenTheUpdate_BitForBit(KernelWidth width)
    {
        ulong seed = 300;
        foreach (var (m, k, n) in Shapes)
        {
            foreach (int threads in new[] { 1, 2, 3 })
            {
                seed++;
                Check<float>(width, m, k, n, threads, seed);
                Check<double>(width, m, k, n, threads, seed);
            }
        }
    }

    [Fact]
    public void Gemm_DescendTransposeA_MatchesMultiplyThenAxpy_SmallAndLarge()
    {
        var random = new SeededRandom(31);
        foreach (var (m, k, n) in new[] { (2, 3, 4), (784, 64, 256), (300, 257, 20) })
        {
            var x = Random<double>(k, m, random);
            var dz = Random<double>(k, n, random);
            var w = Random<double>(m, n, random);
            var dw = new Matrix<double>(m, n);
            Gemm.MultiplyTransposeA(x, dz, dw);
            var expected = w.ToArray();
            Elementwise.Axpy(-0.5, dw.Span, expected);

            Gemm.DescendTransposeA(x, dz, new Matrix<double>(m, n), w, -0.5);
            Assert.Equal(expected, w.ToArray());
        }
    }

    [Fact]
    public void Descent_WritesOnlyItsOwnPartOfAnArrayThatHoldsOtherParameters()
    {
        // The weights of a network live in one vector: W here sits between other values that must not change.
        var random = new SeededRandom(32);
        int m = 70, k = 40, n = 50;
        var a = Random<float>(k, m, random);
        var b = Random<float>(k, n, random);
        var weights = Random<float>(m, n, random);
        var alpha = -0.25f;
        var expected = Expected(a, b, weights, alpha, Gemm.Width);

        var big = new Matrix<float>(m + 3, n);
        big.Span.Fill(float.NaN);
        var w = Matrix<float>.RowsOf(big, 2, m);
        weights.Span.CopyTo(w.Span);
        Gemm.DescendTransposeA(a, b, new Matrix<float>(m, n), w, alpha);
        Assert.Equal(expected, w.Span.ToArray());
        Assert.All(big.Span[..(2 * n)].ToArray(), v => Assert.True(float.IsNaN(v)));
        Assert.All(big.Span[((2 + m) * n)..].ToArray(), v => Assert.True(float.IsNaN(v)));
    }

    [Fact]
    public void Descent_RejectsAWeightMatrixOfAnotherShape()
    {
        var random = new SeededRandom(33);
        var error = Assert.Throws<ArgumentException>(() =>
            Gemm.DescendTransposeA(Random<double>(8, 30, random), Random<double>(8, 20, random), new Matrix<double>(30, 20), new Matrix<double>(20, 30), -0.1));
        Assert.Contains("W is 20×30", error.Message);
    }
}
