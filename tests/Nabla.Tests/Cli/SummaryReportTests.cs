using System.Text.RegularExpressions;

namespace Nabla.Tests.Cli;

/// <summary>summary.md as a reader meets it: each plot once, only true sentences, accuracies as percentages.</summary>
public partial class SummaryReportTests
{
    [GeneratedRegex(@"!\[[^\]]*\]\(([^)]+)\)")]
    private static partial Regex ImagePattern();

    [GeneratedRegex(@"^\d{1,3}(\.\d)? %$")]
    private static partial Regex PercentPattern();

    private static string Train(params string[] options) => TrainRun(options).Summary;

    private static (string Summary, string Console) TrainRun(params string[] options)
    {
        string run = Path.Combine(CliProcess.TempFolder(), "iris");
        var r = CliProcess.Run(["train", Examples.Path("iris.json"), "--epochs", "5", "--out", run, .. options]);
        Assert.True(r.ExitCode == 0, r.Error);
        return (File.ReadAllText(Path.Combine(run, "summary.md")), r.Out);
    }

    private static string[] Images(string summary) => [.. ImagePattern().Matches(summary).Select(m => m.Groups[1].Value)];

    /// <summary>The cells of the Results table under the headers whose name holds "accuracy".</summary>
    private static string[] AccuracyCells(string summary)
    {
        string[] lines = summary.Split('\n');
        int header = Array.FindIndex(lines, l => l.StartsWith("| learning rate | epochs run |", StringComparison.Ordinal));
        string[] Cells(string line) => [.. line.Trim().Trim('|').Split('|').Select(c => c.Trim())];
        string[] names = Cells(lines[header]);
        int[] columns = [.. Enumerable.Range(0, names.Length).Where(i => names[i].Contains("accuracy", StringComparison.Ordinal))];
        Assert.NotEmpty(columns);
        return [.. lines.Skip(header + 2).TakeWhile(l => l.StartsWith('|')).SelectMany(l => columns.Select(i => Cells(l)[i]))];
    }

    [Fact]
    public void One_rate_shows_each_plot_once_and_claims_no_comparison()
    {
        string summary = Train();

        string[] images = Images(summary);
        Assert.Contains("loss.png", images);
        Assert.Equal(images.Distinct(), images);
        Assert.DoesNotContain("Every learning rate", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("by learning rate", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Several_rates_show_the_comparison_once_and_each_rates_plots_once()
    {
        string summary = Train("--lr", "0.01,0.05");

        string[] images = Images(summary);
        Assert.Equal(images.Distinct(), images);
        Assert.Contains("loss.png", images);
        Assert.Contains("lr-0.05/loss.png", images);
        Assert.Contains("Every learning rate starts from the same initial weights", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Accuracies_are_percentages()
    {
        var (summary, console) = TrainRun();
        // The console's closing line says it the same way.
        string line = console.Split('\n').Single(l => l.StartsWith("5 epochs", StringComparison.Ordinal));
        Assert.Matches(@", accuracy \d{1,3}(\.\d)? %, test loss [\d.]+, test accuracy \d{1,3}(\.\d)? %", line);

        string[] cells = AccuracyCells(summary);
        Assert.Equal(2, cells.Length); // accuracy and test accuracy
        Assert.All(cells, c => Assert.Matches(PercentPattern(), c));
        var confusion = summary.Split('\n').Single(l => l.StartsWith("Confusion matrix on", StringComparison.Ordinal));
        Assert.Matches(@"accuracy \d{1,3}(\.\d)? %\.$", confusion.Trim());
    }
}
