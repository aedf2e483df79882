using System.Globalization;
using System.Text;
using Nabla.Specs;
using Nabla.Training;

namespace Nabla.Cli.Runs;

/// <summary>summary.md: the network, the settings, the results of each learning rate, the plots and the files.</summary>
public static class SummaryReport
{
    /// <param name="folder">The run folder, already holding the plots (only those that exist are shown).</param>
    public static string Write(string folder, ModelSpec initial, IReadOnlyList<RunResult> results)
    {
        var md = new StringBuilder();
        var train = initial.Train;
        var data = results.Count > 0 ? results[0].Trained.Data : null;
        md.AppendLine($"# {initial.Name ?? Path.GetFileNameWithoutExtension(initial.File)}").AppendLine();
        md.AppendLine($"Trained from `{Path.GetFileName(initial.File)}`" + (data is null ? "." : $" on {data.Name} ({data.Count} examples)."));
        md.AppendLine().AppendLine("## Network").AppendLine();
        md.AppendLine("| layer | units | activation | bias |").AppendLine("|---|---|---|---|");
        md.AppendLine($"| inputs | {initial.Inputs} | | |");
        for (int l = 0; l < initial.Layers.Count; l++)
        {
            var layer = initial.Layers[l];
            md.AppendLine($"| {l + 1} | {layer.Units} | {layer.Activation} | {(layer.HasBias ? "yes" : "no")} |");
        }

        md.AppendLine().AppendLine($"Loss: `{initial.Loss.Name}`" + (initial.Metrics.Count > 0 ? $"; also recorded: {string.Join(", ", initial.Metrics)}." : "."));
        md.AppendLine().AppendLine("## Settings").AppendLine();
        md.AppendLine("| optimizer | learning rate | epochs | batch | shuffle | seed | precision |").AppendLine("|---|---|---|---|---|---|---|");
        string Each(Func<TrainSpec, string> setting) => string.Join(", ", results.Select(r => setting(r.Trained.Model.Train)).DefaultIfEmpty(setting(train)).Distinct());
        md.AppendLine($"| {Each(t => t.Optimizer)} | {Each(t => RunResult.Format(t.LearningRate))} | {train.Epochs} | " +
            $"{Each(t => t.Batch == 0 ? "full" : t.Batch.ToString(CultureInfo.InvariantCulture))} | {(train.Shuffle ? "yes" : "no")} | {train.Seed} | {train.Precision} |");
        if (train.Extras() is { Length: > 0 } extras)
        {
            md.AppendLine().AppendLine($"Also: {extras}" + (train.Schedule is null ? "." : " (`lr.png`)."));
        }

        md.AppendLine().AppendLine(results.Count > 1
            ? $"Every {results[0].Variant.Heading} starts from the same initial weights (`initial-weights/`)."
            : "The initial weights are in `initial-weights/`.");

        md.AppendLine().AppendLine("## Results").AppendLine();
        var metrics = results.Count > 0 ? results[0].Finals.Select(p => p.Name).ToList() : [];
        md.AppendLine($"| {(results.Count > 0 ? results[0].Variant.Heading : "learning rate")} | epochs run | steps | {string.Join(" | ", metrics)} | note |");
        md.AppendLine($"|---|---|---|{string.Concat(metrics.Select(_ => "---|"))}---|");
        foreach (var r in results)
        {
            var t = r.Trained;
            md.AppendLine($"| {r.Variant.Value} | {t.Result.EpochsRun} | {t.Result.Steps} | " +
                string.Join(" | ", r.Finals.Select(p => Value(p.Name, p.Value))) +
                $" | {t.Result.StopMessage ?? ""} |");
        }

        Pictures(md, folder, results);
        md.AppendLine().AppendLine("## Files").AppendLine();
        md.AppendLine("- `loss.svg`, `loss.png`, `accuracy.png`, `boundary.png` (2-input classifiers), `confusion.png` (classifiers): the plots above; `nabla plot` redraws the loss plots from `history.csv`.");
        md.AppendLine("- `initial-weights/`: W*l*.csv (n_in rows × n_out columns) and b*l*.csv per layer, before training.");
        foreach (var r in results)
        {
            string at = r.Folder.Length == 0 ? "" : $"{r.Folder}/";
            string who = results.Count > 1 ? $" ({r.Label})" : "";
            md.AppendLine($"- `{at}model.json`{who}: the trained model; `nabla predict {at}model.json --x …` uses it.");
            md.AppendLine($"- `{at}final-weights/`{who}: the weights after training, as CSV.");
            string rows = r.Trained.Model.History?.ContainsKey(History.EpochColumn) == true
                ? $"{r.Trained.Model.History[History.EpochColumn].Length} epochs of {r.Trained.Result.EpochsRun}, evenly spread (the first and the last included)"
                : "one row per epoch";
            md.AppendLine($"- `{at}history.csv`{who}: {rows}; `{at}predictions.csv`: every example's inputs, targets and outputs (with the actual and predicted class for a classifier), training and test part.");
        }

        return md.ToString();
    }

    private static void Pictures(StringBuilder md, string folder, IReadOnlyList<RunResult> results)
    {
        md.AppendLine().AppendLine("## Plots").AppendLine();
        if (results.Count > 1)
        {
            Image(md, folder, "loss.png", $"Loss by {results[0].Variant.Heading}");
        }

        foreach (var r in results)
        {
            string who = results.Count > 1 ? $" ({r.Label})" : "";
            if (results.Count > 1)
            {
                md.AppendLine($"### {r.Label}").AppendLine();
            }

            Image(md, folder, Path.Combine(r.Folder, "loss.png"), $"Training history{who}");
            Image(md, folder, Path.Combine(r.Folder, "accuracy.png"), $"Accuracy{who}");
            Image(md, folder, Path.Combine(r.Folder, "lr.png"), $"Learning rate per epoch{who}");
            Image(md, folder, Path.Combine(r.Folder, "boundary.png"), $"Decision boundary{who}");
            if (Classification.Classes(r.Trained.Model, r.Trained.Data.Y) is { } names)
            {
                var (confusion, on) = RunPlots.Confusion(r.Trained);
                md.AppendLine($"Confusion matrix on the {on}{who}: {confusion.Total} examples, accuracy {Percent(confusion.Accuracy)}.").AppendLine();
                md.AppendLine(confusion.ToMarkdown(names)).AppendLine();
                Image(md, folder, Path.Combine(r.Folder, "confusion.png"), $"Confusion matrix{who}");
            }
        }
    }

    /// <summary>An accuracy (a share of examples, "accuracy", "test_accuracy") as a percentage; any other value to 6 significant digits.</summary>
    internal static string Value(string name, double value) =>
        name.Contains("accuracy", StringComparison.Ordinal) ? Percent(value) : value.ToString("G6", CultureInfo.InvariantCulture);

    /// <summary>A share as a percentage to one decimal, e.g. 0.983333 → "98.3 %", 1 → "100 %" (and only 1: 0.9996 → "99.9 %").</summary>
    internal static string Percent(double share)
    {
        if (!double.IsFinite(share))
        {
            return share.ToString(CultureInfo.InvariantCulture);
        }

        double percent = share < 1 ? Math.Min(share * 100, 99.9) : share * 100;
        return percent.ToString("0.#", CultureInfo.InvariantCulture) + " %";
    }

    private static void Image(StringBuilder md, string folder, string file, string alt)
    {
        if (File.Exists(Path.Combine(folder, file)))
        {
            md.AppendLine($"![{alt}]({file.Replace('\\', '/')})").AppendLine();
        }
    }
}
