using System.Runtime.CompilerServices;
using System.Numerics;
using Nabla.Tensors.Kernels;

namespace Nabla.Tensors;

/// <summary>Operations between a matrix and a row vector (a bias), broadcast over the rows.</summary>
public static class RowVector
{
    /// <summary>M[i,:] += v for every row i (Z = X·W + b).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddTo<T>(Matrix<T> m, ReadOnlySpan<T> v)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (v.Length != m.Cols)
        {
            throw new ArgumentException($"A row vector of {v.Length} does not fit {m.Cols} columns.");
        }

        for (int i = 0; i < m.Rows; i++)
        {
            var row = m.Row(i);
            Elementwise.Add(v, row);
        }
    }

    /// <summary>s = Σ_i M[i,:], the column sums (db = Σ over examples of dZ).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ColumnSums<T>(Matrix<T> m, Span<T> sums)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (sums.Length != m.Cols)
        {
            throw new ArgumentException($"{sums.Length} sums for {m.Cols} columns.");
        }

        if (m.Cols < 16)
        {
            // Rows shorter than one register: a plain loop per column, summing in the same order
            // (0 + row 0 + row 1 + …), so the bits are those of the register-wide path below.
            var values = m.Span;
            for (int j = 0; j < sums.Length; j++)
            {
                T sum = T.Zero;
                for (int i = j; i < values.Length; i += sums.Length)
                {
                    sum += values[i];
                }

                sums[j] = sum;
            }

            return;
        }

        ColumnSums(m, 0, sums);
    }

    /// <summary>
    /// s = Σ_i M[i, first..first+s.Length), the sums of a block of columns: each the same sum, in the
    /// same order, as in <see cref="ColumnSums{T}(Matrix{T}, Span{T})"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ColumnSums<T>(Matrix<T> m, int first, Span<T> sums)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (first < 0 || first + sums.Length > m.Cols)
        {
            throw new ArgumentException($"Columns {first}..{first + sums.Length} are not all among {m.Cols}.");
        }

        sums.Clear();
        for (int i = 0; i < m.Rows; i++)
        {
            Elementwise.Add(m.Row(i).Slice(first, sums.Length), sums);
        }
    }
}
