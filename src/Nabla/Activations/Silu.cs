using System.Numerics;
using Nabla.Tensors;

namespace Nabla.Activations;

/// <summary>silu(z) = z·σ(z) (also called swish); silu′(z) = σ(z)·(1 + z·(1 − σ(z))).</summary>
public sealed class Silu : Activation
{
    /// <inheritdoc/>
    public override string Name => "silu";

    /// <inheritdoc/>
    public override void Forward<T>(Matrix<T> z, Matrix<T> a) => EachElement(z, a);

    /// <inheritdoc/>
    public override T Apply<T>(T z) => z / (T.One + T.Exp(-z));

    /// <inheritdoc/>
    public override T Derivative<T>(T z, T a)
    {
        T s = T.One / (T.One + T.Exp(-z)); // σ(z)
        return s * (T.One + (z * (T.One - s)));
    }
}
