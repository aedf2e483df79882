using System.Globalization;
using Nabla.Cli.Runs;
using Nabla.Specs;
using Nabla.Training;

namespace Nabla.Tests.Cli;

/// <summary>A long run writes a bounded history, and history.csv, model.json and the plots agree on the epochs kept.</summary>
public class LongRunHistoryTests
{
    [Fact]
    public void TenThousandEpochs_WriteABoundedHistory_WithTheEpochsKept()
    {
        string run = Path.Combine(CliProcess.TempFolder(), "xor");
        var r = CliProcess.Run("train", Examples.Path("seed-000-report-lr0.5.json"), "--epochs", "10000", "--lr", "0.5,0.8", "--out", run);
        Assert.True(r.ExitCode == 0, r.Error);

        foreach (string lr in new[] { "lr-0.5", "lr-0.8" })
        {
            var model = SpecReader.ReadFile(Path.Combine(run, lr, "model.json"));
            double[] epochs = model.History![History.EpochColumn];
            Assert.InRange(epochs.Length, History.DefaultLimit / 2, History.DefaultLimit);
            Assert.Equal(1, epochs[0]);
            Assert.Equal(10_000, epochs[^1]);
            Assert.Equal(epochs.Length, model.History["loss"].Length);

            string[] csv = File.ReadAllLines(Path.Combine(run, lr, "history.csv"));
            Assert.Equal(epochs.Length + 1, csv.Length);
            Assert.Equal(epochs, csv.Skip(1).Select(line => double.Parse(line.Split(',')[0], CultureInfo.InvariantCulture)));
            Assert.Equal(epochs, HistoryCsv.Read(Path.Combine(run, lr, "history.csv"))[History.EpochColumn]);
        }

        // The comparison keeps the same epochs, and `nabla plot` redraws from them.
        var compare = HistoryCsv.Read(Path.Combine(run, "history.csv"));
        Assert.Equal(10_000, compare[History.EpochColumn][^1]);
        var plot = CliProcess.Run("plot", run);
        Assert.True(plot.ExitCode == 0, plot.Error);
    }

    [Fact]
    public void AShortRun_KeepsEveryEpoch_WithoutAnEpochColumn()
    {
        string run = Path.Combine(CliProcess.TempFolder(), "xor");
        var r = CliProcess.Run("train", Examples.Path("seed-000-report-lr0.5.json"), "--out", run);
        Assert.True(r.ExitCode == 0, r.Error);
        var model = SpecReader.ReadFile(Path.Combine(run, "model.json"));
        Assert.DoesNotContain(History.EpochColumn, model.History!.Keys);
        Assert.Equal(3000, model.History["loss"].Length);
        Assert.Equal(3001, File.ReadAllLines(Path.Combine(run, "history.csv")).Length);
    }
}
