using System.Numerics;
using Nabla.Layers;
using Nabla.Tensors;
using Nabla.Tensors.Kernels;

namespace Nabla.Optimizers;

/// <summary>Updates the parameters from their gradients after a backward pass.</summary>
public abstract class Optimizer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>An optimizer with step size η = <paramref name="learningRate"/>.</summary>
    protected Optimizer(double learningRate) => LearningRate = learningRate;

    /// <summary>η.</summary>
    public double LearningRate { get; set; }

    /// <summary>Number of steps taken so far.</summary>
    public long Steps { get; private set; }

    /// <summary>Applies one update to every trainable parameter.</summary>
    public void Step(IReadOnlyList<Parameter<T>> parameters)
    {
        Steps++;
        if (parameters is Parameter<T>[] array)
        {
            for (int i = 0; i < array.Length; i++)
            {
                Step(i, array[i]); // (an array needs no interface call per parameter)
            }
        }
        else
        {
            for (int i = 0; i < parameters.Count; i++)
            {
                Step(i, parameters[i]);
            }
        }
    }

    /// <summary>
    /// Applies one update to all parameters at once: <paramref name="w"/> holds them (<paramref name="count"/>
    /// values from <paramref name="wAt"/>) and <paramref name="g"/> their gradients laid out the same way (from <paramref name="gAt"/>). Only for a rule that treats every element
    /// alike (<see cref="UpdatesElementWise"/>), where it gives the values of the update per parameter.
    /// </summary>
    internal void Step(T[] w, int wAt, T[] g, int gAt, int count)
    {
        Steps++;
        int chunks = (count + Chunk - 1) / Chunk;
        if (chunks <= 1)
        {
            Update(0, w.AsSpan(wAt, count), g.AsSpan(gAt, count));
            return;
        }

        var job = chunkJob ??= new ChunkedUpdate(this);
        (job.W, job.G, job.Count) = (new(w, wAt, count), new(g, gAt, count), chunks);
        Workers.Run(job, Math.Min(Gemm.Threads, chunks));
        (job.W, job.G) = (default, default);
    }

    /// <summary>Counts a step whose update was applied elsewhere (see <see cref="Sgd{T}.Rate"/>).</summary>
    internal void CountStep() => Steps++;

    /// <summary>Elements per chunk of a long parameter vector (see <see cref="Step(T[], int, T[], int, int)"/>).</summary>
    internal const int Chunk = 1 << 16;

    private ChunkedUpdate? chunkJob;

    /// <summary>
    /// True when <see cref="Update"/> computes each element from that element alone (and the step
    /// count), whichever parameter it belongs to, so that all parameters may be updated as one vector.
    /// </summary>
    protected internal virtual bool UpdatesElementWise => false;

    private void Step(int slot, Parameter<T> parameter)
    {
        if (parameter.Trainable)
        {
            Update(slot, parameter.Value.Span, parameter.Gradient.Span);
        }
    }

    /// <summary>Updates one parameter (index <paramref name="slot"/> names its state) in place.</summary>
    protected abstract void Update(int slot, Span<T> w, ReadOnlySpan<T> g);

    /// <summary>Per-parameter state (velocity, moments), allocated on the first step only.</summary>
    /// <remarks>Chunks of one vector may ask for their slots from several threads at once, hence the lock.</remarks>
    protected static T[] State(List<T[]> states, int slot, int length)
    {
        lock (states)
        {
            while (states.Count <= slot)
            {
                states.Add([]);
            }

            if (states[slot].Length != length)
            {
                states[slot] = new T[length];
            }

            return states[slot];
        }
    }

    /// <summary>Chunks c = part·Count/parts … (part+1)·Count/parts − 1 of one flat update.</summary>
    private sealed class ChunkedUpdate(Optimizer<T> optimizer) : IPartitioned
    {
        public ArraySegment<T> W;
        public ArraySegment<T> G;
        public int Count;

        public void RunPart(int part, int parts)
        {
            for (int c = Count * part / parts; c < Count * (part + 1) / parts; c++)
            {
                int start = c * Chunk;
                int length = Math.Min(Chunk, W.Count - start);
                optimizer.Update(c, W.AsSpan(start, length), G.AsSpan(start, length));
            }
        }
    }
}
