using System.Globalization;
using Nabla.Specs;

namespace Nabla.Cli.Runs;

/// <summary>One trained model of a run: its learning rate, what training produced, and its sub-folder ("" at the top).</summary>
public sealed record RunResult(double LearningRate, TrainedModel Trained, string Folder)
{
    public string Label => $"lr {Format(LearningRate)}";

    public static string Format(double v) => v.ToString("0.######", CultureInfo.InvariantCulture);
}
