using System.Numerics;
using Nabla.Tensors;
using Nabla.Tensors.Kernels;

namespace Nabla.Activations;

/// <summary>silu(z) = z·σ(z) (also called swish); silu′(z) = σ(z)·(1 + z·(1 − σ(z))).</summary>
public sealed class Silu : Activation
{
    /// <inheritdoc/>
    public override string Name => "silu";

    /// <inheritdoc/>
    public override void Forward<T>(Matrix<T> z, Matrix<T> a) => EachElement(z, a);

    /// <inheritdoc/>
    public override T Apply<T>(T z) => z * Elementwise.Sigmoid(z); // z·σ(z)

    /// <inheritdoc/>
    public override T Derivative<T>(T z, T a)
    {
        T s = Elementwise.Sigmoid(z);
        return s * (T.One + (z * (T.One - s)));
    }
}
