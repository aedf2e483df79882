using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Forward<T, TF>(TF f, Matrix<T> x, Matrix<T> w, Matrix<T>? b, Matrix<T> z, Matrix<T> a)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TF : struct, IScalarActivation<T>
    {
        int m = x.Rows, nIn = w.Rows, nOut = w.Cols;
        Fit(x, m * nIn);
        z.SetRows(m);
        a.SetRows(m);
        ref T xs = ref Start(x);
        ref T ws = ref Start(w);
        ref T zs = ref Start(z);
        ref T As = ref Start(a);
        for (int i = 0; i < m; i++)
        {
            ref T xi = ref Unsafe.Add(ref xs, i * nIn);
            for (int j = 0; j < nOut; j++)
            {
                T sum = T.Zero;
                for (int p = 0; p < nIn; p++)
                {
                    sum += Unsafe.Add(ref xi, p) * Unsafe.Add(ref ws, (p * nOut) + j);   // z = Σ_p x[i,p]·W[p,j]
                }

                if (b is not null)
                {
                    sum += Unsafe.Add(ref Start(b), j);                                   //   + b[j]
                }

                Unsafe.Add(ref zs, (i * nOut) + j) = sum;
                Unsafe.Add(ref As, (i * nOut) + j) = f.Apply(sum);                        // a = f(z)
            }
        }
    }

    /// <summary>Given dZ: dW = Xᵀ·dZ, db = Σ_rows dZ and (when asked) dX = dZ·Wᵀ.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Gradients<T>(Matrix<T> x, Matrix<T> w, Matrix<T> dz, Matrix<T> dw, Matrix<T>? db, Matrix<T>? dx)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = dz.Rows, nIn = w.Rows, nOut = w.Cols;
        Fit(x, m * nIn);
        ref T xs = ref Start(x);
        ref T ds = ref Start(dz);
        ref T ws = ref Start(w);
        ref T dW = ref Start(dw);
        for (int p = 0; p < nIn; p++)
        {
            for (int j = 0; j < nOut; j++)
            {
                T sum = T.Zero;
                for (int i = 0; i < m; i++)
                {
                    sum += Unsafe.Add(ref xs, (i * nIn) + p) * Unsafe.Add(ref ds, (i * nOut) + j);  // dW[p,j] = Σ_i X[i,p]·dZ[i,j]
                }

                Unsafe.Add(ref dW, (p * nOut) + j) = sum;
            }
        }

        if (db is not null)
        {
            ref T dB = ref Start(db);
            for (int j = 0; j < nOut; j++)
            {
                T sum = T.Zero;
                for (int i = 0; i < m; i++)
                {
                    sum += Unsafe.Add(ref ds, (i * nOut) + j);                                      // db[j] = Σ_i dZ[i,j]
                }

                Unsafe.Add(ref dB, j) = sum;
            }
        }

        if (dx is not null)
        {
            dx.SetRows(m);
            ref T dX = ref Start(dx);
            for (int i = 0; i < m; i++)
            {
                ref T di = ref Unsafe.Add(ref ds, i * nOut);
                for (int p = 0; p < nIn; p++)
                {
                    ref T wp = ref Unsafe.Add(ref ws, p * nOut);
                    T sum = T.Zero;
                    for (int j = 0; j < nOut; j++)
                    {
                        sum += Unsafe.Add(ref di, j) * Unsafe.Add(ref wp, j);                       // dX[i,p] = Σ_j dZ[i,j]·W[p,j]
                    }

                    Unsafe.Add(ref dX, (i * nIn) + p) = sum;
                }
            }
        }
    }

    /// <summary>The first element of a matrix's buffer (every buffer the layer hands in has the layer's shape).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref T Start<T>(Matrix<T> m)
        where T : unmanaged, IFloatingPointIeee754<T> => ref MemoryMarshal.GetArrayDataReference(m.Array);

    /// <summary>The unchecked loops read <paramref name="length"/> values of X: it must hold them.</summary>
    private static void Fit<T>(Matrix<T> x, int length)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (x.Length < length)
        {
            throw new ArgumentException($"X holds {x.Length} values, the layer needs {length}.");
        }
    }
}
