using System.Globalization;
using Nabla.Specs;

namespace Nabla.Cli.Runs;

/// <summary>history.csv: a header "epoch,loss,…" and one row per epoch.</summary>
public static class HistoryCsv
{
    public static void Write(IReadOnlyDictionary<string, double[]> history, string path)
    {
        int epochs = history.Count == 0 ? 0 : history.Values.Min(v => v.Length);
        var rows = Enumerable.Range(0, epochs).Select(e => (double[])[e + 1, .. history.Values.Select(column => column[e])]);
        AtomicFile.WriteAllText(path, "epoch," + string.Join(",", history.Keys) + "\n" + WeightsCsv.Rows(rows));
    }

    /// <summary>Reads a history.csv back: column name → one value per epoch (the epoch column dropped).</summary>
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
        var columns = new double[header.Length - 1][];
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

            for (int c = 1; c < cells.Length; c++)
            {
                if (!double.TryParse(cells[c], NumberStyles.Float, CultureInfo.InvariantCulture, out columns[c - 1][r - 1]))
                {
                    throw new NablaException($"{path}:{r + 1}: column {c + 1} (\"{header[c]}\") holds \"{cells[c]}\", not a number. Fix: repair or rewrite the file with 'nabla train'.");
                }
            }
        }

        return header.Skip(1).Select((name, i) => (name, i)).ToDictionary(p => p.name, p => columns[p.i]);
    }
}
