using System.CommandLine;
using System.Globalization;
using Nabla.Gradients;
using Nabla.Specs;
using Spectre.Console;

namespace Nabla.Cli;

/// <summary>`nabla gradcheck SPEC`: backpropagation against central differences, per parameter tensor.</summary>
public static class GradCheckCommand
{
    public const double Tolerance = 1e-6;

    public static Command Create()
    {
        var spec = new Argument<FileInfo>("spec") { Description = "The spec file whose network and data to check." };
        var command = new Command("gradcheck", "Compare the backpropagated gradients with central differences.") { spec };
        command.SetAction(parse => Run(parse.GetValue(spec)!));
        return command;
    }

    public static int Run(FileInfo specFile)
    {
        var spec = SpecReader.ReadFile(specFile.FullName);
        var network = ModelBuilder.BuildNetwork<double>(spec);
        var data = ModelBuilder.LoadData(spec);
        var results = GradientCheck.Run(network, data.X, data.Y);

        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumns("tensor", "shape", "max |analytic − numeric|", "max relative error", "");
        foreach (var r in results)
        {
            bool ok = r.MaxRelativeError < Tolerance;
            table.AddRow(
                r.Name == "X" ? "dX (inputs)" : $"d{r.Name}",
                $"{r.Rows}×{r.Cols}",
                r.MaxAbsoluteError.ToString("E2", CultureInfo.InvariantCulture),
                r.MaxRelativeError.ToString("E2", CultureInfo.InvariantCulture),
                ok ? "[green]ok[/]" : "[red]MISMATCH[/]");
        }

        CommandRunner.Out.Write(table);
        return results.All(r => r.MaxRelativeError < Tolerance) ? CommandRunner.Ok : CommandRunner.InputError;
    }
}
