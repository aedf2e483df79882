namespace Nabla.Training;

/// <summary>How to run the epochs: batch size (0 = the full batch), shuffling and its seed.</summary>
public sealed record TrainOptions
{
    /// <summary>The number of passes over the data.</summary>
    public int Epochs { get; init; } = 1000;

    /// <summary>Examples per step; 0 means all of them (full-batch gradient descent), 1 one at a time.</summary>
    public int BatchSize { get; init; }

    /// <summary>Visit the examples in a new random order every epoch.</summary>
    public bool Shuffle { get; init; }

    /// <summary>The seed of the shuffles.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Stop after this many optimizer steps (0: run every epoch). An explanation runs N steps.</summary>
    public long MaxSteps { get; init; }

    /// <summary>The learning rate of each epoch (null: the optimizer's own rate throughout). Its rate is recorded as the history's "lr".</summary>
    public LearningRateSchedule? Schedule { get; init; }

    /// <summary>c: the global gradient norm is clipped to c before each update (0: no clipping). See <see cref="GradientClipping"/>.</summary>
    public double ClipNorm { get; init; }

    /// <summary>When to stop before the last epoch (null: never). See <see cref="Training.EarlyStopping"/>.</summary>
    public EarlyStopping? EarlyStopping { get; init; }
}
