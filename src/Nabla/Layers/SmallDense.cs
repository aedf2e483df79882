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
/// unfused path. The forward pass and dZ, generic over the activation, are <see cref="FusedLoops"/>.
/// </summary>
internal static class SmallDense
{
    /// <summary>True when a layer of n_in → n_out on m examples takes these loops.</summary>
    public static bool Fits(int m, int inputs, int units) => Gemm.IsSmall(m, units, inputs);

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
