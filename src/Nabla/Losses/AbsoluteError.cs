using System.Numerics;
using Nabla.Tensors;

namespace Nabla.Losses;

/// <summary>
/// Mean absolute error, as torch.nn.L1Loss: L = (1/N) Σ |ŷ − y| with N = m·k (or the sum);
/// ∂L/∂ŷ = sign(ŷ − y)/N, and 0 where ŷ = y.
/// </summary>
public sealed class AbsoluteError(Reduction reduction = Reduction.Mean) : Loss(reduction)
{
    /// <inheritdoc/>
    public override string Name => "mae";

    /// <inheritdoc/>
    public override string Formula => Reduction == Reduction.Mean ? "L = (1/N) Σ |ŷ − y|" : "L = Σ |ŷ − y|";

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
            sum += T.Abs(p[i] - t[i]); // |ŷ − y|
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
        T n = T.CreateChecked(Normalizer(yHat.Rows, yHat.Cols));
        for (int i = 0; i < d.Length; i++)
        {
            d[i] = T.CreateChecked(T.Sign(p[i] - t[i])) / n; // ∂L/∂ŷ = sign(ŷ − y)/N
        }
    }
}
