using System.Numerics;
using Nabla.Tensors;

namespace Nabla.Losses;

/// <summary>
/// Categorical cross-entropy, averaged over the m examples (or summed):
/// L = −(1/m) Σᵢ Σⱼ yᵢⱼ log pᵢⱼ,  ∂L/∂pᵢⱼ = −yᵢⱼ / pᵢⱼ / m.
/// Each label row is a probability distribution (one-hot for a class); p is clamped to ≥ ε.
/// </summary>
public sealed class CategoricalCrossEntropy(Reduction reduction = Reduction.Mean) : Loss(reduction)
{
    /// <inheritdoc/>
    public override string Name => "cce";

    /// <inheritdoc/>
    public override string Formula => Reduction == Reduction.Mean
        ? "L = −(1/m) Σᵢ Σⱼ yᵢⱼ log pᵢⱼ"
        : "L = −Σᵢ Σⱼ yᵢⱼ log pᵢⱼ";

    /// <inheritdoc/>
    public override int Normalizer(int m, int k) => Reduction == Reduction.Mean ? m : 1;

    /// <inheritdoc/>
    public override T Value<T>(Matrix<T> yHat, Matrix<T> y)
    {
        var p = yHat.Span;
        var t = y.Span;
        T eps = Epsilon<T>();
        T sum = T.Zero;
        for (int i = 0; i < p.Length; i++)
        {
            if (t[i] != T.Zero)
            {
                sum += t[i] * T.Log(T.Max(p[i], eps));
            }
        }

        return -sum / T.CreateChecked(Normalizer(yHat.Rows, yHat.Cols));
    }

    /// <inheritdoc/>
    public override void Gradient<T>(Matrix<T> yHat, Matrix<T> y, Matrix<T> dA)
    {
        dA.SetRows(yHat.Rows);
        var p = yHat.Span;
        var t = y.Span;
        var d = dA.Span;
        T eps = Epsilon<T>();
        T n = T.CreateChecked(Normalizer(yHat.Rows, yHat.Cols));
        for (int i = 0; i < d.Length; i++)
        {
            d[i] = -t[i] / T.Max(p[i], eps) / n; // ∂L/∂p = −y / p / m
        }
    }

    /// <summary>
    /// The fused path for a softmax output: the Jacobian product collapses to
    /// dZ = (P − Y) / m, because every label row sums to 1.
    /// </summary>
    public void SoftmaxDelta<T>(Matrix<T> p, Matrix<T> y, Matrix<T> dZ)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        dZ.SetRows(p.Rows);
        var ps = p.Span;
        var t = y.Span;
        var d = dZ.Span;
        T n = T.CreateChecked(Normalizer(p.Rows, p.Cols));
        for (int i = 0; i < d.Length; i++)
        {
            d[i] = (ps[i] - t[i]) / n;
        }
    }

    /// <inheritdoc/>
    public override string? CheckLabels(Matrix<double> y)
    {
        for (int i = 0; i < y.Rows; i++)
        {
            double sum = 0;
            foreach (double v in y.Row(i))
            {
                if (!(v >= 0 && v <= 1))
                {
                    return $"label {v} in row {i + 1} is outside [0, 1]; categorical cross-entropy needs one-hot " +
                        "(or probability) label rows";
                }

                sum += v;
            }

            if (Math.Abs(sum - 1) > 1e-6)
            {
                return $"label row {i + 1} sums to {sum}, not 1; categorical cross-entropy needs one-hot " +
                    "(or probability) label rows";
            }
        }

        return null;
    }
}
