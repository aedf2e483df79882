using System.Numerics;

namespace Nabla.Activations;

/// <summary>
/// f(z) and dZ = dA·f′(z) for one value, as a struct, so that a loop generic over it (see
/// <c>SmallDense</c>) is compiled once per activation with f inlined: no call per element.
/// Each is the scalar form of the activation's own kernel, with the same bits.
/// </summary>
internal interface IScalarActivation<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    T Apply(T z);

    /// <summary>dZ = dA·f′(z), given z and a = f(z).</summary>
    T Backward(T z, T a, T dA);
}
