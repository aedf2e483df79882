using Nabla.Specs;

namespace Nabla.Cli.Runs;

/// <summary>
/// Writes a run folder: initial-weights/, and per trained model model.json, final-weights/,
/// history.csv and predictions.csv; in a comparison (learning rates, batches, optimizers), each model in its own
/// lr-… folder and one comparison at the top; summary.md ties it together.
/// </summary>
public static class RunWriter
{
    /// <summary>Writes every file of the run into <paramref name="folder"/>, the plots only when <paramref name="plots"/> is true.</summary>
    /// <param name="stop">Checked between files: once cancelled, the write ends with an <see cref="OperationCanceledException"/>.</param>
    public static void Write(string folder, ModelSpec initial, IReadOnlyList<RunResult> results, bool plots = true, CancellationToken stop = default)
    {
        WeightsCsv.Write(initial, Path.Combine(folder, "initial-weights"));
        foreach (var r in results)
        {
            stop.ThrowIfCancellationRequested();
            string dir = Path.Combine(folder, r.Folder);
            var model = r.Trained.Model;
            SpecWriter.WriteFile(model, Path.Combine(dir, "model.json"));
            WeightsCsv.Write(model, Path.Combine(dir, "final-weights"));
            HistoryCsv.Write(model.History ?? new Dictionary<string, double[]>(), Path.Combine(dir, "history.csv"));
            stop.ThrowIfCancellationRequested();
            PredictionsCsv.Write(r.Trained, Path.Combine(dir, "predictions.csv"));
        }

        if (results.Count > 1)
        {
            HistoryCsv.Write(RunResult.CompareLosses(results), Path.Combine(folder, "history.csv"));
        }

        stop.ThrowIfCancellationRequested();
        if (plots)
        {
            RunPlots.Write(folder, results, stop);
        }

        stop.ThrowIfCancellationRequested();
        AtomicFile.WriteAllText(Path.Combine(folder, "summary.md"), SummaryReport.Write(folder, initial, results));
    }
}
