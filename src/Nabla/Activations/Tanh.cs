using System.Numerics;
using System.Numerics.Tensors;
using Nabla.Tensors;

namespace Nabla.Activations;

/// <summary>tanh(z), tanh′(z) = 1 − tanh²(z).</summary>
public sealed class Tanh : Activation
{
    /// <inheritdoc/>
    public override string Name => "tanh";

    /// <inheritdoc/>
    public override void Forward<T>(Matrix<T> z, Matrix<T> a)
    {
        a.SetRows(z.Rows);
        TensorPrimitives.Tanh<T>(z.Span, a.Span);
    }

    /// <inheritdoc/>
    public override T Apply<T>(T z) => T.Tanh(z);

    /// <inheritdoc/>
    public override T Derivative<T>(T z, T a) => T.One - (a * a);
}
