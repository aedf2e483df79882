using System.Globalization;
using Nabla.Cli.Runs;
using Spectre.Console;

namespace Nabla.Cli;

/// <summary>One row per learning rate: epochs run, steps, the final loss and metrics.</summary>
public static class ResultsTable
{
    public static void Write(IAnsiConsole console, IReadOnlyList<RunResult> results)
    {
        var metrics = results[0].Finals.Select(p => p.Name).ToList();
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn("learning rate");
        table.AddColumn(new TableColumn("epochs").RightAligned());
        table.AddColumn(new TableColumn("steps").RightAligned());
        foreach (string m in metrics)
        {
            table.AddColumn(new TableColumn(m.StartsWith("test ", StringComparison.Ordinal) ? m : $"final {m}").RightAligned());
        }

        foreach (var r in results)
        {
            var t = r.Trained;
            var cells = new List<string> { RunResult.Format(r.LearningRate), t.Result.EpochsRun.ToString(CultureInfo.InvariantCulture), t.Result.Steps.ToString(CultureInfo.InvariantCulture) };
            cells.AddRange(r.Finals.Select(p => Runs.SummaryReport.Value(p.Name, p.Value))); // accuracies as percentages, as in summary.md
            table.AddRow(cells.Select(Markup.Escape).ToArray());
        }

        console.Write(table);
    }
}
