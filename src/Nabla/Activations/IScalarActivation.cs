using System.Numerics;

namespace Nabla.Activations;

/// <summary>
/// f(z) for one value, as a struct, so that a fused loop generic over it (see
/// <c>SmallDense.Forward</c>) is compiled once per activation with f inlined: no call per element.
/// </summary>
internal interface IScalarActivation<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    T Apply(T z);
}
