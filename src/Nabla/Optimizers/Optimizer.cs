using System.Runtime.CompilerServices;
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

    /// <summary>
    /// λ of weight decay (L2), 0 for none. Coupled, as PyTorch's SGD, Adam, RMSprop and Adagrad take it:
    /// g ← g + λ·w before the optimizer's own rule; or decoupled (<see cref="DecouplesWeightDecay"/>, AdamW):
    /// w ← w·(1 − η·λ) before it.
    /// </summary>
    public double WeightDecay
    {
        get => weightDecay;
        init => weightDecay = value >= 0 && double.IsFinite(value) ? value
            : throw new ArgumentOutOfRangeException(nameof(WeightDecay), value, "λ must be a finite number ≥ 0.");
    }

    private readonly double weightDecay;

    /// <summary>Whether weight decay reaches the biases too (true, as PyTorch does unless told otherwise).</summary>
    public bool DecayBias { get; init; } = true;

    /// <summary>True when weight decay shrinks the weights directly (AdamW) rather than adding λ·w to the gradient.</summary>
    protected virtual bool DecouplesWeightDecay => false;

    /// <summary>Number of steps taken so far.</summary>
    public long Steps { get; private set; }

    /// <summary>
    /// Where each update's quantities go while an explanation watches (the gradient g the rule is given, the state
    /// after the step); null in ordinary training.
    /// </summary>
    internal IUpdateRecorder<T>? Recorder { get; set; }

    /// <summary>The names of the state this rule keeps per element ("v", "m", "s"), in the order it records them.</summary>
    internal virtual IReadOnlyList<string> StateNames => [];

    /// <summary>True while an explanation records the quantities of the update.</summary>
    protected bool Recording => Recorder is not null;

    /// <summary>Hands one quantity of the update of slot <paramref name="slot"/> to the explanation watching it, if any.</summary>
    protected void Record(int slot, string name, ReadOnlySpan<T> values) => Recorder?.Record(slot, name, values);

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
            Apply(0, w.AsSpan(wAt, count), g.AsSpan(gAt, count), decay: true);
            return;
        }

        var job = chunkJob ??= new ChunkedUpdate(this);
        (job.W, job.G, job.Count) = (new(w, wAt, count), new(g, gAt, count), chunks);
        Workers.Run(job, Math.Min(Gemm.Threads, chunks));
        (job.W, job.G) = (default, default);
    }

    /// <summary>
    /// Whether this rule is W ← W + α·dW with a fixed α, which a backward pass may apply to each layer as soon as
    /// its dW is known (<see cref="Network{T}.BackwardDescending"/>); <paramref name="alpha"/> is that factor. The fused
    /// pass asks the optimizer for its factor and then calls <see cref="CountStep"/>: the rule stays the optimizer's.
    /// </summary>
    internal virtual bool FusesAsDescent(out T alpha)
    {
        alpha = T.Zero;
        return false;
    }

    /// <summary>Counts a step whose update was applied elsewhere (see <see cref="FusesAsDescent"/>).</summary>
    internal void CountStep() => Steps++;

    /// <summary>Elements per chunk of a long parameter vector (see <see cref="Step(T[], int, T[], int, int)"/>).</summary>
    internal const int Chunk = 1 << 16;

    private ChunkedUpdate? chunkJob;

    /// <summary>
    /// True when <see cref="Update"/> computes each element from that element alone (and the step
    /// count), whichever parameter it belongs to, so that all parameters may be updated as one vector.
    /// </summary>
    protected internal virtual bool UpdatesElementWise => false;

    /// <summary>
    /// Whether all parameters may be updated as one vector: an element-wise rule whose weight decay, if any,
    /// reaches every parameter alike (biases included).
    /// </summary>
    internal bool UpdatesAsOneVector => UpdatesElementWise && (weightDecay == 0 || DecayBias);

    private void Step(int slot, Parameter<T> parameter)
    {
        if (parameter.Trainable)
        {
            Apply(slot, parameter.Value.Span, parameter.Gradient.Span, decay: DecayBias || !parameter.IsBias);
        }
    }

    /// <summary>Weight decay where it applies (g ← g + λ·w, or w ← w·(1 − η·λ) when decoupled), then the optimizer's own rule.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Apply(int slot, Span<T> w, Span<T> g, bool decay)
    {
        if (decay && weightDecay != 0)
        {
            Decay(w, g); // (apart, so that a step without decay stays one call)
        }

        if (Recorder is { } recorder)
        {
            recorder.Record(slot, "g", g); // the gradient the rule is given (clipped, with λ·w when coupled)
            if (decay && weightDecay != 0 && DecouplesWeightDecay)
            {
                recorder.Record(slot, "decayed", w); // w·(1 − η·λ)
            }
        }

        Update(slot, w, g);
    }

    /// <summary>g ← g + λ·w, or w ← w·(1 − η·λ) when decoupled.</summary>
    private void Decay(Span<T> w, Span<T> g)
    {
        if (DecouplesWeightDecay)
        {
            DecoupledDecay(LearningRate, weightDecay, w);
        }
        else
        {
            CoupledDecay(weightDecay, w, g);
        }
    }

    /// <summary>
    /// Whether an update may run on whole registers (<see cref="Vector{T}"/>) before its scalar loop takes the
    /// rest: the same operations in the same order on each element, so the same values (in a browser too, where 128-bit registers are interpreted: still twice as fast as the loop there).
    /// </summary>
    private protected static bool Vectorized => Vector.IsHardwareAccelerated && Vector<T>.IsSupported;

    /// <summary>g ← g + λ·w (L2 added to the gradient).</summary>
    internal static void CoupledDecay(double lambda, ReadOnlySpan<T> w, Span<T> g) => Elementwise.Axpy(T.CreateChecked(lambda), w, g);

    /// <summary>w ← w·(1 − η·λ) (AdamW's decoupled decay).</summary>
    internal static void DecoupledDecay(double eta, double lambda, Span<T> w) =>
        System.Numerics.Tensors.TensorPrimitives.Multiply(w, T.CreateChecked(1 - (eta * lambda)), w);

    /// <summary>w − η·step, the move every rule ends with.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static T Descend(T w, T eta, T step) => w - (eta * step);

    /// <summary>g/(√s + ε), a gradient scaled by the root of its running squares (RMSprop, Adagrad).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static T Scaled(T g, T s, T eps) => g / (T.Sqrt(s) + eps);

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
                optimizer.Apply(c, W.AsSpan(start, length), G.AsSpan(start, length), decay: true);
            }
        }
    }
}
