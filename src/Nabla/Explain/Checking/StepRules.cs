using Nabla.Activations;
using Nabla.App;
using Nabla.Layers;
using Nabla.Losses;
using Nabla.Optimizers;
using Nabla.Specs;
using Nabla.Tensors;
using Nabla.Training;

namespace Nabla.Explain.Checking;

/// <summary>
/// How each quantity of a step is computed from the others: the forward and backward pass by the
/// <see cref="Textbook"/>'s equations (Z = A·W + b, A = f(Z), dA_L, f′(Z), δ, dW, db, dA below), the update
/// by the core's own rules (Sgd, the optimizers' element rules, GradientClipping) — so a
/// quantity can be recomputed from any set of values: the learner's own, or those of a world with a slip
/// in it. Nabla's layout throughout. An update by another optimizer than plain SGD goes through the
/// quantities the explanation shows: the gradient g the rule is given (clipped, with λ·θ), the state
/// after the step (v, m, s), Adam's m̂ and v̂, and W_next from those and the step's η.
/// </summary>
public sealed class StepRules
{
    private readonly Activation[] activations;
    private readonly bool[] trainWeights;
    private readonly bool[] trainBias;
    private readonly bool[] dropout;

    internal StepRules(ModelSpec spec)
    {
        activations = spec.Layers.Select(l => Activation.FromName(l.Activation, l.Alpha)!).ToArray();
        trainWeights = spec.Layers.Select(l => l.Trainable).ToArray();
        trainBias = spec.Layers.Select(l => l.HasBias && l.TrainBias).ToArray();
        HasBias = spec.Layers.Select(l => l.HasBias).ToArray();
        dropout = spec.Layers.Select(l => l.Dropout > 0).ToArray();
        Loss = ModelBuilder.BuildLoss(spec.Loss);
        LearningRate = spec.Train.LearningRate;
        IsSgd = spec.Train.IsPlainSgd;
        train = spec.Train;
    }

    private readonly TrainSpec train;

    /// <summary>AdamW with λ ≠ 0: the weights shrink before the rule (decayed_W), the gradient stays.</summary>
    private bool Decoupled => train.Optimizer == "adamw" && train.WeightDecay != 0;

    /// <summary>Whether the step shows a gradient g of its own (clipping or coupled weight decay changed it), as the trace records it.</summary>
    private bool ShowsGradient => train.ClipNorm > 0 || (train.WeightDecay != 0 && !Decoupled);

    /// <summary>Whether weight decay reaches parameter <paramref name="kind"/> ("W" or "b").</summary>
    private bool Decays(string kind) => train.WeightDecay != 0 && (kind == "W" || train.DecayBias);

    /// <summary>The gradient the rule of parameter p is given: g_p where the step shows one, else dp.</summary>
    private string Gradient(string p) => ShowsGradient ? $"g_{p}" : $"d{p}";

    /// <summary>The parameter as the rule finds it: after AdamW's decay where that reached it.</summary>
    private string Start(string p) => Decoupled && Decays(p[..1]) ? $"decayed_{p}" : p;

    /// <summary>The trainable parameters' gradients, whose global norm clipping measures.</summary>
    private IEnumerable<string> Gradients() => Enumerable.Range(1, LayerCount).SelectMany(l =>
        (trainWeights[l - 1] ? new[] { $"dW{l}" } : []).Concat(trainBias[l - 1] ? [$"db{l}"] : []));

    internal Loss Loss { get; }

    internal double LearningRate { get; }

    /// <summary>Plain SGD (no decay, clipping or schedule): W_next needs nothing but W and dW (the other optimizers' W_next reads the step's η and the quantities of the update).</summary>
    public bool IsSgd { get; }

    internal int LayerCount => activations.Length;

    internal IReadOnlyList<bool> HasBias { get; }

    internal Activation ActivationOf(int layer) => activations[layer - 1];

    internal bool HasSoftmax => activations.Any(a => a is Softmax);

    /// <summary>The quantities a recomputation of <paramref name="name"/> reads.</summary>
    public IReadOnlyList<string> InputsOf(string name)
    {
        var q = QuantityName.Parse(name);
        int l = q.Layer;
        int last = LayerCount;
        return (q.Kind, q.Next) switch
        {
            ("Z", false) => HasBias[l - 1] ? [Before(l), $"W{l}", $"b{l}"] : [Before(l), $"W{l}"],
            ("A", false) => dropout[l - 1] ? [$"Z{l}", $"M{l}"] : [$"Z{l}"],
            ("loss" or "loss_sum", _) => [$"A{last}", "Y"],
            ("dA", false) => l == last ? [$"A{l}", "Y"] : [$"dZ{l + 1}", $"W{l + 1}"],
            ("dAdZ", false) => dropout[l - 1] ? [$"Z{l}", $"M{l}"] : [$"Z{l}", $"A{l}"],
            ("dZ", false) => activations[l - 1].IsElementWise ? [$"dA{l}", $"dAdZ{l}", $"Z{l}", $"A{l}"] : [$"dA{l}", $"Z{l}", $"A{l}"],
            ("dW", false) => [Before(l), $"dZ{l}"],
            ("db", false) => [$"dZ{l}"],
            ("dX", _) => ["dZ1", "W1"],
            ("W" or "b", true) when IsSgd => [$"{q.Kind}{l}", $"d{q.Kind}{l}"],
            ("W" or "b", true) => UpdateInputs($"{q.Kind}{l}"),
            ("grad_norm", _) => [.. Gradients()],
            ("clip_factor", _) => ["grad_norm"],
            ("g", false) => [$"d{q.Parameter}", .. Decays(q.Of!) ? new[] { q.Parameter! } : [], .. train.ClipNorm > 0 ? new[] { "clip_factor" } : []],
            ("decayed", false) => [q.Parameter!, "eta"],
            ("v" or "m" or "s", true) => StateInputs(q.Kind, q.Parameter!),
            ("mhat", false) => [$"m_{q.Parameter}_next", "t"],
            ("vhat", false) => [$"v_{q.Parameter}_next", "t"],
            ("loss_next", _) => [.. Enumerable.Range(1, last).SelectMany(k => HasBias[k - 1] ? new[] { $"W{k}_next", $"b{k}_next" } : [$"W{k}_next"]), "X", "Y"],
            _ => [],
        };
    }

    /// <summary>
    /// The quantity recomputed from the values <paramref name="get"/> gives; null where there is
    /// no rule (X, Y, W, b, η, t, and the optimizer's state before the step). With
    /// <paramref name="diagonalSoftmax"/> a softmax layer's dZ keeps only the Jacobian's diagonal.
    /// </summary>
    public Matrix<double>? Recompute(string name, Func<string, Matrix<double>> get, bool diagonalSoftmax = false)
    {
        var q = QuantityName.Parse(name);
        int l = q.Layer;
        switch (q.Kind, q.Next)
        {
            case ("Z", false):
                var z = Textbook.Product(get(Before(l)), get($"W{l}")); // Z = A_{l−1}·W
                if (HasBias[l - 1])
                {
                    Textbook.AddBias(z, get($"b{l}")); // Z = Z + b
                }

                return z;
            case ("A", false) when dropout[l - 1]:
                return Textbook.Hadamard(Textbook.Activate(activations[l - 1], get($"Z{l}")), get($"M{l}")); // A = f(Z) ⊙ M (dropout)
            case ("A", false):
                return Textbook.Activate(activations[l - 1], get($"Z{l}")); // A = f(Z)
            case ("loss", _):
                return Scalar(Loss.Value(get($"A{LayerCount}"), get("Y")));
            case ("loss_sum", _):
                return Scalar(LossSum(get($"A{LayerCount}"), get("Y")));
            case ("dA", false) when l == LayerCount:
                return Textbook.OutputGradient(Loss, get($"A{l}"), get("Y")); // dA_L = ∂L/∂A_L
            case ("dA", false):
                return Textbook.ProductTransposeB(get($"dZ{l + 1}"), get($"W{l + 1}")); // dA_l = dZ_{l+1}·W_{l+1}ᵀ
            case ("dAdZ", false) when dropout[l - 1]:
                return MaskedDerivative(activations[l - 1], get($"Z{l}"), get($"M{l}"));
            case ("dAdZ", false) when activations[l - 1].IsElementWise:
                return Textbook.LocalDerivative(activations[l - 1], get($"Z{l}"), get($"A{l}")); // f′(Z)
            case ("dZ", false):
                return Delta(l, get, diagonalSoftmax);
            case ("dW", false):
                return Textbook.ProductTransposeA(get(Before(l)), get($"dZ{l}")); // dW = A_{l−1}ᵀ·dZ
            case ("db", false):
                return Textbook.ColumnSums(get($"dZ{l}")); // db = Σ over examples of dZ
            case ("dX", _):
                return Textbook.ProductTransposeB(get("dZ1"), get("W1")); // dX = dZ1·W1ᵀ
            case ("W" or "b", true) when IsSgd:
                bool trainable = q.Kind == "W" ? trainWeights[l - 1] : trainBias[l - 1];
                return SgdStep($"{q.Kind}{l}", get($"{q.Kind}{l}"), get($"d{q.Kind}{l}"), trainable);
            case ("W" or "b", true):
                return (q.Kind == "W" ? trainWeights[l - 1] : trainBias[l - 1]) ? Update($"{q.Kind}{l}", get) : get($"{q.Kind}{l}").Clone();
            case ("grad_norm", _):
                return Scalar(GradientClipping.GlobalNorm(Gradients().Select(n => new Parameter<double>(n, get(n), get(n), () => true)).ToList()));
            case ("clip_factor", _):
                return Scalar(GradientClipping.Factor(get("grad_norm")[0, 0], train.ClipNorm));
            case ("g", false):
                var g = get($"d{q.Parameter}").Clone();
                if (train.ClipNorm > 0)
                {
                    GradientClipping.Scale(g.Span, get("clip_factor")[0, 0]); // g ← ρ·dθ
                }

                if (Decays(q.Of!))
                {
                    Optimizer<double>.CoupledDecay(train.WeightDecay, get(q.Parameter!).Span, g.Span); // g ← g + λ·θ
                }

                return g;
            case ("decayed", false):
                var decayed = get(q.Parameter!).Clone();
                Optimizer<double>.DecoupledDecay(get("eta")[0, 0], train.WeightDecay, decayed.Span); // θ·(1 − η·λ)
                return decayed;
            case ("v" or "m" or "s", true):
                return State(q.Kind, q.Parameter!, get);
            case ("mhat", false):
                double c1 = Adam<double>.BiasCorrection(train.Beta1, (long)get("t")[0, 0]);
                return Map(get($"m_{q.Parameter}_next"), m => m / c1); // m̂ = m/(1 − β₁ᵗ)
            case ("vhat", false):
                double c2 = Adam<double>.BiasCorrection(train.Beta2, (long)get("t")[0, 0]);
                return Map(get($"v_{q.Parameter}_next"), v => v / c2); // v̂ = v/(1 − β₂ᵗ)
            case ("loss_next", _):
                var x = get("X");
                for (int k = 1; k <= LayerCount; k++)
                {
                    var zk = Textbook.Product(x, get($"W{k}_next"));
                    if (HasBias[k - 1])
                    {
                        Textbook.AddBias(zk, get($"b{k}_next"));
                    }

                    x = Textbook.Activate(activations[k - 1], zk);
                }

                return Scalar(Loss.Value(x, get("Y")));
            default:
                return null;
        }
    }

    /// <summary>Σ of the per-term losses before ½ and 1/N (as the trace's loss_sum).</summary>
    public double LossSum(Matrix<double> a, Matrix<double> y)
    {
        double half = Loss is SquaredError { Half: true } ? 0.5 : 1;
        return Loss.Value(a, y) * Loss.Normalizer(y.Rows, y.Cols) / half;
    }

    /// <summary>dZ = dA ⊙ f′(Z) (the learner's f′ when given), or softmax's Jacobian product.</summary>
    private Matrix<double> Delta(int l, Func<string, Matrix<double>> get, bool diagonalSoftmax)
    {
        var f = activations[l - 1];
        var dA = get($"dA{l}");
        if (f.IsElementWise)
        {
            return Textbook.Hadamard(dA, get($"dAdZ{l}")); // dZ = dA ⊙ f′(Z)
        }

        if (diagonalSoftmax)
        {
            // The slip: keep only ∂pᵢ/∂oᵢ = pᵢ(1 − pᵢ), drop ∂pⱼ/∂oᵢ = −pᵢpⱼ. p(1 − p) is σ′ written in its output.
            return Textbook.Delta(new Sigmoid(), get($"Z{l}"), get($"A{l}"), dA);
        }

        if (dropout[l - 1])
        {
            // dZ = J·(dA ⊙ M), J at f(Z) before the mask
            return Textbook.Delta(f, get($"Z{l}"), Textbook.Activate(f, get($"Z{l}")), Textbook.Hadamard(dA, get($"M{l}")));
        }

        return Textbook.Delta(f, get($"Z{l}"), get($"A{l}"), dA); // dZ = dA·J, J = ∂A/∂Z per example
    }

    /// <summary>∂A/∂Z of a layer with dropout, A = f(Z) ⊙ M: f′(Z) ⊙ M, with f′ taken at f(Z) before the mask (all ones for softmax, whose Jacobian is apart).</summary>
    public static Matrix<double> MaskedDerivative(Activation f, Matrix<double> z, Matrix<double> mask)
    {
        var d = f.IsElementWise ? Textbook.LocalDerivative(f, z, Textbook.Activate(f, z)) : Ones(z.Rows, z.Cols);
        return Textbook.Hadamard(d, mask);
    }

    private static Matrix<double> Ones(int rows, int cols)
    {
        var m = new Matrix<double>(rows, cols);
        m.Span.Fill(1);
        return m;
    }

    /// <summary>W − η·dW by the trainer's own SGD.</summary>
    private Matrix<double> SgdStep(string name, Matrix<double> value, Matrix<double> gradient, bool trainable)
    {
        var next = value.Clone();
        new Sgd<double>(LearningRate).Step([new Parameter<double>(name, next, gradient, () => trainable)]);
        return next;
    }

    /// <summary>What the state of parameter <paramref name="p"/> after the step is computed from: its state before and the gradient (RMSprop's velocity also s).</summary>
    private string[] StateInputs(string state, string p) =>
        train.Optimizer == "rmsprop" && state == "v" ? [$"v_{p}", Gradient(p), $"s_{p}_next"] : [$"{state}_{p}", Gradient(p)];

    /// <summary>What W_next of parameter <paramref name="p"/> is computed from under this optimizer.</summary>
    private string[] UpdateInputs(string p) => train.Optimizer switch
    {
        "momentum" => [Start(p), $"v_{p}_next", "eta"],
        "nesterov" => [Start(p), Gradient(p), $"v_{p}_next", "eta"],
        "adam" or "adamw" => [Start(p), $"mhat_{p}", $"vhat_{p}", "eta"],
        "rmsprop" when train.Momentum > 0 => [Start(p), $"v_{p}_next", "eta"],
        "rmsprop" or "adagrad" => [Start(p), Gradient(p), $"s_{p}_next", "eta"],
        _ => [Start(p), Gradient(p), "eta"],
    };

    /// <summary>The state after the step by the optimizer's own element rule.</summary>
    private Matrix<double> State(string state, string p, Func<string, Matrix<double>> get)
    {
        var before = get($"{state}_{p}");
        var g = get(Gradient(p));
        return (train.Optimizer, state) switch
        {
            ("momentum" or "nesterov", _) => Map(before, g, (v, gi) => Momentum<double>.Velocity(train.Momentum, v, gi)),
            ("adam" or "adamw", "m") => Map(before, g, (m, gi) => Adam<double>.FirstMoment(train.Beta1, m, gi)),
            ("adam" or "adamw", _) => Map(before, g, (v, gi) => Adam<double>.SecondMoment(train.Beta2, v, gi)),
            ("rmsprop", "s") => Map(before, g, (sq, gi) => RmsProp<double>.MeanSquare(train.Alpha, sq, gi)),
            ("rmsprop", _) => Map(before, Map(g, get($"s_{p}_next"), (gi, sq) => Optimizer<double>.Scaled(gi, sq, train.Epsilon)), (v, x) => Momentum<double>.Velocity(train.Momentum, v, x)),
            _ => Map(before, g, Adagrad<double>.Sum),
        };
    }

    /// <summary>θ_next = θ − η·(the optimizer's direction), by the optimizers' own element rules.</summary>
    private Matrix<double> Update(string p, Func<string, Matrix<double>> get)
    {
        var inputs = UpdateInputs(p);
        var start = get(inputs[0]);
        double eta = get("eta")[0, 0];
        Matrix<double> direction = train.Optimizer switch
        {
            "momentum" => get($"v_{p}_next"),
            "nesterov" => Map(get(Gradient(p)), get($"v_{p}_next"), (g, v) => Momentum<double>.Direction(train.Momentum, v, g, nesterov: true)),
            "adam" or "adamw" => Map(get($"mhat_{p}"), get($"vhat_{p}"), (m, v) => Optimizer<double>.Scaled(m, v, train.Epsilon)),
            "rmsprop" when train.Momentum > 0 => get($"v_{p}_next"),
            "rmsprop" or "adagrad" => Map(get(Gradient(p)), get($"s_{p}_next"), (g, sq) => Optimizer<double>.Scaled(g, sq, train.Epsilon)),
            _ => get(Gradient(p)),
        };
        return Map(start, direction, (w, d) => Optimizer<double>.Descend(w, eta, d));
    }

    private static Matrix<double> Map(Matrix<double> a, Func<double, double> f)
    {
        var r = new Matrix<double>(a.Rows, a.Cols);
        for (int i = 0; i < r.Length; i++)
        {
            r.Span[i] = f(a.Span[i]);
        }

        return r;
    }

    private static Matrix<double> Map(Matrix<double> a, Matrix<double> b, Func<double, double, double> f)
    {
        var r = new Matrix<double>(a.Rows, a.Cols);
        for (int i = 0; i < r.Length; i++)
        {
            r.Span[i] = f(a.Span[i], b.Span[i]);
        }

        return r;
    }

    private static string Before(int l) => l == 1 ? "X" : $"A{l - 1}";

    private static Matrix<double> Scalar(double value) => Matrix<double>.FromRows([[value]]);
}
