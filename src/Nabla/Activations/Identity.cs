using System.Numerics;
using Nabla.Tensors;

namespace Nabla.Activations;

/// <summary>f(z) = z, f′(z) = 1.</summary>
public sealed class Identity : Activation
{
    /// <inheritdoc/>
    public override string Name => "identity";

    /// <inheritdoc/>
    public override void Forward<T>(Matrix<T> z, Matrix<T> a)
    {
        a.SetRows(z.Rows);
        z.Span.CopyTo(a.Span);
    }

    /// <inheritdoc/>
    public override void Backward<T>(Matrix<T> z, Matrix<T> a, Matrix<T> dA, Matrix<T> dZ)
    {
        dZ.SetRows(dA.Rows);
        dA.Span.CopyTo(dZ.Span); // dZ = dA · 1
    }

    /// <inheritdoc/>
    public override ActivationKernel<T> KernelFor<T>() => new PiecewiseLinear<T>(1);

    /// <inheritdoc/>
    public override T Apply<T>(T z) => z;

    /// <inheritdoc/>
    public override T Derivative<T>(T z, T a) => T.One;
}
