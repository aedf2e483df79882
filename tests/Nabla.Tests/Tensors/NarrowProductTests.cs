using System.Numerics;
using Nabla.Numerics;
using Nabla.Tensors;
using Nabla.Tensors.Kernels;
using static Nabla.Tests.Tensors.GemmTests;

namespace Nabla.Tests.Tensors;

/// <summary>
/// A narrow product (a few columns over many rows, as an output layer of 10 classes gives) is computed
/// turned over and turned back (Gemm's narrow path). Every product a layer makes must still give, bit for
/// bit, what the packed kernel computes the plain way followed by the separate passes: Z = X·W (+ b, + f),
/// dW = Xᵀ·dZ (and the descent W ← W + α·dW), dX = dZ·Wᵀ (and the δ below), over one and several kc blocks.
/// </summary>
[Collection(ThreadSettings.Name)]
public class NarrowProductTests
{
    private static readonly (int M, int K, int N)[] Shapes = [(64, 128, 10), (128, 64, 10), (33, 700, 16), (100, 1100, 3), (40, 60, 1), (256, 1024, 10)];

    private static Matrix<T> Plain<T>(bool transA, bool transB, int m, int n, int k, Matrix<T> a, Matrix<T> b)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var c = new Matrix<T>(m, n);
        PackedGemm<T>.Multiply(transA, transB, m, n, k, a, b, c, Gemm.Width, threads: 1);
        return c;
    }

    private static void Same<T>(Matrix<T> expected, Matrix<T> actual, string what)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Assert.True(expected.Span.SequenceEqual(actual.Span), $"{typeof(T).Name} {what} differs");

    private static void Check<T>(int m, int k, int n, ulong seed)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new SeededRandom(seed);
        string shape = $"{m}×{k}×{n}";
        var slope = T.CreateChecked(0.02);

        // Forward: Z = X·W + b, A = f(Z).
        var x = Random<T>(m, k, random);
        var w = Random<T>(k, n, random);
        var bias = Random<T>(1, n, random);
        var z = Plain(false, false, m, n, k, x, w);
        RowVector.AddTo(z, bias.Span);
        var a = new Matrix<T>(m, n);
        Elementwise.PiecewiseLinear(z.Span, a.Span, slope);
        var fusedZ = new Matrix<T>(m, n);
        Gemm.Multiply(x, w, fusedZ, bias);
        Same(z, fusedZ, $"X·W + b {shape}");
        var fusedA = new Matrix<T>(m, n);
        Gemm.MultiplyActivate(x, w, bias, fusedZ, fusedA, slope);
        Same(z, fusedZ, $"Z of X·W + b, f {shape}");
        Same(a, fusedA, $"A of X·W + b, f {shape}");

        // dW = Xᵀ·dZ (X is k × m here, dZ k × n) and the descent.
        var xt = Random<T>(k, m, random);
        var dz = Random<T>(k, n, random);
        var dw = Plain(true, false, m, n, k, xt, dz);
        var gemmDw = new Matrix<T>(m, n);
        Gemm.MultiplyTransposeA(xt, dz, gemmDw);
        Same(dw, gemmDw, $"Xᵀ·dZ {shape}");
        var weights = Random<T>(m, n, random);
        var expected = weights.Clone();
        Elementwise.Axpy(T.CreateChecked(-0.25), dw.Span, expected.Span);
        Gemm.DescendTransposeA(xt, dz, new Matrix<T>(m, n), weights, T.CreateChecked(-0.25));
        Same(expected, weights, $"W + α·Xᵀ·dZ {shape}");

        // dX = dZ·Wᵀ (dZ is m × k, W n × k) and the δ below.
        var d = Random<T>(m, k, random);
        var wt = Random<T>(n, k, random);
        var zBelow = Random<T>(m, n, random);
        var dx = Plain(false, true, m, n, k, d, wt);
        var delta = new Matrix<T>(m, n);
        Elementwise.PiecewiseLinearBackward(zBelow.Span, dx.Span, delta.Span, slope);
        var gemmDx = new Matrix<T>(m, n);
        Gemm.MultiplyTransposeB(d, wt, gemmDx);
        Same(dx, gemmDx, $"dZ·Wᵀ {shape}");
        var fusedDelta = new Matrix<T>(m, n);
        Gemm.MultiplyTransposeBDerivative(d, wt, gemmDx, zBelow, fusedDelta, slope);
        Same(dx, gemmDx, $"dA of dZ·Wᵀ, f′ {shape}");
        Same(delta, fusedDelta, $"δ of dZ·Wᵀ, f′ {shape}");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void NarrowProducts_EqualThePlainProductThenTheSeparatePasses_BitForBit(int threads)
    {
        WithThreads(threads, () =>
        {
            ulong seed = 1200;
            foreach (var (m, k, n) in Shapes)
            {
                seed++;
                Check<float>(m, k, n, seed);
                Check<double>(m, k, n, seed);
            }
        });
    }
}
