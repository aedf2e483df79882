using System.Globalization;
using Nabla.Specs;

namespace Nabla.Cli.Runs;

/// <summary>
/// One CSV per layer's W (n_in rows × n_out columns) and b (one row), as W1.csv, b1.csv, …
/// Numbers are written in full ("R") so the files reproduce the model exactly.
/// </summary>
public static class WeightsCsv
{
    public static void Write(ModelSpec model, string folder)
    {
        for (int l = 0; l < model.Layers.Count; l++)
        {
            var layer = model.Layers[l];
            AtomicFile.WriteAllText(Path.Combine(folder, $"W{l + 1}.csv"), Rows(layer.Weights!));
            if (layer.HasBias)
            {
                AtomicFile.WriteAllText(Path.Combine(folder, $"b{l + 1}.csv"), Rows([layer.Bias!]));
            }
        }
    }

    /// <summary>Comma-separated rows of numbers in full precision, one line each.</summary>
    public static string Rows(IEnumerable<double[]> rows) =>
        string.Concat(rows.Select(r => string.Join(",", r.Select(v => v.ToString("R", CultureInfo.InvariantCulture))) + "\n"));
}
