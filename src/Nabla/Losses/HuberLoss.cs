using System.Numerics;
using Nabla.Tensors;

namespace Nabla.Losses;

/// <summary>
/// Huber loss, as torch.nn.HuberLoss: each error e = ŷ − y costs ½e² where |e| ≤ δ and δ(|e| − ½δ) beyond,
/// averaged over N = m·k (or summed); ∂L/∂ŷ = e/N where |e| ≤ δ, δ·sign(e)/N beyond. Squared error near the
/// target, absolute error far from it: outliers pull with a force of at most δ.
/// </summary>
public sealed class HuberLoss(double delta = HuberLoss.DefaultDelta, Reduction reduction = Reduction.Mean) : Loss(reduction)
{
    /// <summary>δ when the spec gives none: 1, as PyTorch.</summary>
    public const double DefaultDelta = 1.0;

    /// <summary>δ, where the quadratic part meets the linear part.</summary>
    public double Delta { get; } = delta > 0 && double.IsFinite(delta) ? delta
        : throw new ArgumentOutOfRangeException(nameof(delta), delta, "δ must be a positive finite number.");

    /// <inheritdoc/>
    public override string Name => "huber";

    /// <inheritdoc/>
    public override string Formula => (Reduction == Reduction.Mean ? "L = (1/N) Σ h(ŷ − y)" : "L = Σ h(ŷ − y)") + ", h(e) = ½e² if |e| ≤ δ, else δ(|e| − ½δ)";

    /// <inheritdoc/>
    public override int Normalizer(int m, int k) => Reduction == Reduction.Mean ? m * k : 1;

    /// <inheritdoc/>
    public override T Value<T>(Matrix<T> yHat, Matrix<T> y)
    {
        var p = yHat.Span;
        var t = y.Span;
        T delta = T.CreateChecked(Delta);
        T half = T.CreateChecked(0.5);
        T sum = T.Zero;
        for (int i = 0; i < p.Length; i++)
        {
            T e = p[i] - t[i];
            T a = T.Abs(e);
            sum += a <= delta ? half * e * e : delta * (a - (half * delta)); // ½e², or δ(|e| − ½δ)
        }

        return sum / T.CreateChecked(Normalizer(yHat.Rows, yHat.Cols));
    }

    /// <inheritdoc/>
    public override void Gradient<T>(Matrix<T> yHat, Matrix<T> y, Matrix<T> dA)
    {
        dA.SetRows(yHat.Rows);
        var p = yHat.Span;
        var t = y.Span;
        var d = dA.Span;
        T delta = T.CreateChecked(Delta);
        T n = T.CreateChecked(Normalizer(yHat.Rows, yHat.Cols));
        for (int i = 0; i < d.Length; i++)
        {
            T e = p[i] - t[i];
            d[i] = T.Clamp(e, -delta, delta) / n; // e/N, or δ·sign(e)/N beyond δ
        }
    }
}
