using System.Numerics;
using Nabla.Tensors;
using Nabla.Tensors.Kernels;

namespace Nabla.Activations;

/// <summary>σ(z) = 1 / (1 + e^−z), σ′(z) = σ(z)(1 − σ(z)).</summary>
public sealed class Sigmoid : Activation
{
    /// <inheritdoc/>
    public override string Name => "sigmoid";

    /// <inheritdoc/>
    public override void Forward<T>(Matrix<T> z, Matrix<T> a) => SigmoidKernel<T>.Instance.Forward(z, a);

    /// <inheritdoc/>
    public override void Backward<T>(Matrix<T> z, Matrix<T> a, Matrix<T> dA, Matrix<T> dZ) =>
        SigmoidKernel<T>.Instance.Backward(z, a, dA, dZ);

    /// <inheritdoc/>
    public override ActivationKernel<T> KernelFor<T>() => SigmoidKernel<T>.Instance;

    /// <inheritdoc/>
    public override T Apply<T>(T z) => T.One / (T.One + T.Exp(-z));

    /// <inheritdoc/>
    public override T Derivative<T>(T z, T a) => a * (T.One - a);
}

/// <summary>σ for one number type (see <see cref="ActivationKernel{T}"/>).</summary>
internal sealed class SigmoidKernel<T> : ActivationKernel<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static readonly SigmoidKernel<T> Instance = new();

    /// <summary>A = σ(Z).</summary>
    public override void Forward(Matrix<T> z, Matrix<T> a)
    {
        a.SetRows(z.Rows);
        Elementwise.Sigmoid<T>(z.Span, a.Span);
    }

    /// <summary>dZ = dA ⊙ a(1 − a).</summary>
    public override void Backward(Matrix<T> z, Matrix<T> a, Matrix<T> dA, Matrix<T> dZ)
    {
        dZ.SetRows(a.Rows);
        Elementwise.SigmoidBackward(a.Span, dA.Span, dZ.Span);
    }

    public override bool ForwardSmall(Matrix<T> x, Matrix<T> w, Matrix<T>? b, Matrix<T> z, Matrix<T> a)
    {
        if (!Elementwise.ScalarSigmoid(x.Rows * w.Cols))
        {
            return false; // so many values take the vectorised exponential, whose last bits differ
        }

        FusedLoops.Forward(default(Function), x, w, b, z, a);
        return true;
    }

    public override bool BackwardSmall(Matrix<T> z, Matrix<T> a, Matrix<T> dA, Matrix<T> dZ)
    {
        FusedLoops.Delta(default(Function), z, a, dA, dZ);
        return true;
    }

    // (a layer this wide computes σ with the vectorised exponential, as ForwardSmall declines it)
    internal override ScalarActivation<T>? OneByOne(int units) => Elementwise.ScalarSigmoid(units) ? new(sigmoid: true, T.Zero) : null;

    /// <summary>The scalar forms of Elementwise.Sigmoid and Elementwise.SigmoidBackward.</summary>
    internal readonly struct Function : IScalarActivation<T>
    {
        public T Apply(T z) => Elementwise.Sigmoid(z);                          // σ(z) = 1 / (1 + e^−z)

        public T Backward(T z, T a, T dA) => dA * a * ((-T.One * a) + T.One);   // dA·σ′(z) = dA·a·(1 − a)
    }
}
