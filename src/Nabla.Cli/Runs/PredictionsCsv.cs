using System.Globalization;
using System.Text;
using Nabla.Specs;

namespace Nabla.Cli.Runs;

/// <summary>predictions.csv: every training example's inputs, targets and the trained network's outputs.</summary>
public static class PredictionsCsv
{
    public static void Write(TrainedModel trained, string path)
    {
        var data = trained.Data;
        var header = Enumerable.Range(1, data.X.Cols).Select(j => $"x{j}")
            .Concat(Enumerable.Range(1, data.Y.Cols).Select(j => $"y{j}"))
            .Concat(Enumerable.Range(1, data.Y.Cols).Select(j => $"yhat{j}"));
        var text = new StringBuilder(string.Join(",", header) + "\n");
        for (int i = 0; i < data.Count; i++)
        {
            var cells = data.X.Row(i).ToArray().Concat(data.Y.Row(i).ToArray()).Concat(trained.Predictions[i]);
            text.Append(string.Join(",", cells.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))).Append('\n');
        }

        AtomicFile.WriteAllText(path, text.ToString());
    }
}
