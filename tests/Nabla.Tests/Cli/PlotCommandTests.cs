using Nabla.Tests.Plotting;

namespace Nabla.Tests.Cli;

public class PlotCommandTests
{
    [Fact]
    public void Plot_RedrawsARunFoldersLossPlots()
    {
        string cwd = CliProcess.TempFolder();
        Assert.Equal(0, CliProcess.RunIn(cwd, "demo", "--out", "run").ExitCode);
        string run = Path.Combine(cwd, "run");
        File.Delete(Path.Combine(run, "loss.png"));
        File.Delete(Path.Combine(run, "lr-0.5", "loss.svg"));

        var r = CliProcess.RunIn(cwd, "plot", "run");
        Assert.True(r.ExitCode == 0, r.Error);
        Picture.AssertPng(Path.Combine(run, "loss.png"), 800, 500);
        Picture.AssertSvg(Path.Combine(run, "lr-0.5", "loss.svg"), 800, 500);
    }

    [Fact]
    public void Plot_OneHistoryIntoAnotherFolder()
    {
        string cwd = CliProcess.TempFolder();
        File.WriteAllText(Path.Combine(cwd, "history.csv"), "epoch,loss,accuracy\n1,0.7,0.5\n2,0.4,0.75\n3,0.2,1\n");
        var r = CliProcess.RunIn(cwd, "plot", "history.csv", "-o", "plots");
        Assert.True(r.ExitCode == 0, r.Error);
        Picture.AssertPng(Path.Combine(cwd, "plots", "loss.png"), 800, 500);
        Picture.AssertPng(Path.Combine(cwd, "plots", "accuracy.png"), 800, 500);
    }

    [Theory]
    [InlineData("x,y\n1,2\n", "history.csv:1:")]
    [InlineData("epoch,loss\n1,0.5\n2,abc\n", "history.csv:3: column 2 (\"loss\") holds \"abc\"")]
    [InlineData("epoch,loss\n1,0.5,7\n", "history.csv:2: the row has 3 cells")]
    public void Plot_NamesTheBadPlaceInAHistory(string text, string message)
    {
        string cwd = CliProcess.TempFolder();
        File.WriteAllText(Path.Combine(cwd, "history.csv"), text);
        var r = CliProcess.RunIn(cwd, "plot", "history.csv");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains(message, r.Error);
        Assert.DoesNotContain("   at ", r.Error); // no stack trace
    }
}
