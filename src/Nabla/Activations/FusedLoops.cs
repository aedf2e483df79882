using System.Numerics;
using Nabla.Tensors;

namespace Nabla.Activations;

/// <summary>
/// The fused plain loops a small layer (<c>Layers.SmallDense</c>) runs for its activation, generic over
/// the activation's scalar form so that f is inlined: Z = X·W + b by <see cref="Gemm"/>'s small-product
/// loop then A = f(Z), and dZ = dA ⊙ f′(Z). Each gives bit for bit the values of the unfused path.
/// </summary>
internal static class FusedLoops
{
    /// <summary>Z = X·W + b by the small-product loop, then A = f(Z) with f inlined.</summary>
    public static void Forward<T, TF>(TF f, Matrix<T> x, Matrix<T> w, Matrix<T>? b, Matrix<T> z, Matrix<T> a)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TF : struct, IScalarActivation<T>
    {
        int m = x.Rows, nIn = w.Rows, nOut = w.Cols;
        z.SetRows(m);
        a.SetRows(m);
        Gemm.Small(false, false, m, nOut, nIn, x, w, z, b);  // Z = X·W + b
        var zs = z.Span;
        var As = a.Span;
        for (int i = 0; i < zs.Length; i++)
        {
            As[i] = f.Apply(zs[i]);                                                                     // A = f(Z)
        }
    }

    /// <summary>dZ = dA ⊙ f′(Z), with f′ inlined.</summary>
    public static void Delta<T, TF>(TF f, Matrix<T> z, Matrix<T> a, Matrix<T> dA, Matrix<T> dz)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TF : struct, IScalarActivation<T>
    {
        if (dA.Rows != z.Rows || dA.Cols != z.Cols)
        {
            throw new ArgumentException($"dA is {dA.Rows}×{dA.Cols} and Z {z.Rows}×{z.Cols}: they must match.");
        }

        dz.SetRows(z.Rows);
        var zs = z.Span;
        var As = a.Span;
        var g = dA.Span;
        var d = dz.Span;
        for (int i = 0; i < d.Length; i++)
        {
            d[i] = f.Backward(zs[i], As[i], g[i]);                                                     // dZ = dA ⊙ f′(Z)
        }
    }
}
