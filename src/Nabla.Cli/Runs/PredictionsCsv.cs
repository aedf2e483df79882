using System.Globalization;
using Nabla.App;
using Nabla.Data;
using Nabla.Specs;

namespace Nabla.Cli.Runs;

/// <summary>
/// predictions.csv: every example's inputs (under the model's input names), targets and the trained network's
/// outputs; for a classifier the actual and the predicted class by name; and which part it belongs to
/// (train, or test when the spec holds a test part out).
/// </summary>
public static class PredictionsCsv
{
    public static void Write(TrainedModel trained, string path)
    {
        var data = trained.Data;
        var model = trained.Model;
        var classes = Classification.Classes(model, data.Y);
        var header = (model.InputNames ?? [.. Enumerable.Range(1, data.X.Cols).Select(j => $"x{j}")])
            .Concat(Enumerable.Range(1, data.Y.Cols).Select(j => $"y{j}"))
            .Concat(Enumerable.Range(1, data.Y.Cols).Select(j => $"yhat{j}"))
            .Concat(classes is null ? [] : ["class", "predicted"])
            .Append("part");
        var lines = new List<string> { string.Join(",", header.Select(Cell)) };
        lines.AddRange(Rows(data, trained.Predictions, classes, "train"));
        if (trained.Test is { } test && trained.TestPredictions is { } testPredictions)
        {
            lines.AddRange(Rows(test, testPredictions, classes, "test"));
        }

        AtomicFile.WriteAllText(path, string.Join("\n", lines) + "\n");
    }

    private static IEnumerable<string> Rows(Dataset data, double[][] predictions, IReadOnlyList<string>? classes, string part) =>
        Enumerable.Range(0, data.Count).Select(i =>
        {
            IEnumerable<string> cells = [.. data.X.Row(i).ToArray().Concat(data.Y.Row(i).ToArray()).Concat(predictions[i]).Select(Number)];
            if (classes is not null)
            {
                cells = cells.Append(Cell(ClassLabels.NameOf(classes, data.Y.Row(i)))).Append(Cell(ClassLabels.NameOf(classes, predictions[i])));
            }

            return string.Join(",", cells.Append(part));
        });

    private static string Number(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A CSV cell, quoted when it holds a comma, a quote or a line break.</summary>
    private static string Cell(string text) =>
        text.AsSpan().IndexOfAny(",\"\n\r") < 0 ? text : "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
