using System.Globalization;
using Nabla.Explain.Documents;
using Nabla.Specs;
using Nabla.Tensors;
using Nabla.Training;
using static Nabla.Explain.Writing.Notation;

namespace Nabla.Explain.Writing;

/// <summary>
/// The update by any optimizer but plain SGD, with the numbers of the step: the scheduled η, the clipping norm and
/// factor, the weight-decay term, then each rule of the optimizer (velocity, moments and their bias correction, the
/// running squares) for every parameter — the rule in symbols, with the step's numbers, and the result the trainer got.
/// </summary>
internal static class OptimizerSection
{
    private static readonly Symbol Eta = new("η");
    private static readonly Symbol Lambda = new("λ");
    private static readonly Symbol Rho = new("ρ");

    /// <summary>The 10⁻⁶ clipping adds to ‖g‖ before dividing.</summary>
    private static readonly Scripts Guard = new(Text("10"), null, Text("−6"));

    public static void Write(List<Block> blocks, Explanation e, StepTrace s, Notation n, bool detailed)
    {
        var t = e.Spec.Train;
        double eta = s.Scalar("eta");
        bool decoupled = t.Optimizer == "adamw" && t.WeightDecay != 0;
        bool coupled = t.WeightDecay != 0 && !decoupled;
        var rules = OptimizerRules.For(t, eta, s.Step, decoupled);

        blocks.Add(Para(T(OptimizerRules.Describe(t) + " For each parameter θ with gradient g (squares, roots and divisions taken element by element):")));
        var general = new List<MathNode>();
        if (decoupled)
        {
            general.Add(Seq(new Symbol("θ"), Op("←"), new Symbol("θ"), Op("·"), new Fenced(Seq(Num(1), Op("−"), Eta, Op("·"), Lambda))));
        }

        general.AddRange(rules.Select(r => Seq(Generic(r.Target), Op(r.Assigns ? "←" : "="), r.Right(new SymbolDraw(Generic)))));
        blocks.Add(new DisplayMath(general));
        blocks.Add(Para(T("with "), M(Constants(t, eta)), T(t.Optimizer is "adam" or "adamw" ? $", and t = {s.Step}, the number of this step. The bias corrections:" : ".")));
        if (t.Optimizer is "adam" or "adamw")
        {
            var tt = new Symbol("t");
            MathNode Correction(string b, double beta) => Chain("=",
                Seq(Num(1), Op("−"), new Scripts(new Symbol("β", b), null, tt)),
                Seq(Num(1), Op("−"), new Scripts(Num(beta), null, Text(s.Step.ToString(CultureInfo.InvariantCulture)))),
                Num(Optimizers.Adam<double>.BiasCorrection(beta, s.Step)));
            blocks.Add(new DisplayMath(Correction("1", t.Beta1), Correction("2", t.Beta2)));
        }

        Rate(blocks, e, s, eta);
        Clipping(blocks, e, s);
        if (coupled)
        {
            blocks.Add(Para(T("Weight decay (L2) adds "), M(Seq(Lambda, Op("·"), new Symbol("θ"))), T(" to each gradient" + (t.DecayBias ? "" : " of a weight (the biases are not decayed)") + " before the rule: "),
                M(s.Has("clip_factor") ? Seq(new Symbol("g"), Op("="), Rho, Op("·"), new Symbol("dθ"), Op("+"), Lambda, Op("·"), new Symbol("θ")) : Seq(new Symbol("g"), Op("="), new Symbol("dθ"), Op("+"), Lambda, Op("·"), new Symbol("θ"))), T(".")));
        }
        else if (decoupled)
        {
            blocks.Add(Para(T("AdamW's weight decay is decoupled: it shrinks each " + (t.DecayBias ? "parameter" : "weight (not the biases)") + " by the factor "),
                M(Seq(Num(1), Op("−"), Eta, Op("·"), Lambda, Op("="), Num(1), Op("−"), Num(eta), Op("·"), Num(t.WeightDecay), Op("="), Num(1 - (eta * t.WeightDecay)))),
                T(" before the rule, outside the moments.")));
        }

        foreach (var layer in e.Layers)
        {
            foreach (string p in Parameters(e, layer))
            {
                if (Trains(e, layer, p))
                {
                    Parameter(blocks, e, s, n, detailed, rules, p);
                }
                else
                {
                    blocks.Add(Para(T($"{(p[0] == 'W' ? "The weights" : "The biases")} of layer {layer.Number} are frozen: they stay as they are.")));
                }
            }
        }
    }

    /// <summary>W{l} and b{l} where the layer has a bias.</summary>
    private static string[] Parameters(Explanation e, LayerInfo layer) =>
        layer.HasBias ? [$"W{layer.Number}", $"b{layer.Number}"] : [$"W{layer.Number}"];

    /// <summary>Whether training moves parameter <paramref name="p"/> of <paramref name="layer"/>.</summary>
    private static bool Trains(Explanation e, LayerInfo layer, string p) =>
        p[0] == 'W' ? e.Spec.Layers[layer.Number - 1].Trainable : e.Spec.Layers[layer.Number - 1].TrainBias;

    /// <summary>The constants the rules use, e.g. η = 0.1, β₁ = 0.9, β₂ = 0.999, ε = 1e-08, t = 1.</summary>
    private static MathNode Constants(TrainSpec t, double eta)
    {
        var parts = new List<(MathNode Symbol, MathNode Value)> { (Eta, Num(eta)) };
        switch (t.Optimizer)
        {
            case "momentum" or "nesterov":
                parts.Add((new Symbol("μ"), Num(t.Momentum)));
                break;
            case "adam" or "adamw":
                parts.Add((new Symbol("β", "1"), Num(t.Beta1)));
                parts.Add((new Symbol("β", "2"), Num(t.Beta2)));
                parts.Add((new Symbol("ε"), Num(t.Epsilon)));
                break;
            case "rmsprop":
                parts.Add((new Symbol("α"), Num(t.Alpha)));
                parts.Add((new Symbol("ε"), Num(t.Epsilon)));
                if (t.Momentum > 0)
                {
                    parts.Add((new Symbol("μ"), Num(t.Momentum)));
                }

                break;
            case "adagrad":
                parts.Add((new Symbol("ε"), Num(t.Epsilon)));
                break;
        }

        if (t.WeightDecay != 0)
        {
            parts.Add((Lambda, Num(t.WeightDecay)));
        }

        var items = new List<MathNode>();
        foreach (var (symbol, value) in parts)
        {
            if (items.Count > 0)
            {
                items.Add(Op(","));
            }

            items.AddRange([symbol, Op("="), value]);
        }

        return new Row(items);
    }

    /// <summary>η of this step: under a schedule, its formula at this step's epoch.</summary>
    private static void Rate(List<Block> blocks, Explanation e, StepTrace s, double eta)
    {
        if (e.Spec.Train.Schedule is not { } schedule)
        {
            return;
        }

        double baseRate = e.LearningRate;
        blocks.Add(Para(T($"The learning rate follows a schedule ({schedule.Describe()}), set once per epoch e (counted from 0) from the base rate "),
            M(Seq(new Symbol("η", "0"), Op("="), Num(baseRate))), T($". Step {s.Step} is in epoch e = {s.Epoch}:")));
        blocks.Add(new DisplayMath(ScheduleLines(schedule, baseRate, s.Epoch, eta).ToList()));
    }

    private static IEnumerable<MathNode> ScheduleLines(LearningRateSchedule schedule, double baseRate, int epoch, double eta)
    {
        var e0 = new Symbol("η", "0");
        var ep = new Symbol("e");
        switch (schedule)
        {
            case StepDecay d:
                yield return Chain("=", Seq(Eta, Op("="), e0, Op("·"), new Scripts(new Symbol("γ"), null, Seq(Op("⌊"), ep, Op("/"), new Symbol("k"), Op("⌋")))),
                    Seq(Num(baseRate), Op("·"), new Scripts(Num(d.Gamma), null, Seq(Op("⌊"), Num(epoch), Op("/"), Num(d.StepSize), Op("⌋")))), Num(eta));
                break;
            case ExponentialDecay d:
                yield return Chain("=", Seq(Eta, Op("="), e0, Op("·"), new Scripts(new Symbol("γ"), null, ep)),
                    Seq(Num(baseRate), Op("·"), new Scripts(Num(d.Gamma), null, Num(epoch))), Num(eta));
                break;
            case CosineAnnealing d:
                var min = new Symbol("η", "min");
                yield return Chain("=",
                    Seq(Eta, Op("="), min, Op("+"), new Fenced(Seq(e0, Op("−"), min)), Op("·"), new Fenced(Seq(Num(1), Op("+"), Text("cos"), new Fenced(Seq(Text("π"), Op("·"), ep, Op("/"), new Symbol("T"))))), Op("/"), Num(2)),
                    Seq(Num(d.EtaMin), Op("+"), new Fenced(Seq(Num(baseRate), Op("−"), Num(d.EtaMin))), Op("·"), new Fenced(Seq(Num(1), Op("+"), Text("cos"), new Fenced(Seq(Text("π"), Op("·"), Num(epoch), Op("/"), Num(d.TMax))))), Op("/"), Num(2)),
                    Num(eta));
                break;
            case Warmup w when epoch < w.Epochs:
                yield return Chain("=", Seq(Eta, Op("="), e0, Op("·"), new Fenced(Seq(ep, Op("+"), Num(1))), Op("/"), new Symbol("w")),
                    Seq(Num(baseRate), Op("·"), new Fenced(Seq(Num(epoch), Op("+"), Num(1))), Op("/"), Num(w.Epochs)), Num(eta));
                break;
            case Warmup { Then: { } then } w:
                foreach (var line in ScheduleLines(then, baseRate, epoch - w.Epochs, eta))
                {
                    yield return line; // (the warm-up is over: the schedule after it, at epoch e − w)
                }

                break;
            default:
                yield return Chain("=", Eta, e0, Num(eta));
                break;
        }
    }

    /// <summary>Global-norm clipping: ‖g‖ over every gradient, the factor ρ = min(1, c/(‖g‖ + 10⁻⁶)), and what it did.</summary>
    private static void Clipping(List<Block> blocks, Explanation e, StepTrace s)
    {
        if (!s.TryGet("clip_factor", out var factor))
        {
            return;
        }

        double c = e.Spec.Train.ClipNorm;
        double norm = s.Scalar("grad_norm");
        var squares = new List<MathNode>();
        var numbers = new List<MathNode>();
        foreach (var layer in e.Layers)
        {
            foreach (string g in Parameters(e, layer).Where(p => Trains(e, layer, p)).Select(p => "d" + p)) // (as clipping, leaving the frozen out)
            {
                if (squares.Count > 0)
                {
                    squares.Add(Op("+"));
                    numbers.Add(Op("+"));
                }

                squares.Add(new Scripts(new Fenced(Big(g[..2], layer.Number), "‖", "‖"), null, Text("2")));
                numbers.Add(Num(s[g].ToArray().Sum(x => x * x)));
            }
        }

        blocks.Add(Para(T("Gradient clipping by the global norm (c = "), M(Num(c)), T("): the length of all gradients together, and the factor every gradient is scaled by:")));
        var gNorm = new Fenced(new Symbol("g"), "‖", "‖");
        blocks.Add(new DisplayMath(
            Chain("=", Seq(gNorm, Op("="), Op("√"), new Fenced(new Row(squares))), Seq(Op("√"), new Fenced(new Row(numbers))), Num(norm)),
            Chain("=", Seq(Rho, Op("="), Text("min"), new Fenced(Seq(Num(1), Op(","), new Symbol("c"), Op("/"), new Fenced(Seq(gNorm, Op("+"), Guard))))),
                Seq(Text("min"), new Fenced(Seq(Num(1), Op(","), Num(c), Op("/"), new Fenced(Seq(Num(norm), Op("+"), Guard))))), Num(factor[0, 0]))));
        blocks.Add(Para(T(factor[0, 0] < 1
            ? "The gradients are longer than c, so each is multiplied by ρ before the rule (g = ρ·dθ): the direction stays, the length becomes c."
            : "The gradients are no longer than c, so they stay as they are (ρ = 1).")));
    }

    /// <summary>One parameter's update: the gradient it is given, the decoupled decay, and each rule, as matrices (and element by element when detailed).</summary>
    private static void Parameter(List<Block> blocks, Explanation e, StepTrace s, Notation n, bool detailed, IReadOnlyList<OptimizerRules.Rule> rules, string p)
    {
        var t = e.Spec.Train;
        string kind = p[..1];
        int l = int.Parse(p[1..], CultureInfo.InvariantCulture);
        var values = Keys(s, p);
        var lines = new List<MathNode>();
        var before = new List<OptimizerRules.Rule>();
        if (s.Has($"g_{p}"))
        {
            bool decays = t.WeightDecay != 0 && (kind == "W" || t.DecayBias);
            bool clips = s.Has("clip_factor");
            before.Add(new("g", false, d =>
            {
                var items = new List<MathNode>(); // (one row: nested rows would lose the spacing around their operators)
                if (clips)
                {
                    items.AddRange([d.C(Rho, s.Scalar("clip_factor")), Op("·")]);
                }

                items.Add(d.Q("dθ"));
                if (decays)
                {
                    items.AddRange([Op("+"), d.C(Lambda, t.WeightDecay), Op("·"), d.Q("θ")]);
                }

                return new Row(items);
            }));
        }

        if (s.Has($"decayed_{p}"))
        {
            before.Add(new("θd", true, d => Seq(d.Q("θ"), Op("·"), d.C(new Fenced(Seq(Num(1), Op("−"), Eta, Op("·"), Lambda)), 1 - (s.Scalar("eta") * t.WeightDecay)))));
        }

        var all = before.Concat(rules).ToList();
        if (detailed)
        {
            var v = values["θ"];
            for (int i = 0; i < v.Rows; i++)
            {
                for (int j = 0; j < v.Cols; j++)
                {
                    string index = kind == "W" ? n.WeightIndex(i + 1, j + 1) : $"{j + 1}";
                    MathNode Symbol(string key) => key == "dθ" ? new Symbol("d" + kind.ToLowerInvariant(), index, $"({l})") : OptimizerRules.ElementSymbol(key, kind, l, index);
                    var (r, c) = (i, j);
                    var draw = new NumberDraw(key => Term(values[key][r, c]), element: true);
                    lines.AddRange(all.Select(rule => Line(rule, Symbol, draw, Num(values[rule.Target][r, c]))));
                }
            }
        }

        MathNode MatrixSymbol(string key) => key == "dθ" ? Big("d" + kind, l) : OptimizerRules.MatrixSymbol(key, kind, l);
        var matrices = new NumberDraw(key => n.Show(values[key]), element: false);
        lines.AddRange(all.Select(rule => Line(rule, MatrixSymbol, matrices, n.Show(values[rule.Target]))));
        blocks.Add(Para(T($"{(kind == "W" ? "Weights" : "Biases")} of layer {l}:")));
        blocks.Add(new DisplayMath(lines));
    }

    /// <summary>target ← rule = rule with numbers = result.</summary>
    private static MathNode Line(OptimizerRules.Rule rule, Func<string, MathNode> symbol, NumberDraw numbers, MathNode result) =>
        Chain("=", Seq(symbol(rule.Target), Op(rule.Assigns ? "←" : "="), rule.Right(new SymbolDraw(symbol))), rule.Right(numbers), result);

    /// <summary>The step's values of parameter <paramref name="p"/> under the rules' keys.</summary>
    private static Dictionary<string, Matrix<double>> Keys(StepTrace s, string p)
    {
        var keys = new Dictionary<string, Matrix<double>>
        {
            ["θ"] = s[p],
            ["dθ"] = s[$"d{p}"],
            ["g"] = s.TryGet($"g_{p}", out var g) ? g : s[$"d{p}"],
            ["θd"] = s.TryGet($"decayed_{p}", out var decayed) ? decayed : s[p],
            ["θ_next"] = s[$"{p}_next"],
        };
        foreach (string name in s.Names)
        {
            if (name.EndsWith($"_{p}", StringComparison.Ordinal) || name.EndsWith($"_{p}_next", StringComparison.Ordinal))
            {
                string key = name.Replace($"_{p}", "", StringComparison.Ordinal); // v_W1 → v, v_W1_next → v_next
                keys.TryAdd(key, s[name]);
            }
        }

        return keys;
    }

    /// <summary>The rules for any parameter θ: θ, g, v, m̂ …</summary>
    private static MathNode Generic(string key) => key switch
    {
        "θ" or "θd" or "θ_next" => new Symbol("θ"),
        "dθ" => new Symbol("dθ"),
        _ => OptimizerRules.MatrixSymbol(key, "", 0) is Symbol sym ? new Symbol(sym.Name) : new Symbol(key),
    };

    private sealed class SymbolDraw(Func<string, MathNode> symbol) : OptimizerRules.IDraw
    {
        public Operator Times => Op("·");

        public Operator Over => Op("/");

        public MathNode Q(string key) => symbol(key);

        public MathNode C(MathNode symbol, double value) => symbol;

        public MathNode Square(MathNode x) => new Scripts(x, null, Text("2"));
    }

    private sealed class NumberDraw(Func<string, MathNode> value, bool element) : OptimizerRules.IDraw
    {
        public Operator Times => Op(element ? "·" : "⊙");

        public Operator Over => Op(element ? "/" : "⊘");

        public MathNode Q(string key) => value(key);

        public MathNode C(MathNode symbol, double constant) => Term(constant);

        public MathNode Square(MathNode x) => element ? new Scripts(x, null, Text("2")) : Seq(x, Op("⊙"), x);
    }
}
