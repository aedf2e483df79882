namespace Nabla.Training;

/// <summary>What a training run produced: its history and why it stopped.</summary>
public sealed record TrainResult(History History, int EpochsRun, long Steps, bool Diverged, bool Cancelled, string? StopMessage)
{
    /// <summary>The epoch whose weights the network was left with by early stopping's restore_best (null: the last epoch run).</summary>
    public int? KeptEpoch { get; init; }
}
