using System.Globalization;
using Nabla.Cli.Runs;
using Nabla.Data;
using Spectre.Console;

namespace Nabla.Cli;

/// <summary>
/// Examples, their targets and each trained network's outputs (one column per learning rate):
/// the test examples when the data has a test part, else the training examples. Classifiers
/// show class names; wide inputs are shortened to their first values.
/// </summary>
public static class PredictionTable
{
    public const int MaxRows = 20;
    private const int MaxInputColumns = 6;

    public static void Write(IAnsiConsole console, IReadOnlyList<RunResult> results)
    {
        if (results.Count == 0)
        {
            return;
        }

        var first = results[0].Trained;
        bool test = first.Test is not null && results.All(r => r.Trained.TestPredictions is not null);
        var data = test ? first.Test! : first.Data;
        var outputs = results.Select(r => test ? r.Trained.TestPredictions! : r.Trained.Predictions).ToList();
        // One-output models without class names (XOR) keep their numeric y and ŷ columns.
        var classes = first.Classes ?? (data.Y.Cols > 1 ? Classification.Classes(first.Model, data.Y) : null);

        var table = new Table().Border(TableBorder.Rounded);
        table.Title = new TableTitle(test ? "test examples" : "training examples");
        table.AddColumn("#");
        bool wide = data.X.Cols > MaxInputColumns;
        foreach (string name in wide ? ["x"] : first.Model.InputNames ?? [.. Enumerable.Range(1, data.X.Cols).Select(j => $"x{j}")])
        {
            table.AddColumn(new TableColumn(name).RightAligned());
        }

        string Of(RunResult r, string what) => results.Count > 1 ? $"{what} ({r.Label})" : what;
        if (classes is null)
        {
            for (int j = 0; j < data.Y.Cols; j++)
            {
                string suffix = data.Y.Cols > 1 ? $"{j + 1}" : "";
                table.AddColumn(new TableColumn($"y{suffix}").RightAligned());
                results.ToList().ForEach(r => table.AddColumn(new TableColumn(Of(r, $"ŷ{suffix}")).RightAligned()));
            }
        }
        else
        {
            table.AddColumn("class");
            results.ToList().ForEach(r => table.AddColumn(Of(r, "predicted (ŷ)")));
        }

        int rows = Math.Min(data.Count, MaxRows);
        for (int i = 0; i < rows; i++)
        {
            var x = data.X.Row(i).ToArray();
            var cells = new List<string> { (i + 1).ToString(CultureInfo.InvariantCulture) };
            cells.AddRange(wide ? [Shorten(x, 3)] : x.Select(Format));
            if (classes is null)
            {
                for (int j = 0; j < data.Y.Cols; j++)
                {
                    cells.Add(Format(data.Y[i, j]));
                    cells.AddRange(outputs.Select(o => Format(o[i][j])));
                }
            }
            else
            {
                cells.Add(ClassLabels.NameOf(classes, data.Y.Row(i)));
                cells.AddRange(outputs.Select(o => Predicted(classes, o[i], ClassLabels.NameOf(classes, data.Y.Row(i)))));
            }

            table.AddRow(cells.Select(c => c.StartsWith('[') ? c : Markup.Escape(c)).ToArray());
        }

        console.Write(table);
        if (data.Count > rows)
        {
            console.MarkupLine($"… and {data.Count - rows} more examples.");
        }
    }

    public static string Format(double v) =>
        v.ToString(Math.Abs(v) < 1e6 ? "0.######" : "G6", CultureInfo.InvariantCulture);

    /// <summary>The first <paramref name="keep"/> values, then "… (n values)" when there are more.</summary>
    public static string Shorten(double[] values, int keep) =>
        string.Join(", ", values.Take(keep).Select(Format)) + (values.Length > keep ? $", … ({values.Length} values)" : "");

    /// <summary>"versicolor (0.97)": the predicted class and its output, red when wrong.</summary>
    private static string Predicted(IReadOnlyList<string> classes, double[] output, string truth)
    {
        int k = ClassLabels.IndexOf(output);
        double p = output.Length == 1 ? output[0] : output[k];
        string text = Markup.Escape($"{classes[k]} ({p.ToString("0.###", CultureInfo.InvariantCulture)})");
        return classes[k] == truth ? text : $"[red]{text}[/]";
    }
}
