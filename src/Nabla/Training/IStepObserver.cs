using System.Numerics;
using Nabla.Tensors;

namespace Nabla.Training;

/// <summary>
/// Watches individual training steps (an explanation's trace does). The trainer calls it with the
/// very buffers the step used, so what it records is what training computed.
/// </summary>
public interface IStepObserver<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>True when the observer wants dX = ∂L/∂X computed as well.</summary>
    bool WantsInputGradient { get; }

    /// <summary>After Forward and Backward, before gradient clipping and the update. <paramref name="examples"/> are the batch's row numbers in the data.</summary>
    void BeforeUpdate(long step, ReadOnlySpan<int> examples, Network<T> network, Matrix<T> x, Matrix<T> y);

    /// <summary>After the optimizer changed the parameters.</summary>
    void AfterUpdate(long step, Network<T> network, Matrix<T> x, Matrix<T> y);
}
