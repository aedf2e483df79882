using System.Numerics;
using Nabla.Activations;
using Nabla.Tensors;

namespace Nabla.Layers;

/// <summary>
/// A <see cref="Dense{T}"/> layer's passes as plain fused loops, for layers so small (a 2-2-1
/// network on one example: m·n_in·n_out ≤ <see cref="Gemm.SmallWork"/>) that the calls and checks
/// of separate products and activation passes would cost more than the arithmetic. The sums are
/// <see cref="Gemm"/>'s own small-product loop called straight (no checks or dispatch), and f is the
/// same scalar formula as the activation's own kernel, so the values are bit for bit those of the
/// unfused path.
/// </summary>
internal static class SmallDense
{
    /// <summary>True when a layer of n_in → n_out on m examples takes these loops.</summary>
    public static bool Fits(int m, int inputs, int units) => Gemm.IsSmall(m, units, inputs);

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

    /// <summary>Given dZ: dW = Xᵀ·dZ, db = Σ_rows dZ and (when asked) dX = dZ·Wᵀ, by the small-product loop.</summary>
    public static void Gradients<T>(Matrix<T> x, Matrix<T> w, Matrix<T> dz, Matrix<T> dw, Matrix<T>? db, Matrix<T>? dx)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = dz.Rows, nIn = w.Rows, nOut = w.Cols;
        if (x.Rows != m)
        {
            throw new ArgumentException($"X has {x.Rows} rows and dZ {m}: dZ must come from the last forward pass.");
        }

        Gemm.Small(true, false, nIn, nOut, m, x, dz, dw, null);    // dW = Xᵀ·dZ
        if (db is not null)
        {
            RowVector.ColumnSums(dz, db.Span);                                                          // db = Σ_i dZ[i,:]
        }

        if (dx is not null)
        {
            dx.SetRows(m);
            Gemm.Small(false, true, m, nIn, nOut, dz, w, dx, null);  // dX = dZ·Wᵀ
        }
    }
}
