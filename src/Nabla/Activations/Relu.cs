using System.Numerics;
using Nabla.Tensors;

namespace Nabla.Activations;

/// <summary>relu(z) = max(0, z); relu′(z) = 1 for z &gt; 0, else 0 (0 at the kink, by convention).</summary>
public sealed class Relu : Activation
{
    /// <inheritdoc/>
    public override string Name => "relu";

    /// <inheritdoc/>
    public override void Forward<T>(Matrix<T> z, Matrix<T> a) => PiecewiseLinear<T>.Forward(z, a, T.Zero);

    /// <summary>dZ = dA ⊙ [z &gt; 0].</summary>
    public override void Backward<T>(Matrix<T> z, Matrix<T> a, Matrix<T> dA, Matrix<T> dZ) =>
        PiecewiseLinear<T>.Backward(z, dA, dZ, T.Zero);

    /// <inheritdoc/>
    public override ActivationKernel<T> KernelFor<T>() => new PiecewiseLinear<T>(0);

    /// <inheritdoc/>
    public override T Apply<T>(T z) => z > T.Zero ? z : T.Zero;

    /// <inheritdoc/>
    public override T Derivative<T>(T z, T a) => z > T.Zero ? T.One : T.Zero;
}
