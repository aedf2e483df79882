namespace Nabla.Training;

/// <summary>
/// One row per epoch: the training loss, then every monitored quantity (other losses,
/// accuracy), each computed over the epoch's batches as they were seen.
/// Stored by column, so recording an epoch allocates nothing once the columns have grown.
/// </summary>
public sealed class History
{
    private readonly List<double>[] values;

    public History(IReadOnlyList<string> columns)
    {
        Columns = columns;
        values = columns.Select(_ => new List<double>()).ToArray();
    }

    /// <summary>"loss" first, then the monitors in spec order, e.g. ["loss", "bce", "accuracy"].</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>The number of epochs recorded.</summary>
    public int Count => values.Length == 0 ? 0 : values[0].Count;

    /// <summary>Every epoch's row (a copy).</summary>
    public IReadOnlyList<double[]> Rows => Enumerable.Range(0, Count).Select(Row).ToArray();

    /// <summary>The values of epoch <paramref name="index"/> (from 0), in column order (a copy).</summary>
    public double[] Row(int index) => values.Select(column => column[index]).ToArray();

    public void Add(ReadOnlySpan<double> row)
    {
        if (row.Length != Columns.Count)
        {
            throw new ArgumentException($"A history row needs {Columns.Count} values.");
        }

        for (int c = 0; c < row.Length; c++)
        {
            values[c].Add(row[c]);
        }
    }

    /// <summary>The values of one column over the epochs.</summary>
    public double[] Series(string column)
    {
        int c = IndexOf(column);
        return c < 0 ? throw new KeyNotFoundException($"The history has no column '{column}'.") : [.. values[c]];
    }

    public int IndexOf(string column)
    {
        for (int i = 0; i < Columns.Count; i++)
        {
            if (Columns[i] == column)
            {
                return i;
            }
        }

        return -1;
    }
}
