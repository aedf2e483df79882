using System.Numerics;
using System.Numerics.Tensors;

namespace Nabla.Tensors;

/// <summary>
/// General matrix product C = op(A)·op(B), where op is the identity or the transpose.
/// This is the one seam every layer goes through for matrix products; the summation
/// order is fixed, so the same inputs always give bit-identical results.
/// </summary>
public static class Gemm
{
    /// <summary>C = A·B (A is m×k, B is k×n). The forward pass: Z = X·W.</summary>
    public static void Multiply<T>(Matrix<T> a, Matrix<T> b, Matrix<T> c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Check(a.Rows, a.Cols, b.Rows, b.Cols, c, "A·B");
        c.Clear();
        int k = a.Cols;
        for (int i = 0; i < a.Rows; i++)
        {
            var cRow = c.Row(i);
            var aRow = a.Row(i);
            for (int p = 0; p < k; p++)
            {
                // C[i,:] += A[i,p] · B[p,:]
                TensorPrimitives.MultiplyAdd(b.Row(p), aRow[p], cRow, cRow);
            }
        }
    }

    /// <summary>C = Aᵀ·B (A is k×m, B is k×n). The weight gradient: dW = Xᵀ·dZ.</summary>
    public static void MultiplyTransposeA<T>(Matrix<T> a, Matrix<T> b, Matrix<T> c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Check(a.Cols, a.Rows, b.Rows, b.Cols, c, "Aᵀ·B");
        c.Clear();
        for (int p = 0; p < a.Rows; p++)
        {
            var aRow = a.Row(p);
            var bRow = b.Row(p);
            for (int i = 0; i < a.Cols; i++)
            {
                // C[i,:] += A[p,i] · B[p,:]
                var cRow = c.Row(i);
                TensorPrimitives.MultiplyAdd(bRow, aRow[i], cRow, cRow);
            }
        }
    }

    /// <summary>C = A·Bᵀ (A is m×k, B is n×k). The input gradient: dX = dZ·Wᵀ.</summary>
    public static void MultiplyTransposeB<T>(Matrix<T> a, Matrix<T> b, Matrix<T> c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Check(a.Rows, a.Cols, b.Cols, b.Rows, c, "A·Bᵀ");
        for (int i = 0; i < a.Rows; i++)
        {
            var aRow = a.Row(i);
            var cRow = c.Row(i);
            for (int j = 0; j < b.Rows; j++)
            {
                // C[i,j] = A[i,:] · B[j,:]
                cRow[j] = TensorPrimitives.Dot<T>(aRow, b.Row(j));
            }
        }
    }

    private static void Check<T>(int m, int k, int k2, int n, Matrix<T> c, string what)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (k != k2)
        {
            throw new ArgumentException($"{what}: inner dimensions differ ({m}×{k} and {k2}×{n}).");
        }

        if (c.Cols != n || c.RowCapacity < m)
        {
            throw new ArgumentException($"{what}: the result needs {m}×{n}, the buffer is {c.Rows}×{c.Cols}.");
        }

        c.SetRows(m);
    }
}
