using System.Globalization;
using Nabla.Specs;
using Spectre.Console;

namespace Nabla.Cli;

/// <summary>The table of inputs, targets and the trained network's outputs.</summary>
public static class PredictionTable
{
    public const int MaxRows = 20;

    public static void Write(IAnsiConsole console, TrainedModel trained)
    {
        var data = trained.Data;
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
            table.AddColumn(new TableColumn($"ŷ{suffix}").RightAligned());
        }

        int rows = Math.Min(data.Count, MaxRows);
        for (int i = 0; i < rows; i++)
        {
            var cells = new List<string> { (i + 1).ToString(CultureInfo.InvariantCulture) };
            cells.AddRange(data.X.Row(i).ToArray().Select(Format));
            for (int j = 0; j < data.Y.Cols; j++)
            {
                cells.Add(Format(data.Y[i, j]));
                cells.Add(Format(trained.Predictions[i][j]));
            }

            table.AddRow(cells.Select(Markup.Escape).ToArray());
        }

        console.Write(table);
        if (data.Count > rows)
        {
            console.MarkupLine($"… and {data.Count - rows} more examples.");
        }
    }

    private static string Format(double v) =>
        v.ToString(Math.Abs(v) < 1e6 ? "0.######" : "G6", CultureInfo.InvariantCulture);
}
