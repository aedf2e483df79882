using System.Runtime.CompilerServices;
using System.Numerics;
using Nabla.Layers;
using Nabla.Numerics;
using Nabla.Optimizers;
using Nabla.Tensors;

namespace Nabla.Training;

/// <summary>
/// How the engine runs one training step for a network, batch size and optimizer; the one thing the
/// trainer calls. Three ways, chosen once per fit, all giving the values of the textbook step
/// (<see cref="Textbook"/>; tests hold them to it):
/// <list type="bullet">
/// <item>one example at a time through small layers: scalar loops (<see cref="OneExampleStep{T}"/>);</item>
/// <item>an optimizer that fuses as descent (plain SGD) with nobody watching and no clipping: each layer's update is taken
/// inside the backward pass (<see cref="Network{T}.BackwardDescending"/>, or the scalar loops' own), with the optimizer's own factor;</item>
/// <item>otherwise: Network.Backward, then the optimizer on every parameter (as one vector where they are one).</item>
/// </list>
/// </summary>
internal sealed class StepPlan<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Network<T> network;
    private readonly Optimizer<T> optimizer;
    private readonly Parameter<T>[] parameters;
    private readonly IStepObserver<T>? observer;
    private readonly OneExampleStep<T>? oneByOne;
    private readonly SeededRandom? dropout;
    private readonly bool fused;
    private readonly double clipNorm;

    // All parameters as one vector and their gradients, where that holds (plain fields: array segments cost a one-example step a few ns).
    private readonly T[]? flatValues;
    private readonly T[]? flatGradients;
    private readonly int valuesAt;
    private readonly int gradientsAt;
    private readonly int flatCount;

    /// <summary>Plans the steps of <paramref name="setup"/> for batches shown through <paramref name="xb"/> of up to <paramref name="batch"/> examples.</summary>
    public StepPlan(StepSetup<T> setup, Matrix<T> xb, int batch)
    {
        (network, optimizer, parameters, observer, clipNorm, dropout) = (setup.Network, setup.Optimizer, setup.Parameters, setup.Observer, setup.ClipNorm, setup.Dropout);
        var flat = setup.Flat;
        if (flat is var (values, gradients))
        {
            (flatValues, flatGradients, valuesAt, gradientsAt, flatCount) = (values.Array, gradients.Array, values.Offset, gradients.Offset, values.Count);
        }

        network.Reserve(batch);
        oneByOne = batch == 1 && observer is null && dropout is null ? OneExampleStep<T>.For(network, xb) : null;
        bool descends = observer is null && clipNorm == 0 && optimizer.FusesAsDescent(out _);
        fused = descends && flat is not null; // (no single vector: a frozen parameter, which must not move)
    }

    /// <summary>True when the steps run one example at a time through the layers' buffers (another forward pass, a validation one, unsettles them: plan again after it).</summary>
    public bool OneByOne => oneByOne is not null;

    /// <summary>True when the updates are taken inside the backward pass.</summary>
    public bool UpdatesInBackward => fused;

    /// <summary>The forward pass of the batch in <paramref name="xb"/>; returns A_L (a buffer).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Matrix<T> Forward(Matrix<T> xb) =>
        oneByOne is { } one ? one.Forward() : dropout is null ? network.Forward(xb) : network.ForwardTraining(xb, dropout);

    /// <summary>
    /// Backpropagation and the update for the last forward pass, on the batch of <paramref name="batches"/> that starts
    /// at <paramref name="start"/>; <paramref name="step"/> is its number from 1 (for an observer, who also sees its rows).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Learn(Batches<T> batches, int start, int size, long step)
    {
        var (xb, yb) = (batches.Xb, batches.Yb);
        if (fused && optimizer.FusesAsDescent(out var alpha)) // (asked each step: the rate may change between steps)
        {
            if (oneByOne is { } one)
            {
                one.Backward(yb, descend: true, alpha); // backward pass and the optimizer's W ← W + α·dW in one
            }
            else
            {
                network.BackwardDescending(yb, alpha);
            }

            optimizer.CountStep();
            return;
        }
        else if (oneByOne is { } single)
        {
            single.Backward(yb);
        }
        else
        {
            network.Backward(yb, computeInputGradient: observer?.WantsInputGradient ?? false);
        }

        observer?.BeforeUpdate(step, batches.Rows(start, size), network, xb, yb); // (the rows only when watched; the gradients as backpropagation left them)
        if (clipNorm > 0)
        {
            GradientClipping.Clip(parameters, clipNorm); // g ← g·c/(‖g‖ + 10⁻⁶) when ‖g‖ > c
        }
        if (flatValues is not null)
        {
            optimizer.Step(flatValues, valuesAt, flatGradients!, gradientsAt, flatCount); // every parameter in one pass
        }
        else
        {
            optimizer.Step(parameters);
        }

        observer?.AfterUpdate(step, network, xb, yb);
    }
}
