using System.Numerics;
using Nabla.Tensors;
using Nabla.Tensors.Kernels;

namespace Nabla.Activations;

/// <summary>
/// f(z) = z for z &gt; 0, slope·z otherwise, and f′ = 1 or slope: identity (slope 1), relu
/// (slope 0) and leaky relu (slope α) share this one SIMD kernel.
/// </summary>
internal sealed class PiecewiseLinear<T>(double slope) : ActivationKernel<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T slope = T.CreateChecked(slope);

    /// <summary>A = f(Z).</summary>
    public static void Forward(Matrix<T> z, Matrix<T> a, T slope)
    {
        a.SetRows(z.Rows);
        Elementwise.PiecewiseLinear(z.Span, a.Span, slope);
    }

    /// <summary>dZ = dA ⊙ (1 where z &gt; 0, slope elsewhere).</summary>
    public static void Backward(Matrix<T> z, Matrix<T> dA, Matrix<T> dZ, T slope)
    {
        dZ.SetRows(z.Rows);
        Elementwise.PiecewiseLinearBackward(z.Span, dA.Span, dZ.Span, slope);
    }

    public override void Forward(Matrix<T> z, Matrix<T> a) => Forward(z, a, slope);

    public override void Backward(Matrix<T> z, Matrix<T> a, Matrix<T> dA, Matrix<T> dZ) => Backward(z, dA, dZ, slope);

    public override bool ForwardSmall(Matrix<T> x, Matrix<T> w, Matrix<T>? b, Matrix<T> z, Matrix<T> a)
    {
        FusedLoops.Forward(new Function(slope), x, w, b, z, a);
        return true;
    }

    public override bool BackwardSmall(Matrix<T> z, Matrix<T> a, Matrix<T> dA, Matrix<T> dZ)
    {
        FusedLoops.Delta(new Function(slope), z, a, dA, dZ);
        return true;
    }

    internal override T? PiecewiseSlope => slope;

    internal override ScalarActivation<T>? OneByOne(int units) => new(sigmoid: false, slope);

    /// <summary>The scalar forms of <see cref="Elementwise.PiecewiseLinear{T}"/> and its backward pass.</summary>
    internal readonly struct Function(T slope) : IScalarActivation<T>
    {
        public T Apply(T z) => z > T.Zero ? z : (slope * z) + T.Zero;                  // f(z) = z > 0 ? z : slope·z

        public T Backward(T z, T a, T dA) => z > T.Zero ? dA : (slope * dA) + T.Zero; // dA·f′(z), f′ = 1 or slope
    }
}
