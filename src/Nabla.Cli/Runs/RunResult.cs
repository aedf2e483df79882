using System.Globalization;
using Nabla.App;
using Nabla.Training;

namespace Nabla.Cli.Runs;

/// <summary>One trained model of a run: the setting it was trained with (in a comparison), what training produced, and its sub-folder ("" at the top).</summary>
public sealed record RunResult(RunVariant Variant, TrainedModel Trained, string Folder)
{
    /// <summary>"lr 0.5", "batch 32", "optimizer adam".</summary>
    public string Label => Variant.Label;

    /// <summary>The final loss and metrics, then the same on the test part ("test loss", …) when there is one.</summary>
    public IReadOnlyList<(string Name, double Value)> Finals =>
        [.. Trained.Final.Select(p => (p.Key, p.Value)), .. (Trained.TestFinal ?? new Dictionary<string, double>()).Select(p => ($"test {p.Key}", p.Value))];

    /// <summary>The loss history: (epoch numbers kept, losses).</summary>
    public (double[] Epochs, double[] Losses) LossHistory
    {
        get
        {
            var history = Trained.Model.History!;
            return (History.EpochsOf(history, history["loss"].Length), history["loss"]);
        }
    }

    /// <summary>
    /// The loss of every run at the epochs all of them kept, one column each ("loss lr 0.1", "loss batch 32", …),
    /// to compare them; with an "epoch" column when those are not simply 1, 2, … n.
    /// </summary>
    public static Dictionary<string, double[]> CompareLosses(IReadOnlyList<RunResult> results)
    {
        var histories = results.Select(r => r.LossHistory).ToList();
        double[] common = [.. histories[0].Epochs.Where(e => histories.All(h => Array.BinarySearch(h.Epochs, e) >= 0))];
        var compare = new Dictionary<string, double[]>();
        if (common.Where((e, i) => e != i + 1).Any())
        {
            compare[History.EpochColumn] = common;
        }

        for (int i = 0; i < results.Count; i++)
        {
            var (epochs, losses) = histories[i];
            compare[$"loss {results[i].Label}"] = [.. common.Select(e => losses[Array.BinarySearch(epochs, e)])];
        }

        return compare;
    }

    /// <summary>A learning rate as the tables write it.</summary>
    public static string Format(double v) => RunVariant.Format(v);
}
