using System.CommandLine;
using System.Globalization;
using Nabla.Specs;
using Spectre.Console;

namespace Nabla.Cli;

/// <summary>`nabla train SPEC [--out DIR] [--force]`: trains, writes DIR/model.json, prints the predictions.</summary>
public static class TrainCommand
{
    public static Command Create()
    {
        var spec = new Argument<FileInfo>("spec") { Description = "The spec file (JSON) describing the network, data and training." };
        var output = new Option<DirectoryInfo?>("--out", "-o") { Description = "The run folder to write model.json into (default: runs/<spec name>)." };
        var force = new Option<bool>("--force") { Description = "Overwrite an existing model.json in the run folder." };
        var command = new Command("train", "Train the network a spec describes and save the trained model.") { spec, output, force };
        command.SetAction(parse => Run(parse.GetValue(spec)!, parse.GetValue(output), parse.GetValue(force)));
        return command;
    }

    public static int Run(FileInfo specFile, DirectoryInfo? outDir, bool force)
    {
        var spec = SpecReader.ReadFile(specFile.FullName);
        string dir = outDir?.FullName ?? Path.Combine("runs", Path.GetFileNameWithoutExtension(specFile.Name));
        string modelPath = Path.Combine(dir, "model.json");
        if (File.Exists(modelPath) && !force)
        {
            throw new NablaException($"{modelPath} already exists. Fix: choose another --out folder, or add --force to overwrite it.");
        }

        var console = CommandRunner.Out;
        console.MarkupLine($"[bold]{Markup.Escape(spec.Name ?? specFile.Name)}[/]");
        var trained = SpecTrainer.Train(spec);
        SpecWriter.WriteFile(trained.Model, modelPath);

        PredictionTable.Write(console, trained);
        string metrics = string.Join(", ", trained.Final.Select(p => $"{p.Key} {p.Value.ToString("G6", CultureInfo.InvariantCulture)}"));
        console.MarkupLine($"{trained.Result.EpochsRun} epochs, {trained.Result.Steps} steps; final {Markup.Escape(metrics)}");
        console.MarkupLine($"Model written to [green]{Markup.Escape(modelPath)}[/]");
        if (trained.Result.Diverged)
        {
            Console.Error.WriteLine($"nabla: {trained.Result.StopMessage}");
            return CommandRunner.InputError;
        }

        return CommandRunner.Ok;
    }
}
