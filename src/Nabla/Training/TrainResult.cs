namespace Nabla.Training;

/// <summary>What a training run produced: its history and why it stopped.</summary>
public sealed record TrainResult(History History, int EpochsRun, long Steps, bool Diverged, bool Cancelled, string? StopMessage);
