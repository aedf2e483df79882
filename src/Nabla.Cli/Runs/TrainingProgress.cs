using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Nabla.Cli.Runs;

/// <summary>
/// A live progress bar per training run: epoch, loss, epochs per second and time left.
/// On a console that is not interactive (a pipe, a CI log) it stays quiet.
/// </summary>
public static class TrainingProgress
{
    /// <summary>Runs <paramref name="work"/> with one bar per (label, epochs); it reports (bar, epoch, loss).</summary>
    public static void Run(IAnsiConsole console, IReadOnlyList<(string Label, int Epochs)> bars, Action<Action<int, int, double>> work)
    {
        if (!console.Profile.Capabilities.Interactive)
        {
            work((_, _, _) => { });
            return;
        }

        console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(
                new TaskDescriptionColumn { Alignment = Justify.Left },
                new ProgressBarColumn(),
                new EpochColumn(),
                new LossColumn(),
                new RateColumn(),
                new RemainingTimeColumn())
            .Start(context =>
            {
                var tasks = bars.Select(b => context.AddTask(Markup.Escape(b.Label), maxValue: Math.Max(1, b.Epochs))).ToArray();
                work((bar, epoch, loss) =>
                {
                    var task = tasks[bar];
                    task.State.Update<double>("loss", _ => loss);
                    task.Value = epoch;
                });
                foreach (var task in tasks)
                {
                    task.StopTask();
                }
            });
    }

    private sealed class EpochColumn : ProgressColumn
    {
        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
            new Text(string.Create(CultureInfo.InvariantCulture, $"epoch {task.Value:0}/{task.MaxValue:0}"));
    }

    private sealed class LossColumn : ProgressColumn
    {
        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime)
        {
            double loss = task.State.Get<double>("loss");
            return new Text(task.Value == 0 ? "loss –" : $"loss {loss.ToString("G5", CultureInfo.InvariantCulture)}", new Style(Color.Yellow));
        }
    }

    private sealed class RateColumn : ProgressColumn
    {
        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
            new Text(task.Speed is { } speed ? $"{speed.ToString("0", CultureInfo.InvariantCulture)} epochs/s" : "", new Style(Color.Grey));
    }
}
