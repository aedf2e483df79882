namespace Nabla.Training;

/// <summary>
/// The learning rate of each epoch, stepped once per epoch as PyTorch's schedulers are: epoch e (from 0)
/// trains at <see cref="Rate"/>(η₀, e), where η₀ is the optimizer's own rate.
/// </summary>
public abstract record LearningRateSchedule
{
    /// <summary>η of epoch <paramref name="epoch"/> (counted from 0) for the base rate η₀.</summary>
    public abstract double Rate(double baseRate, int epoch);

    /// <summary>The schedule in words and numbers, e.g. "cosine over 25 epochs down to 0.0001".</summary>
    public abstract string Describe();
}

/// <summary>StepLR: η = η₀·γ^⌊e/k⌋ (the rate falls by γ every k epochs).</summary>
public sealed record StepDecay(int StepSize, double Gamma) : LearningRateSchedule
{
    /// <inheritdoc/>
    public override double Rate(double baseRate, int epoch) => baseRate * Math.Pow(Gamma, epoch / StepSize);

    /// <inheritdoc/>
    public override string Describe() => FormattableString.Invariant($"×{Gamma:R} every {StepSize} epochs");
}

/// <summary>ExponentialLR: η = η₀·γ^e.</summary>
public sealed record ExponentialDecay(double Gamma) : LearningRateSchedule
{
    /// <inheritdoc/>
    public override double Rate(double baseRate, int epoch) => baseRate * Math.Pow(Gamma, epoch);

    /// <inheritdoc/>
    public override string Describe() => FormattableString.Invariant($"×{Gamma:R} every epoch");
}

/// <summary>CosineAnnealingLR: η = η_min + (η₀ − η_min)·(1 + cos(π·e/T))/2.</summary>
public sealed record CosineAnnealing(int TMax, double EtaMin) : LearningRateSchedule
{
    /// <inheritdoc/>
    public override double Rate(double baseRate, int epoch) =>
        EtaMin + ((baseRate - EtaMin) * (1 + Math.Cos(Math.PI * epoch / TMax)) / 2);

    /// <inheritdoc/>
    public override string Describe() => FormattableString.Invariant($"cosine over {TMax} epochs down to {EtaMin:R}");
}

/// <summary>
/// Linear warm-up from 0 over w epochs: epoch e &lt; w trains at η₀·(e + 1)/w (so the first epoch already
/// learns, and epoch w − 1 reaches η₀); from epoch w on, <see cref="Then"/> runs as if its epoch 0 were w
/// (none: η₀).
/// </summary>
public sealed record Warmup(int Epochs, LearningRateSchedule? Then) : LearningRateSchedule
{
    /// <inheritdoc/>
    public override double Rate(double baseRate, int epoch) =>
        epoch < Epochs ? baseRate * (epoch + 1) / Epochs
        : Then?.Rate(baseRate, epoch - Epochs) ?? baseRate;

    /// <inheritdoc/>
    public override string Describe() => $"linear warm-up over {Epochs} epochs" + (Then is { } then ? $", then {then.Describe()}" : "");
}
