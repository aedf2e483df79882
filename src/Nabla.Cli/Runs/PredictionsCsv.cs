using Nabla.App;
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
        var rows = Enumerable.Range(0, data.Count).Select(i => (double[])[.. data.X.Row(i), .. data.Y.Row(i), .. trained.Predictions[i]]);
        AtomicFile.WriteAllText(path, string.Join(",", header) + "\n" + WeightsCsv.Rows(rows));
    }
}
