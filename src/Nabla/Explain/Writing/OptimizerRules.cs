using Nabla.Explain.Documents;
using Nabla.Specs;
using static Nabla.Explain.Writing.Notation;

namespace Nabla.Explain.Writing;

/// <summary>
/// The update rules of each optimizer as the explanation writes them: one <see cref="Rule"/> per line, each building
/// its right-hand side once, drawn with symbols (v ← μ·v + g), with the step's numbers, or element by element.
/// Quantities are named by key: "θ" (the parameter before the step), "g" (the gradient the rule is given), "θd"
/// (after decoupled decay), a state "v", "m", "s" before the step and "v_next" … after it, "mhat", "vhat", "θ_next".
/// </summary>
internal static class OptimizerRules
{
    /// <summary>How a rule's right-hand side is drawn: quantities by key, constants by symbol and value.</summary>
    public interface IDraw
    {
        /// <summary>The quantity under <paramref name="key"/>: a symbol, a matrix or a number.</summary>
        MathNode Q(string key);

        /// <summary>A constant: its symbol, or its value.</summary>
        MathNode C(MathNode symbol, double value);

        /// <summary>Multiplication of two quantities element by element: ⊙ between matrices, · between numbers.</summary>
        Operator Times { get; }

        /// <summary>Division element by element: ⊘ between matrices, / between numbers.</summary>
        Operator Over { get; }

        /// <summary>x squared element by element: x ⊙ x, or x².</summary>
        MathNode Square(MathNode x);
    }

    /// <summary>One line of the update: <paramref name="Target"/> ← (or =) the right-hand side.</summary>
    public sealed record Rule(string Target, bool Assigns, Func<IDraw, MathNode> Right);

    /// <summary>The optimizer's own rules for one parameter, in the order they run (weight decay and clipping apart).</summary>
    public static IReadOnlyList<Rule> For(TrainSpec t, double eta, long step, bool decoupled)
    {
        var η = new Symbol("η");
        string theta = decoupled ? "θd" : "θ";
        MathNode Eta(IDraw d) => d.C(η, eta);
        MathNode Eps(IDraw d) => d.C(new Symbol("ε"), t.Epsilon);
        MathNode Root(IDraw d, string key) => new Fenced(Seq(Op("√"), d.Q(key), Op("+"), Eps(d)));
        Rule Move(Func<IDraw, MathNode> step) => new("θ_next", true, d => Seq(d.Q(theta), Op("−"), Eta(d), Op("·"), step(d)));
        switch (t.Optimizer)
        {
            case "momentum" or "nesterov":
                var mu = new Symbol("μ");
                return
                [
                    new("v_next", true, d => Seq(d.C(mu, t.Momentum), Op("·"), d.Q("v"), Op("+"), d.Q("g"))),
                    t.Optimizer == "nesterov"
                        ? Move(d => new Fenced(Seq(d.Q("g"), Op("+"), d.C(mu, t.Momentum), Op("·"), d.Q("v_next"))))
                        : Move(d => d.Q("v_next")),
                ];
            case "adam" or "adamw":
                var b1 = new Symbol("β", "1");
                var b2 = new Symbol("β", "2");
                double c1 = Optimizers.Adam<double>.BiasCorrection(t.Beta1, step);
                double c2 = Optimizers.Adam<double>.BiasCorrection(t.Beta2, step);
                var tt = new Symbol("t");
                return
                [
                    new("m_next", true, d => Seq(d.C(b1, t.Beta1), Op("·"), d.Q("m"), Op("+"), new Fenced(Seq(Num(1), Op("−"), d.C(b1, t.Beta1))), Op("·"), d.Q("g"))),
                    new("v_next", true, d => Seq(d.C(b2, t.Beta2), Op("·"), d.Q("v"), Op("+"), new Fenced(Seq(Num(1), Op("−"), d.C(b2, t.Beta2))), Op("·"), d.Square(d.Q("g")))),
                    new("mhat", false, d => Seq(d.Q("m_next"), d.Over, d.C(new Fenced(Seq(Num(1), Op("−"), new Scripts(b1, null, tt))), c1))),
                    new("vhat", false, d => Seq(d.Q("v_next"), d.Over, d.C(new Fenced(Seq(Num(1), Op("−"), new Scripts(b2, null, tt))), c2))),
                    Move(d => Seq(d.Q("mhat"), d.Over, Root(d, "vhat"))),
                ];
            case "rmsprop":
                var alpha = new Symbol("α");
                var rules = new List<Rule>
                {
                    new("s_next", true, d => Seq(d.C(alpha, t.Alpha), Op("·"), d.Q("s"), Op("+"), new Fenced(Seq(Num(1), Op("−"), d.C(alpha, t.Alpha))), Op("·"), d.Square(d.Q("g")))),
                };
                if (t.Momentum > 0)
                {
                    rules.Add(new("v_next", true, d => Seq(d.C(new Symbol("μ"), t.Momentum), Op("·"), d.Q("v"), Op("+"), d.Q("g"), d.Over, Root(d, "s_next"))));
                    rules.Add(Move(d => d.Q("v_next")));
                }
                else
                {
                    rules.Add(Move(d => Seq(d.Q("g"), d.Over, Root(d, "s_next"))));
                }

                return rules;
            case "adagrad":
                return
                [
                    new("s_next", true, d => Seq(d.Q("s"), Op("+"), d.Square(d.Q("g")))),
                    Move(d => Seq(d.Q("g"), d.Over, Root(d, "s_next"))),
                ];
            default:
                return [Move(d => d.Q("g"))];
        }
    }

    /// <summary>The rules in words, one sentence for the paragraph above them.</summary>
    public static string Describe(TrainSpec t) => t.Optimizer switch
    {
        "momentum" => "Momentum: each parameter keeps a velocity v (0 before the first step), the running sum of its gradients with older ones weighted down by μ, and moves against it.",
        "nesterov" => "Nesterov momentum: each parameter keeps a velocity v (0 before the first step) and moves against the gradient plus μ times the new velocity, a look ahead along the way it is going.",
        "adam" or "adamw" => "Adam: each parameter keeps a running mean m of its gradient and v of its square (both 0 before the first step); dividing by 1 − βᵗ corrects their pull towards 0 in the first steps (m̂, v̂), and the step is η·m̂/(√v̂ + ε), about η in size whatever the gradient's scale.",
        "rmsprop" => "RMSprop: each parameter keeps a running mean s of its squared gradient (0 before the first step) and divides its gradient by √s + ε, so that every parameter moves at a similar pace" + (t.Momentum > 0 ? "; a velocity v (with momentum μ) sums those scaled steps." : "."),
        "adagrad" => "Adagrad: each parameter keeps the sum s of its squared gradients so far (0 before the first step) and divides its gradient by √s + ε, so that its steps shrink as it learns.",
        _ => "Gradient descent: every parameter moves against its gradient.",
    };

    /// <summary>The symbol of a quantity of parameter kind <paramref name="kind"/> ("W" or "b") of layer <paramref name="l"/>, for a whole matrix.</summary>
    public static MathNode MatrixSymbol(string key, string kind, int l) => Base(key) switch
    {
        "θ" => Big(kind, l),
        "g" => new Symbol("g", kind, $"({l})"),
        string s => new Symbol(Letter(s), kind, $"({l})"),
    };

    /// <summary>The symbol of one element (<paramref name="index"/>, e.g. "12") of a quantity of parameter kind <paramref name="kind"/> of layer <paramref name="l"/>.</summary>
    public static MathNode ElementSymbol(string key, string kind, int l, string index) => Base(key) switch
    {
        "θ" => Layer(kind.ToLowerInvariant(), l, index),
        string s => new Symbol(Letter(s), kind.ToLowerInvariant() + index, $"({l})"),
    };

    /// <summary>The key without its "_next" or "d": the same symbol before and after an assignment.</summary>
    private static string Base(string key) => key switch
    {
        "θ" or "θd" or "θ_next" => "θ",
        _ when key.EndsWith("_next", StringComparison.Ordinal) => key[..^5],
        _ => key,
    };

    private static string Letter(string key) => key switch
    {
        "mhat" => "m\u0302",
        "vhat" => "v\u0302",
        _ => key,
    };
}
