using System.Globalization;
using Nabla.Cli.Runs;
using Spectre.Console;

namespace Nabla.Cli;

/// <summary>The table of inputs, targets and each trained network's outputs (one ŷ column per learning rate).</summary>
public static class PredictionTable
{
    public const int MaxRows = 20;

    public static void Write(IAnsiConsole console, IReadOnlyList<RunResult> results)
    {
        if (results.Count == 0)
        {
            return;
        }

        var data = results[0].Trained.Data;
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn("#");
        for (int j = 0; j < data.X.Cols; j++)
        {
            table.AddColumn(new TableColumn($"x{j + 1}").RightAligned());
        }

        for (int j = 0; j < data.Y.Cols; j++)
        {
            string suffix = data.Y.Cols > 1 ? $"{j + 1}" : "";
            table.AddColumn(new TableColumn($"y{suffix}").RightAligned());
            foreach (var r in results)
            {
                table.AddColumn(new TableColumn(results.Count > 1 ? $"ŷ{suffix} ({r.Label})" : $"ŷ{suffix}").RightAligned());
            }
        }

        int rows = Math.Min(data.Count, MaxRows);
        for (int i = 0; i < rows; i++)
        {
            var cells = new List<string> { (i + 1).ToString(CultureInfo.InvariantCulture) };
            cells.AddRange(data.X.Row(i).ToArray().Select(Format));
            for (int j = 0; j < data.Y.Cols; j++)
            {
                cells.Add(Format(data.Y[i, j]));
                cells.AddRange(results.Select(r => Format(r.Trained.Predictions[i][j])));
            }

            table.AddRow(cells.Select(Markup.Escape).ToArray());
        }

        console.Write(table);
        if (data.Count > rows)
        {
            console.MarkupLine($"… and {data.Count - rows} more examples.");
        }
    }

    public static string Format(double v) =>
        v.ToString(Math.Abs(v) < 1e6 ? "0.######" : "G6", CultureInfo.InvariantCulture);
}
