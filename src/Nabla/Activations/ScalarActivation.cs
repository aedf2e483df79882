using System.Numerics;

namespace Nabla.Activations;

/// <summary>
/// A piecewise-linear activation (with its slope) or σ, chosen when a network is set up: the scalar
/// forms of both kernels behind one branch, for a loop that walks layers of different activations.
/// </summary>
internal readonly struct ScalarActivation<T>(bool sigmoid, T slope) : IScalarActivation<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public T Apply(T z) => sigmoid
        ? default(SigmoidKernel<T>.Function).Apply(z)
        : new PiecewiseLinear<T>.Function(slope).Apply(z);

    public T Backward(T z, T a, T dA) => sigmoid
        ? default(SigmoidKernel<T>.Function).Backward(z, a, dA)
        : new PiecewiseLinear<T>.Function(slope).Backward(z, a, dA);
}
