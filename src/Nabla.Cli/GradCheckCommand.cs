using System.CommandLine;
using System.Globalization;
using Nabla.App;
using Nabla.Gradients;
using Nabla.Specs;
using Spectre.Console;

namespace Nabla.Cli;

/// <summary>
/// `nabla gradcheck SPEC [--all] [--sample N]`: backpropagation against central differences, per
/// parameter tensor. Tensors larger than the sample are checked on a seeded sample of their elements.
/// </summary>
public static class GradCheckCommand
{
    /// <summary>Elements checked per tensor unless --all: enough to catch a wrong formula, quick on any network.</summary>
    public const int DefaultSample = 100;

    public static Command Create()
    {
        var spec = new Argument<FileInfo>("spec") { Description = "The spec file whose network and data to check." };
        var all = new Option<bool>("--all") { Description = "Check every element of every tensor (slow on large networks and data sets)." };
        var sample = new Option<int>("--sample")
        {
            Description = "Elements checked per tensor (a seeded sample where a tensor has more).",
            DefaultValueFactory = _ => DefaultSample,
        };
        sample.Validators.Add(r =>
        {
            if (r.Tokens.Count == 1 && int.TryParse(r.Tokens[0].Value, CultureInfo.InvariantCulture, out int n) && n < 1)
            {
                r.AddError("--sample must be 1 or more.");
            }
        });
        var command = new Command("gradcheck", "Compare the backpropagated gradients with central differences.") { spec, all, sample };
        command.SetAction(parse => Run(parse.GetValue(spec)!, parse.GetValue(all) ? null : parse.GetValue(sample)));
        return command;
    }

    public static int Run(FileInfo specFile, int? sampleSize)
    {
        var spec = ModelFile.ReadWithData(specFile.FullName, "gradcheck");
        var network = ModelBuilder.BuildNetwork<double>(spec);
        var data = ModelBuilder.LoadData(spec);
        var results = WithProgress(progress => GradientCheck.Run(network, data.X, data.Y, new GradientCheckOptions(sampleSize, spec.Train.Seed, progress)));

        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumns("tensor", "shape", "checked", "max |analytic − numeric|", "max relative error", "");
        foreach (var r in results)
        {
            table.AddRow(
                r.Name == "X" ? "dX (inputs)" : $"d{r.Name}",
                $"{r.Rows}×{r.Cols}",
                r.Sample is null ? "all" : $"{r.Sample.Length} of {r.Rows * r.Cols}",
                r.MaxAbsoluteError.ToString("E2", CultureInfo.InvariantCulture),
                r.MaxRelativeError.ToString("E2", CultureInfo.InvariantCulture),
                (r.Agrees ? "[green]ok[/]" : $"[red]MISMATCH ({r.Mismatches})[/]") + (r.AtKink > 0 ? $" ({r.AtKink} at a kink)" : ""));
        }

        CommandRunner.Out.Write(table);
        CommandRunner.Out.WriteLine(
            $"An element agrees when its relative error is below {GradientCheck.Tolerance:0e0} or its absolute error is within the difference's own rounding noise (16·ε·L/h)." +
            (results.Any(r => r.AtKink > 0) ? " At a kink, θ ± 2h moves a relu unit across 0 for some example, so the difference measures no derivative: those elements are left out." : "") +
            (results.Any(r => r.Sample is not null) ? $" Large tensors were checked on a seeded sample of {sampleSize} elements; --all checks every one." : "") +
            (network.HasDropout ? " Dropout: one mask per layer was drawn from the seed and held fixed for every difference." : ""));
        return results.All(r => r.Agrees) ? CommandRunner.Ok : CommandRunner.InputError;
    }

    /// <summary>A progress bar on an interactive console; quiet in a pipe or a log.</summary>
    private static T WithProgress<T>(Func<Action<long, long>?, T> work)
    {
        var console = CommandRunner.Out;
        if (!console.Profile.Capabilities.Interactive)
        {
            return work(null);
        }

        T result = default!;
        console.Progress().AutoClear(true).Start(context =>
        {
            var task = context.AddTask("central differences");
            result = work((done, total) =>
            {
                task.MaxValue = total;
                task.Value = done;
            });
        });
        return result;
    }
}
