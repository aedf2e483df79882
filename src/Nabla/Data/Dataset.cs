using Nabla.Tensors;

namespace Nabla.Data;

/// <summary>A design matrix X (one example per row) and its labels Y (one row per example).</summary>
public sealed record Dataset(string Name, Matrix<double> X, Matrix<double> Y)
{
    /// <summary>The number of examples.</summary>
    public int Count => X.Rows;

    /// <summary>The same data in another precision.</summary>
    public (Matrix<T> X, Matrix<T> Y) As<T>()
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T> =>
        (Matrix<T>.FromRows(X.ToRows(), X.Cols), Matrix<T>.FromRows(Y.ToRows(), Y.Cols));

    /// <summary>The examples at these row indices, in this order.</summary>
    public Dataset Take(IReadOnlyList<int> rows) => this with { X = Pick(X, rows), Y = Pick(Y, rows) };

    private static Matrix<double> Pick(Matrix<double> m, IReadOnlyList<int> rows)
    {
        var picked = new Matrix<double>(rows.Count, m.Cols);
        for (int i = 0; i < rows.Count; i++)
        {
            m.Row(rows[i]).CopyTo(picked.Row(i));
        }

        return picked;
    }
}
