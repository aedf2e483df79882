namespace Nabla.Training;

/// <summary>
/// Stop when a history column (<see cref="Monitor"/>, usually "val_loss") has not improved by more than
/// <see cref="MinDelta"/> for <see cref="Patience"/> epochs in a row. A column named like a loss is minimised;
/// one named like "accuracy" is maximised. With <see cref="RestoreBest"/> the model keeps the weights of the
/// best epoch rather than the last.
/// </summary>
public sealed record EarlyStopping
{
    /// <summary>The history column watched, e.g. "val_loss" or "val_accuracy".</summary>
    public string Monitor { get; init; } = "val_loss";

    /// <summary>The number of epochs in a row without improvement after which training stops.</summary>
    public int Patience { get; init; } = 10;

    /// <summary>The least change that counts as an improvement.</summary>
    public double MinDelta { get; init; }

    /// <summary>Whether the model keeps the best epoch's weights rather than the last.</summary>
    public bool RestoreBest { get; init; } = true;

    /// <summary>True when larger is better for the monitor (an accuracy).</summary>
    public bool Maximise => Monitor.Contains("accuracy", StringComparison.Ordinal);

    /// <summary>Whether <paramref name="value"/> improves on <paramref name="best"/> by more than <see cref="MinDelta"/>.</summary>
    public bool Improves(double value, double best) =>
        double.IsFinite(value) && (double.IsNaN(best) || (Maximise ? value > best + MinDelta : value < best - MinDelta));
}
