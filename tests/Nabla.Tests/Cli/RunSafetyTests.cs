using System.Diagnostics;
using System.Globalization;

namespace Nabla.Tests.Cli;

/// <summary>
/// No run is lost: two runs at once take two folders, Ctrl-C during the write lets it finish (twice
/// aborts it cleanly), a killed run's staging folder is removed by the next, --force replaces only
/// what 'nabla' wrote, and a folder that cannot be written is found before training.
/// </summary>
public class RunSafetyTests
{
    [Fact]
    public void TwoRunsAtOnce_TakeTwoFolders()
    {
        string cwd = CliProcess.TempFolder();
        var results = Together(cwd, ["train", Examples.Path("iris.json")], ["train", Examples.Path("iris.json")]);
        Assert.All(results, r => Assert.True(r.ExitCode == 0, r.Error));
        string[] written = [.. results.Select(r => r.Out.Split('\n').Single(l => l.StartsWith("Run written to", StringComparison.Ordinal)))];
        Assert.Equal(["Run written to runs/iris (see summary.md)", "Run written to runs/iris-2 (see summary.md)"], written.Order(StringComparer.Ordinal));
        Assert.True(File.Exists(Path.Combine(cwd, "runs", "iris", "summary.md")));
        Assert.True(File.Exists(Path.Combine(cwd, "runs", "iris-2", "summary.md")));
        Assert.Equal(["iris", "iris-2"], Entries(Path.Combine(cwd, "runs")));
    }

    [Fact]
    public void TwoRunsAtOnce_WithTheSameOut_OneIsRefused()
    {
        string dir = CliProcess.TempFolder();
        string run = Path.Combine(dir, "run");
        string[] args = ["train", Examples.Path("iris.json"), "--out", run];
        var results = Together(dir, args, args);
        Assert.Equal([0, 1], results.Select(r => r.ExitCode).Order());
        var refused = results.Single(r => r.ExitCode == 1);
        Assert.Matches("^nabla: .*run (is being written by another 'nabla' run right now|already exists)\\. Fix: ", refused.Error);
        AssertOneMessage(refused.Error);
        Assert.Equal(["run"], Entries(dir));
    }

    [Fact]
    public async Task CtrlC_DuringTheWrite_LetsItFinish()
    {
        string dir = CliProcess.TempFolder();
        string run = Path.Combine(dir, "run");
        using var process = StartSlowWrite(dir, run);
        var stdout = process.StandardOutput.ReadToEndAsync();
        await WaitForTheWrite(dir);
        Signal(process, "INT");
        string stderr = await process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(120_000), "nabla did not end");
        Assert.Equal(130, process.ExitCode);
        Assert.Contains("finishing writing", stderr);
        Assert.Contains("Run written to", await stdout);
        Assert.True(File.Exists(Path.Combine(run, "summary.md")));
        Assert.True(File.Exists(Path.Combine(run, "lr-0.3", "predictions.csv")));
        Assert.Equal(["run"], Entries(dir));
    }

    [Fact]
    public async Task CtrlCTwice_DuringTheWrite_AbortsIt_AndLeavesNothing()
    {
        string dir = CliProcess.TempFolder();
        using var process = StartSlowWrite(dir, Path.Combine(dir, "run"));
        var stdout = process.StandardOutput.ReadToEndAsync();
        await WaitForTheWrite(dir);
        Signal(process, "INT");
        string first = await process.StandardError.ReadLineAsync() ?? "";
        Assert.Contains("finishing writing", first);
        Signal(process, "INT");
        string rest = await process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(120_000), "nabla did not end");
        Assert.Equal(130, process.ExitCode);
        Assert.Contains("nothing was written", rest);
        AssertOneMessage(rest);
        Assert.DoesNotContain("Run written to", await stdout);
        Assert.Empty(Entries(dir));
    }

    [Fact]
    public async Task KilledDuringTheWrite_TheNextRunRemovesWhatWasLeft()
    {
        string dir = CliProcess.TempFolder();
        using (var process = StartSlowWrite(dir, Path.Combine(dir, "run")))
        {
            await WaitForTheWrite(dir);
            process.Kill();
            process.WaitForExit();
        }

        Assert.Equal([".run.nabla-tmp"], Entries(dir));
        string legacy = $".old.{int.MaxValue}.{Guid.NewGuid():N}.tmp"; // an earlier version's, whose process is gone
        Directory.CreateDirectory(Path.Combine(dir, legacy, "initial-weights"));

        var r = CliProcess.Run("train", Examples.Path("seed-001-or-sigmoid.json"), "--out", Path.Combine(dir, "other"));
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Equal(["other"], Entries(dir));
    }

    [Fact]
    public void Force_KeepsAFolderWithFilesNablaDidNotWrite()
    {
        string folder = CliProcess.TempFolder();
        File.WriteAllText(Path.Combine(folder, "model.json"), "{}");
        File.WriteAllText(Path.Combine(folder, "thesis.tex"), "mine");
        var r = CliProcess.Run("train", Examples.Path("seed-001-or-sigmoid.json"), "--out", folder, "--force");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("holds model.json, which 'nabla' did not write (the folder has no .nabla-run marker)", r.Error);
        AssertOneMessage(r.Error);
        Assert.Equal(["model.json", "thesis.tex"], Entries(folder));
        Assert.Equal("mine", File.ReadAllText(Path.Combine(folder, "thesis.tex")));
        Assert.DoesNotContain(Entries(Path.GetDirectoryName(folder)!), e => e.StartsWith($".{Path.GetFileName(folder)}.", StringComparison.Ordinal));
    }

    [Fact]
    public void Force_ReplacesARunFolder_OnlyWhileItHoldsNothingElse()
    {
        string run = Path.Combine(CliProcess.TempFolder(), "run");
        string spec = Examples.Path("seed-001-or-sigmoid.json");
        Assert.Equal(0, CliProcess.Run("train", spec, "--out", run).ExitCode);
        File.WriteAllText(Path.Combine(run, "final-weights", "notes.txt"), "mine");

        var refused = CliProcess.Run("train", spec, "--out", run, "--force");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("holds final-weights/notes.txt, which 'nabla' did not write", refused.Error);
        AssertOneMessage(refused.Error);
        Assert.True(File.Exists(Path.Combine(run, "final-weights", "notes.txt")));

        File.Delete(Path.Combine(run, "final-weights", "notes.txt"));
        var replaced = CliProcess.Run("train", spec, "--out", run, "--force", "--epochs", "3");
        Assert.True(replaced.ExitCode == 0, replaced.Error);
        Assert.Equal(4, File.ReadAllLines(Path.Combine(run, "history.csv")).Length);
        Assert.Equal(["run"], Entries(Path.GetDirectoryName(run)!));
    }

    [Fact]
    public void AnUnwritableOut_IsFoundBeforeTraining()
    {
        string dir = CliProcess.TempFolder();
        File.WriteAllText(Path.Combine(dir, "afile"), "");
        // 2,000,000,000 epochs: the run ends at all only because the folder is checked before training.
        var r = CliProcess.Run("train", Examples.Path("seed-001-or-sigmoid.json"), "--epochs", "2000000000", "--out", Path.Combine(dir, "afile", "run"));
        Assert.Equal(1, r.ExitCode);
        Assert.Contains($"{Path.Combine(dir, "afile", "run")}: cannot write the run folder there", r.Error);
        AssertOneMessage(r.Error);
        Assert.Equal(["afile"], Entries(dir));
    }

    /// <summary>Digits at five learning rates for a few epochs: a short training, then a write of a few seconds.</summary>
    private static Process StartSlowWrite(string cwd, string run) =>
        CliProcess.Start(cwd, "train", Examples.Path("digits.json"), "--epochs", "2", "--lr", "0.1,0.2,0.3,0.4,0.5", "--out", run);

    /// <summary>Waits until the run has begun writing into its staging folder.</summary>
    private static async Task WaitForTheWrite(string dir)
    {
        string staging = Path.Combine(dir, ".run.nabla-tmp", "initial-weights");
        for (int poll = 0; poll < 24_000 && !Directory.Exists(staging); poll++)
        {
            await Task.Delay(5);
        }

        Assert.True(Directory.Exists(staging), "the write did not begin");
    }

    private static void Signal(Process process, string name)
    {
        using var kill = Process.Start("kill", [$"-{name}", process.Id.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    /// <summary>Runs two commands at the same time in <paramref name="cwd"/>.</summary>
    private static CliProcess.Result[] Together(string cwd, string[] a, string[] b)
    {
        var runs = new[] { a, b }.Select(args => Task.Run(() => CliProcess.RunIn(cwd, args))).ToArray();
        Task.WaitAll(runs);
        return [.. runs.Select(t => t.Result)];
    }

    /// <summary>Every entry of a folder, hidden ones included, by name.</summary>
    private static string[] Entries(string dir) =>
        [.. Directory.EnumerateFileSystemEntries(dir).Select(e => Path.GetFileName(e)).Order(StringComparer.Ordinal)];

    private static void AssertOneMessage(string stderr)
    {
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.StartsWith("nabla: ", StringComparison.Ordinal));
        Assert.DoesNotContain("   at ", stderr);
        Assert.DoesNotContain("Exception", stderr);
    }
}
