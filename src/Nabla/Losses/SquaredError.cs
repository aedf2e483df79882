using System.Numerics;
using Nabla.Tensors;

namespace Nabla.Losses;

/// <summary>
/// Squared error: mse = (1/N) Σ (ŷ − y)² with N = m·k; half_mse = ½·mse;
/// sse = Σ (ŷ − y)²; half_sse = ½ Σ (ŷ − y)².  ∂L/∂ŷ = c·2(ŷ − y)/N with c = ½ or 1.
/// </summary>
public sealed class SquaredError(bool half, Reduction reduction) : Loss(reduction)
{
    /// <summary>Whether the loss carries the factor ½ (half_mse, half_sse).</summary>
    public bool Half { get; } = half;

    /// <inheritdoc/>
    public override string Name => (Half, Reduction) switch
    {
        (false, Reduction.Mean) => "mse",
        (true, Reduction.Mean) => "half_mse",
        (false, Reduction.Sum) => "sse",
        _ => "half_sse",
    };

    /// <inheritdoc/>
    public override string Formula => (Half, Reduction) switch
    {
        (false, Reduction.Mean) => "L = (1/N) Σ (ŷ − y)²",
        (true, Reduction.Mean) => "L = (1/2N) Σ (ŷ − y)²",
        (false, Reduction.Sum) => "L = Σ (ŷ − y)²",
        _ => "L = ½ Σ (ŷ − y)²",
    };

    /// <inheritdoc/>
    public override int Normalizer(int m, int k) => Reduction == Reduction.Mean ? m * k : 1;

    /// <inheritdoc/>
    public override T Value<T>(Matrix<T> yHat, Matrix<T> y)
    {
        var p = yHat.Span;
        var t = y.Span;
        T sum = T.Zero;
        for (int i = 0; i < p.Length; i++)
        {
            T e = p[i] - t[i];
            sum += e * e;
        }

        T scale = Half ? T.CreateChecked(0.5) : T.One;
        return scale * sum / T.CreateChecked(Normalizer(yHat.Rows, yHat.Cols));
    }

    /// <inheritdoc/>
    public override void Gradient<T>(Matrix<T> yHat, Matrix<T> y, Matrix<T> dA)
    {
        dA.SetRows(yHat.Rows);
        var p = yHat.Span;
        var t = y.Span;
        var d = dA.Span;
        // ∂L/∂ŷ = (2c/N)(ŷ − y)
        T factor = (Half ? T.One : T.CreateChecked(2)) / T.CreateChecked(Normalizer(yHat.Rows, yHat.Cols));
        for (int i = 0; i < d.Length; i++)
        {
            d[i] = factor * (p[i] - t[i]);
        }
    }
}
