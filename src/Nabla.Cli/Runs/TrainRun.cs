using System.Globalization;
using Nabla.App;
using Nabla.Specs;
using Spectre.Console;

namespace Nabla.Cli.Runs;

/// <summary>
/// What `train` and `demo` share: train a spec once, or once per compared learning rate, batch or
/// optimizer from the same initial weights, with a progress bar; stop cleanly on Ctrl-C; write the run folder.
/// </summary>
public static class TrainRun
{
    /// <summary>Exit code after Ctrl-C: the run was stopped but what was trained is saved.</summary>
    public const int Interrupted = 130;

    /// <summary>Trains, then writes the run into <paramref name="claim"/>'s folder (with its plots unless <paramref name="plots"/> is false); Ctrl-C during the write lets it finish, twice aborts it.</summary>
    public static int Execute(ModelSpec spec, TrainOverrides overrides, RunClaim claim, IAnsiConsole console, bool plots = true)
    {
        (spec, var variants) = overrides.ApplyTo(spec);
        spec = ModelBuilder.FillMissingWeights(spec); // every compared run starts from these weights
        var results = new List<RunResult>();
        string folder = claim.Target;
        string shown = Path.GetRelativePath(Environment.CurrentDirectory, folder);
        bool interrupted;
        using (var interrupt = new Interrupt())
        {
            string title = spec.Name ?? Path.GetFileNameWithoutExtension(spec.File);
            console.MarkupLine($"[bold]{Markup.Escape(title)}[/]");
            var bars = variants.Select(v => (variants.Count > 1 ? v.Label : "training", spec.Train.Epochs)).ToList();
            TrainingProgress.Run(console, bars, report =>
            {
                for (int i = 0; i < variants.Count && !interrupt.Requested; i++)
                {
                    var run = variants[i].ApplyTo(spec);
                    int bar = i;
                    var trained = SpecTrainer.Train(run, (epoch, _, row) => report(bar, epoch, row[0]), interrupt.Token);
                    results.Add(new RunResult(variants[i], trained, variants.Count > 1 ? variants[i].Folder : ""));
                }
            });

            interrupt.BeginWrite(() => Console.Error.WriteLine($"nabla: finishing writing {shown} (press Ctrl-C again to abort and write nothing)."));
            try
            {
                RunWriter.Write(claim.Staging, spec, results, plots, interrupt.AbortToken);
                claim.Commit();
            }
            catch (OperationCanceledException)
            {
                claim.Dispose(); // (removes the half-written folder)
                Console.Error.WriteLine($"nabla: stopped while writing {shown}, as asked; nothing was written.");
                return Interrupted;
            }

            interrupted = interrupt.Requested;
        }

        PredictionTable.Write(console, results);
        if (results.Count > 1)
        {
            ResultsTable.Write(console, results);
        }
        else if (results.Count == 1)
        {
            var t = results[0].Trained;
            string metrics = string.Join(", ", results[0].Finals.Select(p => $"{p.Name} {SummaryReport.Value(p.Name, p.Value)}"));
            console.MarkupLine($"{t.Result.EpochsRun} epochs, {t.Result.Steps} steps; final {Markup.Escape(metrics)}");
        }

        console.MarkupLine($"Run written to [green]{Markup.Escape(shown)}[/] (see summary.md)");
        foreach (string note in results.SelectMany(r => r.Trained.Notes).Distinct())
        {
            Console.Error.WriteLine($"note: {note}");
        }

        foreach (var r in results.Where(r => r.Trained.Result.StopMessage is not null))
        {
            Console.Error.WriteLine($"nabla: {(results.Count > 1 ? r.Label + ": " : "")}{r.Trained.Result.StopMessage}");
        }

        return interrupted ? Interrupted
            : results.Any(r => r.Trained.Result.Diverged) ? CommandRunner.InputError
            : CommandRunner.Ok;
    }
}
