namespace Nabla.Training;

/// <summary>
/// One row per epoch: the training loss, then every monitored quantity (other losses,
/// accuracy), each computed over the epoch's batches as they were seen.
/// Stored by column, so recording an epoch allocates nothing once the columns have grown.
/// A long run keeps a bounded history: every epoch up to <see cref="Limit"/> rows, then
/// thinned (see <see cref="Add"/>) to the first epoch, the last and an even spread between.
/// </summary>
public sealed class History
{
    /// <summary>The most rows a history keeps unless told otherwise: runs up to this many epochs keep every one.</summary>
    public const int DefaultLimit = 5000;

    /// <summary>The name of the epoch column in <see cref="ToColumns"/>, present only when the history was thinned.</summary>
    public const string EpochColumn = "epoch";

    /// <summary>The column of each epoch's learning rate, under a schedule.</summary>
    public const string RateColumn = "lr";

    private readonly List<double>[] values;
    private readonly List<int> epochs = [];
    private int stride = 1; // the rows kept are epochs 1, 1 + stride, 1 + 2·stride, …, and the last
    private bool lastOffGrid; // the last row is the latest epoch, kept although it is not on the grid

    /// <param name="columns">The column names, "loss" first.</param>
    /// <param name="limit">The most rows to keep (at least 2).</param>
    public History(IReadOnlyList<string> columns, int limit = DefaultLimit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 2);
        Columns = columns;
        Limit = limit;
        values = columns.Select(_ => new List<double>()).ToArray();
    }

    /// <summary>"loss" first, then the monitors in spec order, e.g. ["loss", "bce", "accuracy"].</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>The most rows kept.</summary>
    public int Limit { get; }

    /// <summary>The number of rows kept: every epoch recorded, unless the history was thinned.</summary>
    public int Count => epochs.Count;

    /// <summary>The number of epochs recorded (kept or not).</summary>
    public int EpochsRecorded { get; private set; }

    /// <summary>True when some epochs were dropped to keep the history within <see cref="Limit"/>.</summary>
    public bool Thinned => stride > 1;

    /// <summary>The epoch number (from 1) of each row kept.</summary>
    public int[] Epochs => [.. epochs];

    /// <summary>Every kept row (a copy).</summary>
    public IReadOnlyList<double[]> Rows => Enumerable.Range(0, Count).Select(Row).ToArray();

    /// <summary>The values of kept row <paramref name="index"/> (from 0), in column order (a copy).</summary>
    public double[] Row(int index) => values.Select(column => column[index]).ToArray();

    /// <summary>
    /// Records the next epoch. When the rows would exceed <see cref="Limit"/>, every other row
    /// is dropped and the spacing doubles; the first epoch and the latest are always kept.
    /// </summary>
    public void Add(ReadOnlySpan<double> row)
    {
        if (row.Length != Columns.Count)
        {
            throw new ArgumentException($"A history row needs {Columns.Count} values.");
        }

        if (lastOffGrid)
        {
            RemoveLast(); // (no longer the latest)
        }

        int epoch = ++EpochsRecorded;
        epochs.Add(epoch);
        for (int c = 0; c < row.Length; c++)
        {
            values[c].Add(row[c]);
        }

        lastOffGrid = (epoch - 1) % stride != 0;
        if (Count > Limit)
        {
            Thin();
        }
    }

    /// <summary>The values of one column over the kept rows.</summary>
    public double[] Series(string column)
    {
        int c = IndexOf(column);
        return c < 0 ? throw new KeyNotFoundException($"The history has no column '{column}'.") : [.. values[c]];
    }

    /// <summary>The index of <paramref name="column"/>, or −1 when the history has no such column.</summary>
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

    /// <summary>
    /// Column name → values, as a model file stores them: when thinned, an "epoch" column first
    /// gives each row's epoch number; otherwise row i is epoch i + 1.
    /// </summary>
    public Dictionary<string, double[]> ToColumns()
    {
        var columns = new Dictionary<string, double[]>();
        if (Thinned)
        {
            columns[EpochColumn] = [.. epochs.Select(e => (double)e)];
        }

        foreach (string c in Columns)
        {
            columns[c] = Series(c);
        }

        return columns;
    }

    /// <summary>The epoch of each row of a history in <see cref="ToColumns"/> form: its "epoch" column, or 1, 2, … n.</summary>
    public static double[] EpochsOf(IReadOnlyDictionary<string, double[]> columns, int rows) =>
        columns.TryGetValue(EpochColumn, out var e) ? e : [.. Enumerable.Range(1, rows).Select(i => (double)i)];

    /// <summary>Halves the rows: keeps the epochs on a grid twice as wide, and the latest.</summary>
    private void Thin()
    {
        stride *= 2;
        int last = Count - 1;
        int kept = 0;
        for (int i = 0; i <= last; i++)
        {
            if ((epochs[i] - 1) % stride == 0 || i == last)
            {
                epochs[kept] = epochs[i];
                foreach (var column in values)
                {
                    column[kept] = column[i];
                }

                kept++;
            }
        }

        epochs.RemoveRange(kept, Count - kept);
        foreach (var column in values)
        {
            column.RemoveRange(kept, column.Count - kept);
        }

        lastOffGrid = (epochs[^1] - 1) % stride != 0;
    }

    private void RemoveLast()
    {
        epochs.RemoveAt(epochs.Count - 1);
        foreach (var column in values)
        {
            column.RemoveAt(column.Count - 1);
        }
    }
}
