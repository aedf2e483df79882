using Nabla.App;
using Nabla.Data;
using Nabla.Plotting;
using Nabla.Training;

namespace Nabla.Cli.Runs;

/// <summary>
/// The pictures of a run: loss.svg and loss.png per model (and one comparison for several
/// learning rates), boundary.png for 2-input classifiers, confusion.png for classifiers.
/// </summary>
public static class RunPlots
{
    public static void Write(string folder, IReadOnlyList<RunResult> results, CancellationToken stop = default)
    {
        foreach (var r in results)
        {
            stop.ThrowIfCancellationRequested();
            string dir = Path.Combine(folder, r.Folder);
            var trained = r.Trained;
            string who = results.Count > 1 ? $" ({r.Label})" : "";
            Losses(trained.Model.History ?? new Dictionary<string, double[]>(), dir, $"Training history{who}");
            if (Classification.Classes(trained.Model, trained.Data.Y) is not { } names)
            {
                continue;
            }

            if (trained.Model.Inputs == 2)
            {
                var x = trained.Data.X.ToRows();
                int[] labels = trained.Data.Y.ToRows().Select(row => ClassLabels.IndexOf(row)).ToArray();
                BoundaryPlot.Save(rows => SpecPredictor.Predict(trained.Model, rows), x, labels, names, Path.Combine(dir, "boundary.png"), $"Decision boundary{who}");
            }

            stop.ThrowIfCancellationRequested();
            var (confusion, on) = Confusion(trained);
            ConfusionPlot.Save(confusion.Counts, names, Path.Combine(dir, "confusion.png"), $"Confusion matrix, {on}{who}");
        }

        if (results.Count > 1)
        {
            // Each run's whole curve (a diverged one ends early), at the epochs it kept.
            var curves = results.Select(r => (r.Label, r.LossHistory)).ToList();
            string title = $"Loss by {results[0].Variant.Heading}";
            LossPlot.Save([.. curves.Select(c => ($"loss {c.Label}", c.LossHistory.Losses))], Path.Combine(folder, "loss.svg"), title, epochs: [.. curves.Select(c => c.LossHistory.Epochs)]);
            LossPlot.Save([.. curves.Select(c => ($"loss {c.Label}", c.LossHistory.Losses))], Path.Combine(folder, "loss.png"), title, epochs: [.. curves.Select(c => c.LossHistory.Epochs)]);
        }
    }

    /// <summary>
    /// loss.svg and loss.png from a history (every column but accuracies and the rate), accuracy.png if
    /// recorded, and lr.png under a schedule; at the epochs its "epoch" column names, when it has one.
    /// </summary>
    public static void Losses(IReadOnlyDictionary<string, double[]> history, string folder, string title)
    {
        double[]? rates = history.GetValueOrDefault(History.RateColumn);
        var columns = history.Where(c => c.Key is not (History.EpochColumn or History.RateColumn)).ToLookup(c => c.Key.Contains("accuracy", StringComparison.Ordinal), c => (c.Key, c.Value));
        var losses = columns[false].ToList();
        var accuracies = columns[true].ToList();
        double[]? epochs = history.GetValueOrDefault(History.EpochColumn);
        if (losses.Count > 0)
        {
            var at = epochs is null ? null : losses.Select(_ => epochs).ToList();
            LossPlot.Save(losses, Path.Combine(folder, "loss.svg"), title, epochs: at);
            LossPlot.Save(losses, Path.Combine(folder, "loss.png"), title, epochs: at);
        }

        if (accuracies.Count > 0)
        {
            LossPlot.Save(accuracies, Path.Combine(folder, "accuracy.png"), title, "accuracy", logY: false, epochs: epochs is null ? null : accuracies.Select(_ => epochs).ToList());
        }

        if (rates is not null)
        {
            LossPlot.Save([("", rates)], Path.Combine(folder, "lr.png"), title.Replace("Training history", "Learning rate per epoch", StringComparison.Ordinal), "learning rate η", logY: false, epochs: epochs is null ? null : [epochs]);
        }
    }

    /// <summary>The confusion matrix on the test split when there is one, else on the training data.</summary>
    public static (ConfusionMatrix Matrix, string On) Confusion(TrainedModel trained) =>
        trained.Test is { } test && trained.TestPredictions is { } p
            ? (ConfusionMatrix.From(p, test.Y.ToRows()), "test data")
            : (ConfusionMatrix.From(trained.Predictions, trained.Data.Y.ToRows()), "training data");
}
