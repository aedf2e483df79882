using System.Globalization;
using Nabla.Cli.Runs;
using Spectre.Console;

namespace Nabla.Cli;

/// <summary>One row per compared run (learning rate, batch or optimizer): epochs run, steps, the final loss and metrics.</summary>
public static class ResultsTable
{
    public static void Write(IAnsiConsole console, IReadOnlyList<RunResult> results)
    {
        var metrics = results[0].Finals.Select(p => p.Name).ToList();
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn(results[0].Variant.Heading);
        table.AddColumn(new TableColumn("epochs").RightAligned());
        table.AddColumn(new TableColumn("steps").RightAligned());
        foreach (string m in metrics)
        {
            table.AddColumn(new TableColumn(m.StartsWith("test ", StringComparison.Ordinal) ? m : $"final {m}").RightAligned());
        }

        foreach (var r in results)
        {
            var t = r.Trained;
            var cells = new List<string> { r.Variant.Value, t.Result.EpochsRun.ToString(CultureInfo.InvariantCulture), t.Result.Steps.ToString(CultureInfo.InvariantCulture) };
            cells.AddRange(r.Finals.Select(p => Runs.SummaryReport.Value(p.Name, p.Value))); // accuracies as percentages, as in summary.md
            table.AddRow(cells.Select(Markup.Escape).ToArray());
        }

        console.Write(table);
    }
}
