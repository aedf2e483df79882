using System.Globalization;
using Nabla.Tensors;

namespace Nabla.Data;

/// <summary>
/// Reads a CSV file with a header row. Every column but the label is a numeric feature.
/// A numeric label column with values in {0, 1} becomes one output; any other label column
/// is treated as class names and one-hot encoded (classes in order of first appearance).
/// </summary>
public static class CsvData
{
    public static Dataset Load(string path, string label)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new NablaException($"{path}: cannot read the CSV file ({e.Message}). Fix: check the path in \"data.csv\".");
        }

        var rows = lines.Select((l, i) => (Text: l, Line: i + 1)).Where(r => r.Text.Trim().Length > 0).ToList();
        if (rows.Count < 2)
        {
            throw new NablaException($"{path}: the CSV has no data rows. Fix: add a header line and at least one row.");
        }

        string[] header = Split(rows[0].Text);
        int labelColumn = Array.IndexOf(header, label);
        if (labelColumn < 0)
        {
            throw new NablaException($"{path}:1: there is no column \"{label}\" (the columns are {string.Join(", ", header)}). Fix: set \"data.label\" to one of them.");
        }

        var features = new List<double[]>();
        var labels = new List<string>();
        foreach (var (text, line) in rows.Skip(1))
        {
            string[] cells = Split(text);
            if (cells.Length != header.Length)
            {
                throw new NablaException($"{path}:{line}: row has {cells.Length} cells but the header has {header.Length}. Fix: give every row {header.Length} comma-separated values.");
            }

            var x = new double[header.Length - 1];
            for (int c = 0, k = 0; c < cells.Length; c++)
            {
                if (c == labelColumn)
                {
                    continue;
                }

                if (!double.TryParse(cells[c], NumberStyles.Float, CultureInfo.InvariantCulture, out x[k]) || !double.IsFinite(x[k]))
                {
                    throw new NablaException($"{path}:{line}: column \"{header[c]}\" holds \"{cells[c]}\", not a finite number. Fix: correct or remove that row.");
                }

                k++;
            }

            features.Add(x);
            labels.Add(cells[labelColumn]);
        }

        return new Dataset(Path.GetFileNameWithoutExtension(path), Matrix<double>.FromRows(features), EncodeLabels(labels));
    }

    private static Matrix<double> EncodeLabels(List<string> labels)
    {
        bool binary = labels.All(l => l is "0" or "1");
        if (binary)
        {
            var y = new Matrix<double>(labels.Count, 1);
            for (int i = 0; i < labels.Count; i++)
            {
                y[i, 0] = labels[i] == "1" ? 1 : 0;
            }

            return y;
        }

        var classes = labels.Distinct().ToList();
        var onehot = new Matrix<double>(labels.Count, classes.Count);
        for (int i = 0; i < labels.Count; i++)
        {
            onehot[i, classes.IndexOf(labels[i])] = 1;
        }

        return onehot;
    }

    private static string[] Split(string line) => line.Split(',').Select(c => c.Trim().Trim('"')).ToArray();
}
