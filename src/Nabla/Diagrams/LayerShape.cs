namespace Nabla.Diagrams;

/// <summary>
/// One Dense layer as a diagram draws it. <paramref name="Weights"/> is n_in × n_out (row i holds
/// the weights leaving input i); null when unknown. <paramref name="Bias"/> null with a bias means zeros.
/// </summary>
public sealed record LayerShape(int Units, string Activation, double? Alpha, bool HasBias, double[][]? Weights, double[]? Bias)
{
    /// <summary>"relu", or "leaky_relu (α = 0.01)".</summary>
    public string ActivationTitle => Alpha is double a
        ? $"{Activation} (α = {a.ToString(System.Globalization.CultureInfo.InvariantCulture)})"
        : Activation;
}
