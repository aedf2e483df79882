using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Nabla.Cli.Runs;
using Nabla.Specs;

namespace Nabla.Cli;

/// <summary>
/// `nabla train SPEC [--lr 0.1,0.5,0.8] [--batch full,32,1] [--optimizer sgd,momentum,adam] [--epochs N] [--seed S] [--out DIR] [--force] [--no-plots]`:
/// trains with a progress bar and writes a run folder (model, weights, history, plots, summary); several values of one
/// setting are compared, each run from the same initial weights.
/// </summary>
public static class TrainCommand
{
    public static Command Create()
    {
        var spec = new Argument<FileInfo>("spec") { Description = "The spec file (JSON) describing the network, data and training." };
        var lr = new Option<double[]?>("--lr")
        {
            Description = "Learning rate(s), comma-separated; several run from the same initial weights and are compared, e.g. 0.1,0.5,0.8.",
            CustomParser = ParseRates,
        };
        var epochs = new Option<int?>("--epochs") { Description = "Number of epochs (passes over the training data).", CustomParser = ParseEpochs };
        var batch = new Option<int[]?>("--batch")
        {
            Description = "Examples per step: 'full' (the whole data set) or a number K (1 = one example at a time); several, comma-separated, are compared, e.g. full,32,1.",
            CustomParser = ParseBatches,
        };
        var optimizer = new Option<string[]?>("--optimizer")
        {
            Description = $"The optimizer ({string.Join(", ", TrainSpec.Optimizers)}); several, comma-separated, are compared, e.g. sgd,momentum,adam.",
            CustomParser = ParseOptimizers,
        };
        var seed = new Option<ulong?>("--seed") { Description = "Seed for initial weights the spec leaves out, shuffling, toy data sets and the test split." };
        var output = new Option<DirectoryInfo?>("--out", "-o") { Description = "The run folder to write (default: runs/<spec name>, or runs/<spec name>-2, … if taken)." };
        var force = new Option<bool>("--force") { Description = "Replace an existing run folder given by --out." };
        var noPlots = new Option<bool>("--no-plots") { Description = "Write no plots (PNG, SVG): the rest of the run folder only, sooner." };
        var command = new Command("train", "Train the network a spec describes and write a run folder: model, weights, history, plots, summary.")
        {
            spec, lr, batch, optimizer, epochs, seed, output, force, noPlots,
        };
        command.SetAction(parse => Run(
            parse.GetValue(spec)!,
            new TrainOverrides(parse.GetValue(lr), parse.GetValue(epochs), parse.GetValue(batch), parse.GetValue(seed), parse.GetValue(optimizer)),
            parse.GetValue(output),
            parse.GetValue(force),
            !parse.GetValue(noPlots)));
        return command;
    }

    public static int Run(FileInfo specFile, TrainOverrides overrides, DirectoryInfo? outDir, bool force, bool plots = true)
    {
        var spec = SpecReader.ReadFile(specFile.FullName);
        overrides.Compared(); // (a mistake in the settings is reported before any folder is made)
        using var claim = RunFolder.Claim(outDir?.FullName, Path.GetFileNameWithoutExtension(specFile.Name), force);
        return TrainRun.Execute(spec, overrides, claim, CommandRunner.Out, plots);
    }

    private static double[]? ParseRates(ArgumentResult result)
    {
        var rates = new List<double>();
        foreach (string token in result.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (!double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out double rate) || !(rate > 0) || !double.IsFinite(rate))
            {
                result.AddError($"--lr: \"{token}\" is not a positive learning rate. Write e.g. --lr 0.5 or --lr 0.1,0.5,0.8.");
                return null;
            }

            rates.Add(rate);
        }

        if (rates.Count == 0)
        {
            result.AddError("--lr: no learning rate is given. Write e.g. --lr 0.5 or --lr 0.1,0.5,0.8.");
            return null;
        }

        return [.. rates];
    }

    private static int? ParseEpochs(ArgumentResult result)
    {
        string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int n))
        {
            return n;
        }

        result.AddError($"--epochs: \"{text}\" is not a whole number from 0 to {int.MaxValue}.");
        return null;
    }

    private static int[]? ParseBatches(ArgumentResult result)
    {
        var batches = new List<int>();
        foreach (string text in Values(result))
        {
            if (text == "full")
            {
                batches.Add(0);
            }
            else if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int k) && k >= 1)
            {
                batches.Add(k);
            }
            else
            {
                result.AddError($"--batch: \"{text}\" is neither 'full' nor a whole number ≥ 1. Write e.g. --batch 32 or --batch full,32,1.");
                return null;
            }
        }

        return Distinct(result, "--batch", batches, "a batch size", "--batch full,32,1", k => k == 0 ? "full" : k.ToString(CultureInfo.InvariantCulture));
    }

    private static string[]? ParseOptimizers(ArgumentResult result)
    {
        var names = Values(result).ToList();
        if (names.FirstOrDefault(n => !TrainSpec.Optimizers.Contains(n)) is { } unknown)
        {
            result.AddError($"--optimizer: \"{unknown}\" is not an optimizer. Use {string.Join(", ", TrainSpec.Optimizers)}, e.g. --optimizer sgd,momentum,adam.");
            return null;
        }

        return Distinct(result, "--optimizer", names, "an optimizer", "--optimizer sgd,momentum,adam", n => n);
    }

    private static IEnumerable<string> Values(ArgumentResult result) =>
        result.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    /// <summary>The values, refusing none at all and a value given twice (two runs of one comparison would share a folder).</summary>
    private static T[]? Distinct<T>(ArgumentResult result, string option, List<T> values, string what, string example, Func<T, string> show)
    {
        if (values.Count == 0)
        {
            result.AddError($"{option}: no value is given. Write {what}, e.g. {example}.");
            return null;
        }

        if (values.GroupBy(v => v).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            result.AddError($"{option}: {show(twice.Key)} is given twice. Give each value once, e.g. {example}.");
            return null;
        }

        return [.. values];
    }
}
