using Nabla.Tensors;

namespace Nabla.Gradients;

/// <summary>One parameter tensor's (or the input's) analytic and numerical gradients.</summary>
public sealed record GradientComparison(string Name, int Rows, int Cols, double[] Analytic, double[] Numeric)
{
    /// <summary>max over the elements of |a − n| / max(|a|, |n|, floor).</summary>
    public double MaxRelativeError { get; init; }

    public double MaxAbsoluteError { get; init; }
}

/// <summary>
/// Checks backpropagation against central differences, in double precision:
/// ∂L/∂θ ≈ [−L(θ+2h) + 8L(θ+h) − 8L(θ−h) + L(θ−2h)] / 12h (the five-point central
/// difference, error O(h⁴)). The relative error of each element is
/// |analytic − numeric| / max(|analytic|, |numeric|, floor); the floor (1e-7) keeps
/// gradients that are zero up to rounding from reading as large relative errors.
/// </summary>
public static class GradientCheck
{
    public const double DefaultStep = 1e-4;
    public const double Floor = 1e-7;

    /// <summary>Compares every parameter tensor (W1, b1, …) and the input gradient dX.</summary>
    public static IReadOnlyList<GradientComparison> Run(Network<double> network, Matrix<double> x, Matrix<double> y, double h = DefaultStep)
    {
        network.Forward(x);
        network.Backward(y, computeInputGradient: true);
        var analytic = network.Parameters.Select(p => p.Gradient.ToArray()).ToList();
        double[] dx = network.Layers[0].DX.ToArray(); // dX = ∂L/∂X, the chain rule carried one layer further

        var results = new List<GradientComparison>();
        for (int i = 0; i < analytic.Count; i++)
        {
            var p = network.Parameters[i];
            results.Add(Compare(p.Name, p.Value.Rows, p.Value.Cols, analytic[i], Numeric(network, x, y, p.Value, h)));
        }

        var xCopy = x.Clone();
        results.Add(Compare("X", x.Rows, x.Cols, dx, Numeric(network, xCopy, y, xCopy, h)));

        network.Forward(x);
        network.Backward(y, computeInputGradient: true); // leave the buffers as they were
        return results;
    }

    /// <summary>The largest relative error over all tensors.</summary>
    public static double MaxRelativeError(IEnumerable<GradientComparison> results) =>
        results.Max(r => r.MaxRelativeError);

    private static double[] Numeric(Network<double> network, Matrix<double> x, Matrix<double> y, Matrix<double> target, double h)
    {
        var values = target.Span.ToArray();
        var numeric = new double[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            double original = values[i];
            double Loss(double v)
            {
                target.Span[i] = v;
                network.Forward(x);
                return network.LossValue(y);
            }

            double lp2 = Loss(original + (2 * h)), lp1 = Loss(original + h);
            double lm1 = Loss(original - h), lm2 = Loss(original - (2 * h));
            target.Span[i] = original;
            numeric[i] = ((lm2 - lp2) + (8 * (lp1 - lm1))) / (12 * h); // differences first: a flat loss gives exactly 0
        }

        return numeric;
    }

    private static GradientComparison Compare(string name, int rows, int cols, double[] analytic, double[] numeric)
    {
        double maxRel = 0, maxAbs = 0;
        for (int i = 0; i < analytic.Length; i++)
        {
            double abs = Math.Abs(analytic[i] - numeric[i]);
            double rel = abs / Math.Max(Math.Max(Math.Abs(analytic[i]), Math.Abs(numeric[i])), Floor);
            maxAbs = Math.Max(maxAbs, abs);
            maxRel = Math.Max(maxRel, double.IsNaN(rel) ? double.PositiveInfinity : rel);
        }

        return new GradientComparison(name, rows, cols, analytic, numeric) { MaxRelativeError = maxRel, MaxAbsoluteError = maxAbs };
    }
}
