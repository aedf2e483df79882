using System.Globalization;
using Nabla.Specs;
using Nabla.Training;

namespace Nabla.Cli.Runs;

/// <summary>
/// history.csv: a header "epoch,loss,…" and one row per epoch kept (every epoch, unless a long
/// run's history was thinned: then the epoch column says which).
/// </summary>
public static class HistoryCsv
{
    /// <summary>Writes a history in model-file form (an "epoch" column only when thinned).</summary>
    public static void Write(IReadOnlyDictionary<string, double[]> history, string path)
    {
        var columns = history.Where(c => c.Key != History.EpochColumn).ToList();
        int count = columns.Count == 0 ? 0 : columns.Min(c => c.Value.Length);
        double[] epochs = History.EpochsOf(history, count);
        var rows = Enumerable.Range(0, count).Select(e => (double[])[epochs[e], .. columns.Select(column => column.Value[e])]);
        AtomicFile.WriteAllText(path, "epoch," + string.Join(",", columns.Select(c => c.Key)) + "\n" + WeightsCsv.Rows(rows));
    }

    /// <summary>
    /// Reads a history.csv back: column name → one value per row; the epoch column is kept (as
    /// "epoch") only when it is not simply 1, 2, … n.
    /// </summary>
    public static Dictionary<string, double[]> Read(string path)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path).Where(l => l.Trim().Length > 0).ToArray();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new NablaException($"{path}: cannot read the history ({e.Message}). Fix: give a run folder or a history.csv written by 'nabla train'.");
        }

        if (lines.Length == 0 || !lines[0].StartsWith("epoch,", StringComparison.Ordinal))
        {
            throw new NablaException($"{path}:1: this is not a training history (the header should start with \"epoch,\"). Fix: give a history.csv written by 'nabla train'.");
        }

        string[] header = lines[0].Split(',');
        header[0] = History.EpochColumn;
        if (header.GroupBy(h => h, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new NablaException($"{path}:1: the header names \"{twice.Key}\" twice. Fix: repair or rewrite the file with 'nabla train'.");
        }

        var columns = new double[header.Length][];
        for (int c = 0; c < columns.Length; c++)
        {
            columns[c] = new double[lines.Length - 1];
        }

        for (int r = 1; r < lines.Length; r++)
        {
            string[] cells = lines[r].Split(',');
            if (cells.Length != header.Length)
            {
                throw new NablaException($"{path}:{r + 1}: the row has {cells.Length} cells but the header has {header.Length}. Fix: repair or rewrite the file with 'nabla train'.");
            }

            for (int c = 0; c < cells.Length; c++)
            {
                if (!double.TryParse(cells[c], NumberStyles.Float, CultureInfo.InvariantCulture, out columns[c][r - 1]))
                {
                    throw new NablaException($"{path}:{r + 1}: column {c + 1} (\"{header[c]}\") holds \"{cells[c]}\", not a number. Fix: repair or rewrite the file with 'nabla train'.");
                }

                if (header[c].EndsWith("loss", StringComparison.Ordinal) && columns[c][r - 1] < 0)
                {
                    throw new NablaException($"{path}:{r + 1}: column {c + 1} (\"{header[c]}\") holds {cells[c]}, but a loss is never negative. Fix: repair or rewrite the file with 'nabla train'.");
                }
            }
        }

        bool everyEpoch = columns[0].Select((e, i) => e == i + 1).All(same => same);
        return header.Select((name, i) => (name, i)).Skip(everyEpoch ? 1 : 0).ToDictionary(p => p.name, p => columns[p.i]);
    }
}
