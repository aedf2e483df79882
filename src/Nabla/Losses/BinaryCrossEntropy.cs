using System.Numerics;
using Nabla.Tensors;

namespace Nabla.Losses;

/// <summary>
/// Binary cross-entropy, averaged over all m·k elements (or summed):
/// L = −(1/N) Σ [y log p + (1 − y) log(1 − p)],  ∂L/∂p = (p − y) / (p(1 − p)) / N.
/// p is clamped to [ε, 1 − ε] (ε = 1e-12 in double, 1e-7 in float) so log(0) never happens.
/// </summary>
public sealed class BinaryCrossEntropy(Reduction reduction = Reduction.Mean) : Loss(reduction)
{
    /// <inheritdoc/>
    public override string Name => "bce";

    /// <inheritdoc/>
    public override string Formula => Reduction == Reduction.Mean
        ? "L = −(1/N) Σ [y log p + (1 − y) log(1 − p)]"
        : "L = −Σ [y log p + (1 − y) log(1 − p)]";

    /// <inheritdoc/>
    public override int Normalizer(int m, int k) => Reduction == Reduction.Mean ? m * k : 1;

    /// <inheritdoc/>
    public override T Value<T>(Matrix<T> yHat, Matrix<T> y)
    {
        var p = yHat.Span;
        var t = y.Span;
        T eps = Epsilon<T>();
        T sum = T.Zero;
        for (int i = 0; i < p.Length; i++)
        {
            T q = T.Clamp(p[i], eps, T.One - eps);

            // y log q + (1 − y) log(1 − q); for y = 1 or 0 one term is an exact 0, so skip its log.
            sum += t[i] == T.One ? T.Log(q)
                : T.IsZero(t[i]) ? T.Log(T.One - q)
                : (t[i] * T.Log(q)) + ((T.One - t[i]) * T.Log(T.One - q));
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
            T q = T.Clamp(p[i], eps, T.One - eps);
            d[i] = (q - t[i]) / (q * (T.One - q)) / n; // ∂L/∂p = (p − y) / (p(1 − p)) / N
        }
    }

    /// <summary>
    /// The fused path for a sigmoid output: σ′ cancels the denominator, so
    /// dZ = (A − Y) / N (the textbook "ŷ − y").
    /// </summary>
    public void SigmoidDelta<T>(Matrix<T> a, Matrix<T> y, Matrix<T> dZ)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        dZ.SetRows(a.Rows);
        var p = a.Span;
        var t = y.Span;
        var d = dZ.Span;
        T n = T.CreateChecked(Normalizer(a.Rows, a.Cols));
        for (int i = 0; i < d.Length; i++)
        {
            d[i] = (p[i] - t[i]) / n;
        }
    }

    /// <inheritdoc/>
    public override string? CheckLabels(Matrix<double> y)
    {
        var t = y.Span;
        for (int i = 0; i < t.Length; i++)
        {
            if (!(t[i] >= 0 && t[i] <= 1))
            {
                return $"label {t[i]} in row {(i / y.Cols) + 1}, column {(i % y.Cols) + 1} is outside [0, 1], " +
                    "the domain of binary cross-entropy (labels are probabilities, usually 0 or 1)";
            }
        }

        return null;
    }
}
