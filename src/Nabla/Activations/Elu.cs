using System.Numerics;
using Nabla.Tensors;

namespace Nabla.Activations;

/// <summary>elu(z) = z for z &gt; 0, α·(eᶻ − 1) otherwise; its derivative is 1, or α·eᶻ.</summary>
public sealed class Elu(double alpha = Elu.DefaultAlpha) : Activation
{
    /// <summary>α when the spec gives none: 1.</summary>
    public const double DefaultAlpha = 1.0;

    /// <summary>α, the value elu approaches as z → −∞ is −α.</summary>
    public double Alpha { get; } = alpha;

    /// <inheritdoc/>
    public override string Name => "elu";

    /// <inheritdoc/>
    public override void Forward<T>(Matrix<T> z, Matrix<T> a) => EachElement(z, a);

    /// <inheritdoc/>
    public override T Apply<T>(T z) => z > T.Zero ? z : T.CreateChecked(Alpha) * (T.Exp(z) - T.One);

    /// <inheritdoc/>
    public override T Derivative<T>(T z, T a) => z > T.Zero ? T.One : T.CreateChecked(Alpha) * T.Exp(z); // (α·eᶻ = a + α, without the cancellation)
}
