using System.Numerics;
using Nabla.Tensors;

namespace Nabla.Activations;

/// <summary>
/// An activation fixed to one number type, as a layer calls it on every step: A = f(Z) and
/// dZ = dA ⊙ f′(Z). <see cref="Activation"/>'s own Forward&lt;T&gt; and Backward&lt;T&gt; are generic
/// virtual methods, whose dispatch costs more than all the arithmetic of a 2-2-1 layer;
/// a layer asks its activation for this kernel once (<see cref="Activation.KernelFor{T}"/>)
/// and then makes plain virtual calls. Both compute exactly the same values.
/// </summary>
public abstract class ActivationKernel<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>A = f(Z).</summary>
    public abstract void Forward(Matrix<T> z, Matrix<T> a);

    /// <summary>dZ = dA ⊙ f′(Z) (or the Jacobian product for softmax).</summary>
    public abstract void Backward(Matrix<T> z, Matrix<T> a, Matrix<T> dA, Matrix<T> dZ);

    /// <summary>
    /// Z = X·W + b and A = f(Z) in one fused loop, for a layer small enough for
    /// <c>Layers.SmallDense</c>; false (nothing done) when this activation has no such loop.
    /// </summary>
    public virtual bool ForwardSmall(Matrix<T> x, Matrix<T> w, Matrix<T>? b, Matrix<T> z, Matrix<T> a) => false;

    /// <summary>
    /// dZ = dA ⊙ f′(Z) as a plain loop with f′ inlined, for a layer small enough for
    /// <c>Layers.SmallDense</c>; false (nothing done) when this activation has no such loop.
    /// </summary>
    public virtual bool BackwardSmall(Matrix<T> z, Matrix<T> a, Matrix<T> dA, Matrix<T> dZ) => false;

    /// <summary>
    /// The slope s of a piecewise-linear f(z) = z &gt; 0 ? z : s·z (relu 0, leaky relu α, identity 1), whose
    /// forward and backward passes a large layer fuses into its matrix products; null for any other f.
    /// </summary>
    internal virtual T? PiecewiseSlope => null;

    /// <summary>
    /// f and f′ one value at a time, as a layer of <paramref name="units"/> fed one example computes them
    /// (the scalar forms of <see cref="ForwardSmall"/> and <see cref="BackwardSmall"/>); null when it has none.
    /// </summary>
    internal virtual ScalarActivation<T>? OneByOne(int units) => null;
}

/// <summary>Any activation, through its generic methods.</summary>
internal sealed class GenericActivationKernel<T>(Activation activation) : ActivationKernel<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public override void Forward(Matrix<T> z, Matrix<T> a) => activation.Forward(z, a);

    public override void Backward(Matrix<T> z, Matrix<T> a, Matrix<T> dA, Matrix<T> dZ) => activation.Backward(z, a, dA, dZ);
}
