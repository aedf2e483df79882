using System.Numerics;
using Nabla.Tensors;

namespace Nabla.Activations;

/// <summary>leaky_relu(z) = z for z &gt; 0, α·z otherwise; its derivative is 1 or α.</summary>
public sealed class LeakyRelu(double alpha = LeakyRelu.DefaultAlpha) : Activation
{
    /// <summary>The slope α used when none is given: 0.01.</summary>
    public const double DefaultAlpha = 0.01;

    /// <summary>The slope α for z ≤ 0.</summary>
    public double Alpha { get; } = alpha;

    /// <inheritdoc/>
    public override string Name => "leaky_relu";

    /// <inheritdoc/>
    public override void Forward<T>(Matrix<T> z, Matrix<T> a) => PiecewiseLinear<T>.Forward(z, a, T.CreateChecked(Alpha));

    /// <summary>dZ = dA ⊙ (1 or α).</summary>
    public override void Backward<T>(Matrix<T> z, Matrix<T> a, Matrix<T> dA, Matrix<T> dZ) =>
        PiecewiseLinear<T>.Backward(z, dA, dZ, T.CreateChecked(Alpha));

    /// <inheritdoc/>
    public override ActivationKernel<T> KernelFor<T>() => new PiecewiseLinear<T>(Alpha);

    /// <inheritdoc/>
    public override T Apply<T>(T z) => z > T.Zero ? z : T.CreateChecked(Alpha) * z;

    /// <inheritdoc/>
    public override T Derivative<T>(T z, T a) => z > T.Zero ? T.One : T.CreateChecked(Alpha);
}
