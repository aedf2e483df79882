using System.Numerics;
using Nabla.Tensors.Kernels;

namespace Nabla.Optimizers;

/// <summary>Plain gradient descent: W ← W − η·dW.</summary>
public sealed class Sgd<T>(double learningRate) : Optimizer<T>(learningRate)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    protected internal override bool UpdatesElementWise => true;

    /// <summary>
    /// α = −η, the factor of the update W ← W + α·dW. The trainer may apply this same update inside the
    /// backward pass (<see cref="Network{T}.BackwardDescending"/>), with the same values.
    /// </summary>
    internal T Rate => T.CreateChecked(-LearningRate);

    /// <summary>Plain SGD without weight decay fuses: its update is W ← W + α·dW with α = −η.</summary>
    internal override bool FusesAsDescent(out T alpha)
    {
        alpha = Rate;
        return WeightDecay == 0;
    }

    /// <inheritdoc/>
    protected override void Update(int slot, Span<T> w, ReadOnlySpan<T> g) =>
        Elementwise.Axpy(Rate, g, w); // W ← W − η·dW
}
