namespace Nabla.Training;

/// <summary>
/// One row per epoch: the training loss, then every monitored quantity (other losses,
/// accuracy), each computed over the epoch's batches as they were seen.
/// </summary>
public sealed class History
{
    private readonly List<double[]> rows = [];

    public History(IReadOnlyList<string> columns) => Columns = columns;

    /// <summary>"loss" first, then the monitors in spec order, e.g. ["loss", "bce", "accuracy"].</summary>
    public IReadOnlyList<string> Columns { get; }

    public int Count => rows.Count;

    public IReadOnlyList<double[]> Rows => rows;

    public void Add(double[] row)
    {
        if (row.Length != Columns.Count)
        {
            throw new ArgumentException($"A history row needs {Columns.Count} values.");
        }

        rows.Add(row);
    }

    /// <summary>The values of one column over the epochs.</summary>
    public double[] Series(string column)
    {
        int c = IndexOf(column);
        return c < 0 ? throw new KeyNotFoundException($"The history has no column '{column}'.") : rows.Select(r => r[c]).ToArray();
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
