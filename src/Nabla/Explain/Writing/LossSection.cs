using Nabla.Explain.Documents;
using Nabla.Losses;
using static Nabla.Explain.Writing.Notation;

namespace Nabla.Explain.Writing;

/// <summary>The loss: its formula for the chosen convention, every term with numbers, its value; and ∂L/∂ŷ.</summary>
public static class LossSection
{
    private const int MaxTermsWritten = 8;

    internal static void Write(List<Block> blocks, Explanation e, StepTrace s)
    {
        var yHat = s[$"A{e.Layers.Count}"];
        var y = s["Y"];
        int m = y.Rows, k = y.Cols;
        int n = e.Loss.Normalizer(m, k);
        bool half = e.LossName is "half_mse" or "half_sse";

        blocks.Add(new Heading(3, "Loss"));
        blocks.Add(Para(T($"{Describe(e.LossName, e.Reduction)} over m = {m} {(m == 1 ? "example" : "examples")} and {k} {(k == 1 ? "output" : "outputs")}, so N = {n}:")));

        var terms = new List<MathNode>();
        for (int i = 0; i < yHat.Length && yHat.Length <= MaxTermsWritten; i++)
        {
            if (i > 0)
            {
                terms.Add(Op("+"));
            }

            terms.Add(Term(e.LossName, yHat.Span[i], y.Span[i]));
        }

        var sumSymbol = new Scripts(Op("Σ"), null, null);
        var coefficient = Coefficient(e.LossName, e.Reduction, half, n, m);
        var lines = new List<MathNode>
        {
            Chain("=", new Symbol("L"), coefficient is null ? Seq(sumSymbol, SymbolicTerm(e.LossName)) : Seq(coefficient, sumSymbol, SymbolicTerm(e.LossName))),
        };
        // S (loss_sum) is the sum of the per-term losses: Σ (ŷ − y)², or −Σ [y log ŷ + …] for cross-entropy
        bool crossEntropy = e.LossName is "bce" or "cce";
        var sum = new Symbol("S");
        MathNode sumOfTerms = crossEntropy ? Seq(Op("−"), sumSymbol, SymbolicTerm(e.LossName)) : Seq(sumSymbol, SymbolicTerm(e.LossName));
        MathNode written = crossEntropy ? Seq(Op("−"), new Fenced(new Row(terms), "[", "]")) : new Row(terms);
        lines.Add(terms.Count > 0 ? Chain("=", sum, sumOfTerms, written, Num(s.Scalar("loss_sum"))) : Chain("=", sum, sumOfTerms, Num(s.Scalar("loss_sum"))));
        var positive = Coefficient(e.LossName, e.Reduction, half, n, m, withMinus: false);
        lines.Add(positive is null
            ? Chain("=", new Symbol("L"), sum, Num(s.Scalar("loss")))
            : Chain("=", new Symbol("L"), Seq(positive, Op("·"), sum), Seq(positive, Op("·"), Num(s.Scalar("loss_sum"))), Num(s.Scalar("loss"))));
        blocks.Add(new DisplayMath(lines));
        blocks.Add(Para(T("In the trace: loss_sum is S, the plain sum of the terms; loss is L.")));
    }

    /// <summary>Its derivative with respect to the network's output, dA_L = ∂L/∂ŷ, written per element.</summary>
    public static MathNode Gradient(string loss, Reduction reduction, int n)
    {
        var yHat = new Symbol("ŷ");
        var y = new Symbol("y");
        var lhs = Partial(new Symbol("L"), yHat);
        MathNode scale = reduction == Reduction.Mean ? new Fraction(Num(1), Num(n)) : Num(1);
        return loss switch
        {
            "mse" or "sse" => Chain("=", lhs, Seq(reduction == Reduction.Mean ? new Fraction(Num(2), Num(n)) : Num(2), new Fenced(Seq(yHat, Op("−"), y)))),
            "half_mse" or "half_sse" => Chain("=", lhs, Seq(scale, new Fenced(Seq(yHat, Op("−"), y)))),
            "bce" => Chain("=", lhs, Seq(scale, new Fraction(Seq(yHat, Op("−"), y), Seq(yHat, new Fenced(Seq(Num(1), Op("−"), yHat)))))),
            "mae" => Chain("=", lhs, Seq(scale, Text("sign"), new Fenced(Seq(yHat, Op("−"), y)))),
            "huber" => Chain("=", lhs, Seq(scale, Text("clamp"), new Fenced(Seq(yHat, Op("−"), y, Op(","), Op("−"), new Symbol("δ"), Op(","), new Symbol("δ"))))),
            _ => Chain("=", lhs, Seq(Op("−"), scale, new Fraction(y, yHat))),
        };
    }

    private static string Describe(string loss, Reduction reduction) => (loss, reduction) switch
    {
        ("mse", _) => "Mean squared error",
        ("half_mse", _) => "Half the mean squared error",
        ("sse", _) => "Sum of squared errors",
        ("half_sse", _) => "Half the sum of squared errors",
        ("bce", Reduction.Mean) => "Binary cross-entropy, averaged over every output of every example",
        ("bce", _) => "Binary cross-entropy, summed",
        ("cce", Reduction.Mean) => "Categorical cross-entropy, averaged over the examples",
        ("mae", Reduction.Mean) => "Mean absolute error",
        ("mae", _) => "Sum of absolute errors",
        ("huber", Reduction.Mean) => "Huber loss (h(e) = ½e² where |e| ≤ δ, δ(|e| − ½δ) beyond), averaged",
        ("huber", _) => "Huber loss (h(e) = ½e² where |e| ≤ δ, δ(|e| − ½δ) beyond), summed",
        _ => "Categorical cross-entropy, summed",
    };

    /// <summary>The factor in front of the sum (½, 1/N, 1/2N), with the cross-entropies' minus; null when it is 1.</summary>
    private static MathNode? Coefficient(string loss, Reduction reduction, bool half, int n, int m, bool withMinus = true)
    {
        bool mean = reduction == Reduction.Mean;
        bool minus = withMinus && loss is "bce" or "cce";
        MathNode? c = (half, mean) switch
        {
            (true, true) => new Fraction(Num(1), Seq(Num(2), Op("·"), Num(n))),
            (true, false) => new Fraction(Num(1), Num(2)),
            (false, true) => new Fraction(Num(1), Num(loss == "cce" ? m : n)),
            _ => null,
        };
        return (minus, c) switch
        {
            (true, null) => Op("−"),
            (true, _) => Seq(Op("−"), c),
            _ => c,
        };
    }

    private static MathNode SymbolicTerm(string loss) => loss switch
    {
        "bce" => new Fenced(Seq(new Symbol("y"), Text("log"), new Symbol("ŷ"), Op("+"), new Fenced(Seq(Num(1), Op("−"), new Symbol("y"))),
            Text("log"), new Fenced(Seq(Num(1), Op("−"), new Symbol("ŷ")))), "[", "]"),
        "cce" => Seq(new Symbol("y"), Text("log"), new Symbol("ŷ")),
        "mae" => new Fenced(Seq(new Symbol("ŷ"), Op("−"), new Symbol("y")), "|", "|"),
        "huber" => Seq(Text("h"), new Fenced(Seq(new Symbol("ŷ"), Op("−"), new Symbol("y")))),
        _ => new Scripts(new Fenced(Seq(new Symbol("ŷ"), Op("−"), new Symbol("y"))), null, Num(2)),
    };

    private static MathNode Term(string loss, double p, double y) => loss switch
    {
        "bce" => new Fenced(Seq(Num(y), Op("·"), Text("log"), Num(p), Op("+"), Num(1 - y), Op("·"), Text("log"), Num(1 - p)), "[", "]"),
        "cce" => Seq(Num(y), Op("·"), Text("log"), Num(p)),
        "mae" => new Fenced(Seq(Num(p), Op("−"), Notation.Term(y)), "|", "|"),
        "huber" => Seq(Text("h"), new Fenced(Seq(Num(p), Op("−"), Notation.Term(y)))),
        _ => new Scripts(new Fenced(Seq(Num(p), Op("−"), Notation.Term(y))), null, Num(2)),
    };
}
