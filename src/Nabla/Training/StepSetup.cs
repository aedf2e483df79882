using System.Numerics;
using Nabla.Layers;
using Nabla.Numerics;
using Nabla.Optimizers;

namespace Nabla.Training;

/// <summary>
/// What the steps of one fit train, and how, fixed for the whole fit: the network, its optimizer and parameters
/// (and their single vector with its gradients, where they are one), who watches each update, gradient clipping, and
/// where dropout draws its masks. A <see cref="StepPlan{T}"/> is made from it for a batch size, and again after a
/// validation pass unsettles the one-example buffers.
/// </summary>
/// <param name="Network">The network trained.</param>
/// <param name="Optimizer">The optimizer that owns the update rule.</param>
/// <param name="Parameters">The network's parameters, in order.</param>
/// <param name="Flat">All parameters as one vector and their gradients (see Network.FlatParameters), or null.</param>
/// <param name="Observer">Who sees each step before and after its update, or null.</param>
/// <param name="ClipNorm">c of gradient clipping, 0 for none.</param>
/// <param name="Dropout">Where the dropout masks are drawn from, for a network with dropout layers; else null.</param>
internal sealed record StepSetup<T>(
    Network<T> Network,
    Optimizer<T> Optimizer,
    Parameter<T>[] Parameters,
    (ArraySegment<T> Values, ArraySegment<T> Gradients)? Flat,
    IStepObserver<T>? Observer,
    double ClipNorm,
    SeededRandom? Dropout)
    where T : unmanaged, IFloatingPointIeee754<T>;
