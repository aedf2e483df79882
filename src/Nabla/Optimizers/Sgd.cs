using System.Numerics;
using Nabla.Tensors.Kernels;

namespace Nabla.Optimizers;

/// <summary>Plain gradient descent: W ← W − η·dW.</summary>
public sealed class Sgd<T>(double learningRate) : Optimizer<T>(learningRate)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    protected internal override bool UpdatesElementWise => true;

    protected override void Update(int slot, Span<T> w, ReadOnlySpan<T> g) =>
        Elementwise.Axpy(T.CreateChecked(-LearningRate), g, w); // W ← W − η·dW
}
