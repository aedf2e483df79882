namespace Nabla.Optimizers;

/// <summary>Checks a decay rate (momentum μ, Adam's β₁ and β₂): in [0, 1), or the state grows without end.</summary>
internal static class Decay
{
    public static double Check(double value, string name) =>
        value is >= 0 and < 1 ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must lie in [0, 1).");

    /// <summary>Checks an ε: positive and finite, or the division it guards may blow up.</summary>
    public static double Positive(double value, string name) =>
        value > 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be a positive finite number.");
}
