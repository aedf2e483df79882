using System.Numerics;
using Nabla.Tensors;
using Nabla.Tensors.Kernels;

namespace Nabla.Activations;

/// <summary>tanh(z), tanh′(z) = 1 − tanh²(z).</summary>
public sealed class Tanh : Activation
{
    /// <inheritdoc/>
    public override string Name => "tanh";

    /// <inheritdoc/>
    public override void Forward<T>(Matrix<T> z, Matrix<T> a) => TanhKernel<T>.Instance.Forward(z, a);

    /// <inheritdoc/>
    public override void Backward<T>(Matrix<T> z, Matrix<T> a, Matrix<T> dA, Matrix<T> dZ) =>
        TanhKernel<T>.Instance.Backward(z, a, dA, dZ);

    /// <inheritdoc/>
    public override ActivationKernel<T> KernelFor<T>() => TanhKernel<T>.Instance;

    /// <inheritdoc/>
    public override T Apply<T>(T z) => T.Tanh(z);

    /// <inheritdoc/>
    public override T Derivative<T>(T z, T a) => T.One - (a * a);
}

/// <summary>tanh for one number type (see <see cref="ActivationKernel{T}"/>).</summary>
internal sealed class TanhKernel<T> : ActivationKernel<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static readonly TanhKernel<T> Instance = new();

    /// <summary>A = tanh(Z).</summary>
    public override void Forward(Matrix<T> z, Matrix<T> a)
    {
        a.SetRows(z.Rows);
        Elementwise.Tanh<T>(z.Span, a.Span);
    }

    /// <summary>dZ = dA ⊙ (1 − A²).</summary>
    public override void Backward(Matrix<T> z, Matrix<T> a, Matrix<T> dA, Matrix<T> dZ)
    {
        dZ.SetRows(a.Rows);
        Elementwise.TanhBackward(a.Span, dA.Span, dZ.Span);
    }

    /// <summary>Z = X·W + b by the small-product loop, then A = tanh(Z) in one call (the vectorised tanh, as the unfused pass).</summary>
    public override bool ForwardSmall(Matrix<T> x, Matrix<T> w, Matrix<T>? b, Matrix<T> z, Matrix<T> a)
    {
        int m = x.Rows;
        z.SetRows(m);
        Gemm.Small(false, false, m, w.Cols, w.Rows, x, w, z, b); // Z = X·W + b
        Forward(z, a);                                            // A = tanh(Z)
        return true;
    }

    public override bool BackwardSmall(Matrix<T> z, Matrix<T> a, Matrix<T> dA, Matrix<T> dZ)
    {
        FusedLoops.Delta(default(Function), z, a, dA, dZ);
        return true;
    }

    /// <summary>The scalar form of Elementwise.TanhBackward (the forward pass keeps the vectorised tanh).</summary>
    internal readonly struct Function : IScalarActivation<T>
    {
        public T Apply(T z) => T.Tanh(z);

        public T Backward(T z, T a, T dA) => Elementwise.TanhBackward(a, dA);   // dA·tanh′(z) = dA·(1 − a²)
    }
}
