using System.Globalization;
using Nabla.Specs;

namespace Nabla.Cli.Runs;

/// <summary>One trained model of a run: its learning rate, what training produced, and its sub-folder ("" at the top).</summary>
public sealed record RunResult(double LearningRate, TrainedModel Trained, string Folder)
{
    public string Label => $"lr {Format(LearningRate)}";

    /// <summary>The final loss and metrics, then the same on the test part ("test loss", …) when there is one.</summary>
    public IReadOnlyList<(string Name, double Value)> Finals =>
        [.. Trained.Final.Select(p => (p.Key, p.Value)), .. (Trained.TestFinal ?? new Dictionary<string, double>()).Select(p => ($"test {p.Key}", p.Value))];

    /// <summary>The loss of every run per epoch, one column each ("loss lr 0.1", …), to compare them.</summary>
    public static Dictionary<string, double[]> CompareLosses(IReadOnlyList<RunResult> results) =>
        results.ToDictionary(r => $"loss {r.Label}", r => r.Trained.Model.History!["loss"]);

    public static string Format(double v) => v.ToString("0.######", CultureInfo.InvariantCulture);
}
