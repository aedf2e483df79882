namespace Nabla.Cli.Runs;

/// <summary>Command-line settings that replace the spec's own (null = keep the spec's).</summary>
public sealed record TrainOverrides(IReadOnlyList<double>? LearningRates = null, int? Epochs = null, int? Batch = null, ulong? Seed = null)
{
    /// <summary>Applies epochs, batch and seed to the spec's "train" section; returns the learning rates to run.</summary>
    public IReadOnlyList<double> ApplyTo(Specs.ModelSpec spec)
    {
        spec.Train.Epochs = Epochs ?? spec.Train.Epochs;
        spec.Train.Batch = Batch ?? spec.Train.Batch;
        spec.Train.Seed = Seed ?? spec.Train.Seed;
        return LearningRates is { Count: > 0 } rates ? rates : [spec.Train.LearningRate];
    }
}
