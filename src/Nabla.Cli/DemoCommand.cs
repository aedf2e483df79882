using System.CommandLine;
using Nabla.Cli.Runs;
using Nabla.Specs;

namespace Nabla.Cli;

/// <summary>
/// `nabla demo`: no file needed. Trains seed 000's network (2-2-1, ReLU then sigmoid, XOR) at
/// learning rates 0.1, 0.5 and 0.8 from the same initial weights and writes a run folder.
/// </summary>
public static class DemoCommand
{
    public static readonly double[] LearningRates = [0.1, 0.5, 0.8];

    public static Command Create()
    {
        var output = new Option<DirectoryInfo?>("--out", "-o") { Description = "The run folder to write (default: runs/demo, or runs/demo-2, … if taken)." };
        var force = new Option<bool>("--force") { Description = "Replace an existing run folder given by --out." };
        var command = new Command("demo", "Train XOR on a 2-2-1 ReLU/sigmoid network at learning rates 0.1, 0.5 and 0.8 (seed 000), with plots.") { output, force };
        command.SetAction(parse => Run(parse.GetValue(output), parse.GetValue(force)));
        return command;
    }

    public static int Run(DirectoryInfo? outDir, bool force)
    {
        var spec = SpecReader.Parse(Spec(), "seed-000-report.json") with { Name = "Demo: XOR on a 2-2-1 ReLU/sigmoid network (seed 000), learning rates 0.1, 0.5 and 0.8" };
        using var claim = RunFolder.Claim(outDir?.FullName, "demo", force);
        return TrainRun.Execute(spec, new TrainOverrides(LearningRates), claim, CommandRunner.Out);
    }

    /// <summary>examples/seed-000-report-lr0.5.json, built into the program.</summary>
    private static string Spec()
    {
        using var stream = typeof(DemoCommand).Assembly.GetManifestResourceStream("seed-000-report.json")!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
