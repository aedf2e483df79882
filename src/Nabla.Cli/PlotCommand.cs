using System.CommandLine;
using Nabla.Cli.Runs;
using Spectre.Console;

namespace Nabla.Cli;

/// <summary>
/// `nabla plot RUN_DIR|history.csv [-o DIR]`: draws loss.svg and loss.png (and accuracy.png when
/// recorded) from a training history; for a run folder, also for each learning rate's folder.
/// </summary>
public static class PlotCommand
{
    public static Command Create()
    {
        var source = new Argument<string>("run") { Description = "A run folder written by 'nabla train' or 'nabla demo', or a history.csv." };
        var output = new Option<DirectoryInfo?>("--out", "-o") { Description = "Write the plots here (default: next to each history.csv)." };
        var command = new Command("plot", "Draw the loss curves of a training run (loss.svg, loss.png) from its history.csv.") { source, output };
        command.SetAction(parse => Run(parse.GetValue(source)!, parse.GetValue(output)));
        return command;
    }

    public static int Run(string source, DirectoryInfo? outDir)
    {
        var histories = Histories(source);
        foreach (var (path, title) in histories)
        {
            string relative = Path.GetRelativePath(Path.GetDirectoryName(histories[0].Path)!, Path.GetDirectoryName(path)!);
            string folder = outDir is null ? Path.GetDirectoryName(path)! : Path.Combine(outDir.FullName, relative);
            RunPlots.Losses(HistoryCsv.Read(path), folder, title);
            CommandRunner.Out.MarkupLine($"Plotted [green]{Markup.Escape(Path.GetRelativePath(Environment.CurrentDirectory, Path.Combine(folder, "loss.png")))}[/]");
        }

        return CommandRunner.Ok;
    }

    /// <summary>The history files to plot: the one given, or a run folder's and its lr-… folders'.</summary>
    private static List<(string Path, string Title)> Histories(string source)
    {
        if (File.Exists(source))
        {
            return [(Path.GetFullPath(source), "Training history")];
        }

        if (!Directory.Exists(source))
        {
            throw new NablaException($"{source}: there is no such file or folder. Fix: give a run folder written by 'nabla train' (e.g. runs/demo) or its history.csv.");
        }

        string top = Path.Combine(Path.GetFullPath(source), "history.csv");
        if (!File.Exists(top))
        {
            throw new NablaException($"{source}: the folder has no history.csv. Fix: give a run folder written by 'nabla train' (e.g. runs/demo) or a history.csv.");
        }

        var list = new List<(string, string)> { (top, "Training history") };
        var compared = new[] { "lr-*", "batch-*", "optimizer-*" }.SelectMany(pattern => Directory.GetDirectories(source, pattern)).ToList();
        foreach (string dir in compared.Order(StringComparer.Ordinal))
        {
            string history = Path.Combine(Path.GetFullPath(dir), "history.csv");
            if (File.Exists(history))
            {
                list.Add((history, $"Training history ({Path.GetFileName(dir).Replace('-', ' ')})"));
            }
        }

        if (list.Count > 1)
        {
            string setting = Path.GetFileName(compared[0]).Split('-')[0];
            list[0] = (top, $"Loss by {(setting == "lr" ? "learning rate" : setting)}");
        }

        return list;
    }
}
