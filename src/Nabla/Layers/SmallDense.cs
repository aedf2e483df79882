using System.Numerics;
using Nabla.Activations;
using Nabla.Tensors;

namespace Nabla.Layers;

/// <summary>
/// A <see cref="Dense{T}"/> layer's passes as plain fused loops, for layers so small (a 2-2-1
/// network on one example: m·n_in·n_out ≤ <see cref="Gemm.SmallWork"/>) that the calls and checks
/// of separate products and activation passes would cost more than the arithmetic. Every sum runs
/// in the order of <see cref="Gemm"/>'s small-product loop, and f is the same scalar formula as the
/// activation's own kernel, so the values are bit for bit those of the unfused path.
/// </summary>
internal static class SmallDense
{
    /// <summary>True when a layer of n_in → n_out on m examples takes these loops.</summary>
    public static bool Fits(int m, int inputs, int units) => Gemm.IsSmall(m, units, inputs);

    /// <summary>Z = X·W + b and A = f(Z), one element at a time.</summary>
    public static void Forward<T, TF>(TF f, Matrix<T> x, Matrix<T> w, Matrix<T>? b, Matrix<T> z, Matrix<T> a)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TF : struct, IScalarActivation<T>
    {
        int m = x.Rows, nIn = w.Rows, nOut = w.Cols;
        z.SetRows(m);
        a.SetRows(m);
        ReadOnlySpan<T> xs = x.Span, ws = w.Span, bs = b is null ? default : b.Span;
        Span<T> zs = z.Span, As = a.Span;
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < nOut; j++)
            {
                T sum = T.Zero;
                for (int p = 0; p < nIn; p++)
                {
                    sum += xs[(i * nIn) + p] * ws[(p * nOut) + j];    // z = Σ_p x[i,p]·W[p,j]
                }

                if (b is not null)
                {
                    sum += bs[j];                                     //   + b[j]
                }

                zs[(i * nOut) + j] = sum;
                As[(i * nOut) + j] = f.Apply(sum);                   // a = f(z)
            }
        }
    }

    /// <summary>Given dZ: dW = Xᵀ·dZ, db = Σ_rows dZ and (when asked) dX = dZ·Wᵀ.</summary>
    public static void Gradients<T>(Matrix<T> x, Matrix<T> w, Matrix<T> dz, Matrix<T> dw, Matrix<T>? db, Matrix<T>? dx)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = dz.Rows, nIn = w.Rows, nOut = w.Cols;
        ReadOnlySpan<T> xs = x.Span, ds = dz.Span, ws = w.Span;
        var dW = dw.Span;
        for (int p = 0; p < nIn; p++)
        {
            for (int j = 0; j < nOut; j++)
            {
                T sum = T.Zero;
                for (int i = 0; i < m; i++)
                {
                    sum += xs[(i * nIn) + p] * ds[(i * nOut) + j];    // dW[p,j] = Σ_i X[i,p]·dZ[i,j]
                }

                dW[(p * nOut) + j] = sum;
            }
        }

        if (db is not null)
        {
            var dB = db.Span;
            for (int j = 0; j < nOut; j++)
            {
                T sum = T.Zero;
                for (int i = 0; i < m; i++)
                {
                    sum += ds[(i * nOut) + j];                        // db[j] = Σ_i dZ[i,j]
                }

                dB[j] = sum;
            }
        }

        if (dx is not null)
        {
            dx.SetRows(m);
            var dX = dx.Span;
            for (int i = 0; i < m; i++)
            {
                for (int p = 0; p < nIn; p++)
                {
                    T sum = T.Zero;
                    for (int j = 0; j < nOut; j++)
                    {
                        sum += ds[(i * nOut) + j] * ws[(p * nOut) + j]; // dX[i,p] = Σ_j dZ[i,j]·W[p,j]
                    }

                    dX[(i * nIn) + p] = sum;
                }
            }
        }
    }
}
