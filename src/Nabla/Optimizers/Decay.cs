namespace Nabla.Optimizers;

/// <summary>Checks a decay rate (momentum μ, Adam's β₁ and β₂): in [0, 1), or the state grows without end.</summary>
internal static class Decay
{
    public static double Check(double value, string name) =>
        value is >= 0 and < 1 ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must lie in [0, 1).");
}
