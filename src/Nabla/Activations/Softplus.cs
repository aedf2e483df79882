using System.Numerics;
using Nabla.Tensors;
using Nabla.Tensors.Kernels;

namespace Nabla.Activations;

/// <summary>softplus(z) = ln(1 + eᶻ), a smooth ReLU; its derivative is σ(z) = 1/(1 + e^(−z)).</summary>
public sealed class Softplus : Activation
{
    /// <inheritdoc/>
    public override string Name => "softplus";

    /// <inheritdoc/>
    public override void Forward<T>(Matrix<T> z, Matrix<T> a) => EachElement(z, a);

    /// <summary>max(z, 0) + ln(1 + e^(−|z|)): the same value, without overflow for large z.</summary>
    public override T Apply<T>(T z) => T.Max(z, T.Zero) + LogOnePlus(T.Exp(-T.Abs(z)));

    /// <summary>ln(1 + x) to full precision for small x too (u = 1 + x; ln(u)·x/(u − 1) corrects the rounding of u).</summary>
    private static T LogOnePlus<T>(T x)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T u = T.One + x;
        return u == T.One ? x : T.Log(u) * x / (u - T.One);
    }

    /// <inheritdoc/>
    public override T Derivative<T>(T z, T a) => Elementwise.Sigmoid(z); // σ(z)
}
