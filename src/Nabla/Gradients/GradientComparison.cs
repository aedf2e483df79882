namespace Nabla.Gradients;

/// <summary>One parameter tensor's (or the input's) analytic and numerical gradients.</summary>
/// <param name="Name">The tensor: W1, b1, …, or dX.</param>
/// <param name="Rows">The tensor's rows.</param>
/// <param name="Cols">The tensor's columns.</param>
/// <param name="Analytic">Backpropagation's value of each element checked.</param>
/// <param name="Numeric">The central difference of each element checked.</param>
public sealed record GradientComparison(string Name, int Rows, int Cols, double[] Analytic, double[] Numeric)
{
    /// <summary>max over the elements (those not at a kink) of |a − n| / max(|a|, |n|, floor).</summary>
    public double MaxRelativeError { get; init; }

    /// <summary>max over the elements (those not at a kink) of |a − n|.</summary>
    public double MaxAbsoluteError { get; init; }

    /// <summary>The row-major positions checked, when only a sample was; null when every element was.</summary>
    public int[]? Sample { get; init; }

    /// <summary>Elements that disagree beyond both the relative tolerance and the difference's own rounding noise.</summary>
    public int Mismatches { get; init; }

    /// <summary>Elements whose stencil moved a relu-like unit across its kink: no derivative to compare, left out of the errors.</summary>
    public int AtKink { get; init; }

    /// <summary>Backpropagation agrees with the numerical derivative on every element checked.</summary>
    public bool Agrees => Mismatches == 0;
}
