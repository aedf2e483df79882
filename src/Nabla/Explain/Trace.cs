using System.Numerics;
using Nabla.Activations;
using Nabla.Optimizers;
using Nabla.Tensors;
using Nabla.Training;

namespace Nabla.Explain;

/// <summary>
/// Records each training step the <see cref="Trainer{T}"/> takes: the layers' own buffers
/// (Z, A, dZ, dW, db, dX) right after Backward, the weights before and after the update,
/// and the loss after the step. Nothing is recomputed by a second code path, except what training
/// need not keep: dA_L (<see cref="Textbook.OutputGradient"/>, which a fused shortcut skips) and f′(Z)
/// (<see cref="Textbook.LocalDerivative"/>; softmax's Jacobian from A).
/// </summary>
/// <remarks>
/// Watching an optimizer (<see cref="Watch"/>), it records what the optimizer's own code computed as well: the step's
/// η ("eta"), Adam's step count ("t"), the global norm and clipping factor ("grad_norm", "clip_factor"), the gradient the rule was given
/// ("g_W1", after clipping and coupled weight decay), the weights after decoupled decay ("decayed_W1"), the state the
/// step started from and ended with ("v_W1", "v_W1_next"; "m_…", "s_…" alike) and Adam's "mhat_W1" and "vhat_W1".
/// </remarks>
public sealed class Trace<T> : IStepObserver<T>, IUpdateRecorder<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>
    /// At most this many numbers are kept over all steps: far more than anyone reads, and few enough
    /// that every format (json's text above all) stays within a few hundred MB.
    /// </summary>
    public const long ValueBudget = 2_000_000;

    private readonly List<StepTrace> steps = [];
    private StepTrace? current;
    private long valueCount;

    // What the watched optimizer records during one update, each quantity laid out as the one vector of all
    // parameters (Network.StartOf), with the parameters it reached.
    private Optimizer<T>? optimizer;
    private bool flat;
    private double clipNorm;
    private int stepsPerEpoch = 1;
    private readonly Dictionary<string, (T[] Values, bool[] Reached)> recorded = [];
    private Network<T>? network;

    /// <summary>The steps recorded so far, in the order they were taken (a step is added once its update is done).</summary>
    public IReadOnlyList<StepTrace> Steps => steps;

    /// <summary>Always true: a trace records dX = ∂L/∂X, the gradient with respect to the inputs.</summary>
    public bool WantsInputGradient => true;

    /// <summary>
    /// Records <paramref name="optimizer"/>'s own quantities of each update too; <paramref name="clipNorm"/> is c of the
    /// trainer's gradient clipping (0: none), and an epoch holds <paramref name="stepsPerEpoch"/> steps (a schedule's η follows the epoch).
    /// </summary>
    internal void Watch(Optimizer<T> optimizer, Network<T> network, double clipNorm, int stepsPerEpoch)
    {
        this.optimizer = optimizer;
        this.network = network;
        this.clipNorm = clipNorm;
        this.stepsPerEpoch = Math.Max(1, stepsPerEpoch);
        flat = optimizer.UpdatesAsOneVector && network.FlatParameters() is not null; // as the trainer decides
        optimizer.Recorder = this;
    }

    void IUpdateRecorder<T>.Record(int slot, string name, ReadOnlySpan<T> values)
    {
        var parameters = network!.Parameters;
        lock (recorded) // (chunks of one long vector record from several threads)
        {
            if (!recorded.TryGetValue(name, out var into))
            {
                int length = network.StartOf(parameters.Count - 1) + parameters[^1].Value.Length;
                recorded[name] = into = (new T[length], new bool[parameters.Count]);
            }

            values.CopyTo(into.Values.AsSpan(flat ? slot * Optimizer<T>.Chunk : network.StartOf(slot)));
            if (flat)
            {
                into.Reached.AsSpan().Fill(true);
            }
            else
            {
                into.Reached[slot] = true;
            }
        }
    }

    /// <summary>
    /// Starts the record of step <paramref name="step"/> from the layers' buffers as Backward left them: X, Y, W, b,
    /// Z, A (and dropout's mask M), the loss L and loss_sum, dA = ∂L/∂A, f′(Z) or the softmax Jacobians, dZ = δ, dW, db
    /// and dX; under a watched optimizer also η and, with clipping, the global norm ‖g‖ and the factor min(1, c/(‖g‖ + 10⁻⁶)).
    /// </summary>
    public void BeforeUpdate(long step, ReadOnlySpan<int> examples, Network<T> network, Matrix<T> x, Matrix<T> y)
    {
        var s = new StepTrace(step, examples.ToArray()) { Fused = network.LastBackwardWasFused };
        s.Set("X", ToDouble(x));
        s.Set("Y", ToDouble(y));
        int count = network.Layers.Count;
        for (int l = 1; l <= count; l++)
        {
            var layer = network.Layers[l - 1];
            s.Set($"W{l}", ToDouble(layer.W));
            if (layer.B is not null)
            {
                s.Set($"b{l}", ToDouble(layer.B));
            }

            s.Set($"Z{l}", ToDouble(layer.Z));
            s.Set($"A{l}", ToDouble(layer.A));
            if (layer.Mask is { } mask)
            {
                s.Set($"M{l}", ToDouble(mask)); // dropout's mask: A = f(Z) ⊙ M
            }
        }

        var output = network.Layers[^1];
        double loss = double.CreateChecked(network.LossValue(y));
        s.SetScalar("loss", loss);
        // loss_sum: the plain sum of the per-term losses, Σ (ŷ − y)² or −Σ [y log p + …], before ½ and 1/N
        double half = network.Loss is Losses.SquaredError { Half: true } ? 0.5 : 1;
        s.SetScalar("loss_sum", loss * network.Loss.Normalizer(y.Rows, y.Cols) / half);

        var dAL = Textbook.OutputGradient(network.Loss, output.A, y); // dA_L = ∂L/∂A_L (what the fused path skips)
        for (int l = count; l >= 1; l--)
        {
            var layer = network.Layers[l - 1];
            s.Set($"dA{l}", l == count ? ToDouble(dAL) : ToDouble(network.Layers[l].DX)); // dA_l = dX of layer l+1
            RecordLocalDerivative(s, l, layer.Activation, layer.Z, layer.A, layer.Mask);
            s.Set($"dZ{l}", ToDouble(layer.DZ));
            s.Set($"dW{l}", ToDouble(layer.DW));
            if (layer.B is not null)
            {
                s.Set($"db{l}", ToDouble(layer.DB));
            }
        }

        s.Set("dX", ToDouble(network.Layers[0].DX));
        if (optimizer is not null)
        {
            s.Epoch = (int)((step - 1) / stepsPerEpoch);
            s.SetScalar("eta", optimizer.LearningRate); // η of this step (a schedule sets it each epoch)
            if (clipNorm > 0)
            {
                double norm = GradientClipping.GlobalNorm(network.Parameters); // what Clip measures next
                s.SetScalar("grad_norm", norm);
                s.SetScalar("clip_factor", GradientClipping.Factor(norm, clipNorm));
            }

            recorded.Clear();
        }

        current = s;
    }

    /// <summary>
    /// Completes the step's record: the watched optimizer's quantities, W_next and b_next, and loss_next (the same batch
    /// through the updated network), then adds it to <see cref="Steps"/>.
    /// </summary>
    /// <exception cref="NablaException">When the steps so far would hold more than <see cref="ValueBudget"/> numbers.</exception>
    public void AfterUpdate(long step, Network<T> network, Matrix<T> x, Matrix<T> y)
    {
        var s = current ?? throw new InvalidOperationException("AfterUpdate without BeforeUpdate.");
        if (optimizer is not null)
        {
            RecordUpdate(s, network);
        }

        for (int l = 1; l <= network.Layers.Count; l++)
        {
            var layer = network.Layers[l - 1];
            s.Set($"W{l}_next", ToDouble(layer.W));
            if (layer.B is not null)
            {
                s.Set($"b{l}_next", ToDouble(layer.B));
            }
        }

        network.Forward(x); // the same batch through the updated network
        s.SetScalar("loss_next", double.CreateChecked(network.LossValue(y)));
        valueCount += s.ValueCount;
        if (valueCount > ValueBudget)
        {
            throw new NablaException(
                $"the worked solution of {steps.Count + 1} steps would hold more than {ValueBudget:N0} numbers (this network and batch give {s.ValueCount:N0} a step). " +
                $"Fix: ask for at most {Math.Max(1, steps.Count)} steps, or a smaller batch.");
        }

        steps.Add(s);
        current = null;
    }

    /// <summary>
    /// The optimizer's quantities of this update, per parameter p: g_p (when clipping or coupled decay changed the
    /// gradient), decayed_p, each state's value before (the last step's, zeros at first) and after, and Adam's m̂ and v̂.
    /// </summary>
    private void RecordUpdate(StepTrace s, Network<T> network)
    {
        var parameters = network.Parameters;
        var rule = optimizer!;
        bool gradientChanged = clipNorm > 0 || (rule.WeightDecay != 0 && !recorded.ContainsKey("decayed"));
        var previous = steps.Count > 0 ? steps[^1] : null;
        if (rule is Adam<T>)
        {
            s.SetScalar("t", rule.Steps); // the step count t of the bias corrections 1 − βᵗ
        }

        for (int i = 0; i < parameters.Count; i++)
        {
            var p = parameters[i];
            if (!p.Trainable)
            {
                continue;
            }

            Matrix<double>? Recorded(string name) =>
                recorded.TryGetValue(name, out var r) && r.Reached[i]
                    ? ToDouble(p.Value.Rows, p.Value.Cols, r.Values.AsSpan(network.StartOf(i), p.Value.Length))
                    : null;

            if (gradientChanged && Recorded("g") is { } g)
            {
                s.Set($"g_{p.Name}", g);
            }

            if (Recorded("decayed") is { } decayed)
            {
                s.Set($"decayed_{p.Name}", decayed);
            }

            foreach (string state in rule.StateNames)
            {
                if (Recorded(state) is { } after)
                {
                    s.Set($"{state}_{p.Name}", previous is not null && previous.TryGet($"{state}_{p.Name}_next", out var before)
                        ? before : new Matrix<double>(after.Rows, after.Cols)); // the state starts at 0
                    s.Set($"{state}_{p.Name}_next", after);
                }
            }

            foreach (string hat in new[] { "mhat", "vhat" })
            {
                if (Recorded(hat) is { } value)
                {
                    s.Set($"{hat}_{p.Name}", value);
                }
            }
        }
    }

    /// <summary>
    /// f′(Z) for an element-wise activation; the per-example Jacobian for softmax. After dropout the output is
    /// f(Z) ⊙ M, so its local gradient is f′(Z) ⊙ M (f′ taken at f(Z) before the mask).
    /// </summary>
    private static void RecordLocalDerivative(StepTrace s, int l, Activation f, Matrix<T> z, Matrix<T> a, Matrix<T>? mask)
    {
        if (mask is not null)
        {
            var zd = ToDouble(z);
            s.Set($"dAdZ{l}", Checking.StepRules.MaskedDerivative(f, zd, ToDouble(mask)));
            if (f is Softmax)
            {
                var unmasked = Textbook.Activate(f, zd); // f(Z) before the mask, once for all examples
                s.Jacobians[l] = Enumerable.Range(0, z.Rows)
                    .Select(i => Matrix<double>.FromRows(ToRows(Softmax.Jacobian(unmasked.Row(i)))))
                    .ToArray();
            }

            return;
        }

        if (f is Softmax)
        {
            var p = ToDouble(a); // converted once, not once per example
            s.Jacobians[l] = Enumerable.Range(0, p.Rows)
                .Select(i => Matrix<double>.FromRows(ToRows(Softmax.Jacobian(p.Row(i)))))
                .ToArray();
            return;
        }

        s.Set($"dAdZ{l}", ToDouble(Textbook.LocalDerivative(f, z, a))); // f′(Z), the local gradient
    }

    private static double[][] ToRows(double[,] m) =>
        Enumerable.Range(0, m.GetLength(0)).Select(r => Enumerable.Range(0, m.GetLength(1)).Select(c => m[r, c]).ToArray()).ToArray();

    private static Matrix<double> ToDouble(int rows, int cols, ReadOnlySpan<T> values)
    {
        var m = new Matrix<double>(rows, cols);
        for (int i = 0; i < values.Length; i++)
        {
            m.Span[i] = double.CreateChecked(values[i]);
        }

        return m;
    }

    private static Matrix<double> ToDouble(Matrix<T> m) => Matrix<double>.FromArray(m.Rows, m.Cols, m.ToArray());
}
