using System.Globalization;
using Nabla.Explain.Documents;
using static Nabla.Explain.Writing.Notation;

namespace Nabla.Explain.Writing;

/// <summary>
/// Turns an <see cref="Explanation"/> into a worked solution, section by section: the network
/// and its symbols, then for every step the forward pass, the loss, the backward pass and the
/// update, and a gradient check at the end. Markdown, text and HTML render this one document.
/// </summary>
public static class ExplanationDocument
{
    /// <summary>Up to this many weights, every unit's equation and every ∂L/∂w is written out with numbers.</summary>
    public const int DetailedWeightLimit = 60;

    /// <summary>… and up to this many examples in a step's batch.</summary>
    public const int DetailedExampleLimit = 8;

    /// <summary>Whether a step is written unit by unit (few weights and examples) or as matrices only.</summary>
    public static bool Detailed(Explanation e, StepTrace step) =>
        e.WeightCount <= DetailedWeightLimit && step.Examples.Length <= DetailedExampleLimit;

    /// <summary>One pass of a step: the forward pass and the loss, or the backward pass and the update.</summary>
    public static void Pass(List<Block> blocks, Explanation e, StepTrace step, Notation n, bool forward)
    {
        bool detailed = Detailed(e, step);
        if (forward)
        {
            ForwardSection.Write(blocks, e, step, n, detailed);
            LossSection.Write(blocks, e, step);
        }
        else
        {
            BackwardSection.Write(blocks, e, step, n, detailed);
            UpdateSection.Write(blocks, e, step, n, detailed);
        }
    }

    /// <summary>
    /// The worked solution of <paramref name="e"/>: the network's diagram and symbols, each step's forward pass, loss,
    /// backward pass and update, and the gradient check. With <paramref name="byUnit"/> every matrix is written in the
    /// W·x layout (transposed: W is n_out × n_in); the values are the same.
    /// </summary>
    public static Document Build(Explanation e, bool byUnit = false)
    {
        var n = new Notation(byUnit);
        var blocks = new List<Block>();
        Network(blocks, e, n);
        foreach (var step in e.Steps)
        {
            bool detailed = Detailed(e, step);
            string examples = step.Examples.Length == 1 ? $"example {step.Examples[0] + 1}" : $"examples {string.Join(", ", step.Examples.Select(i => i + 1))}";
            blocks.Add(new Heading(2, $"Step {step.Step} ({examples})"));
            blocks.Add(new DisplayMath(Chain("=", Big("X"), n.Show(step["X"])), Chain("=", Big("Y"), n.Show(step["Y"]))));
            if (!detailed)
            {
                blocks.Add(Para(T($"The network has {e.WeightCount} weights (or the batch {step.Examples.Length} examples), more than can be read one by one, so this step is shown as matrices.")));
            }

            Pass(blocks, e, step, n, forward: true);
            Pass(blocks, e, step, n, forward: false);
        }

        GradientCheckTable(blocks, e);
        if (e.StopMessage is not null)
        {
            blocks.Add(Para(T(e.StopMessage)));
        }

        return new Document(e.Spec.Name ?? Path.GetFileNameWithoutExtension(e.Spec.File), blocks);
    }

    private static void Network(List<Block> blocks, Explanation e, Notation n)
    {
        blocks.Add(new Heading(2, "The network"));
        blocks.Add(NetworkDiagram.Draw(e));
        blocks.Add(Para(T(n.ByUnit
            ? "Layout: by unit (W·x). Each weight matrix has one row per unit, holding that unit's incoming weights (n_out × n_in); matrices of values have one row per unit and one column per example."
            : "Layout: examples are rows. Each weight matrix is n_in × n_out (row i holds the weights leaving input i), so a layer computes Z = X·W + b for the whole batch at once.")));

        var rows = new List<IReadOnlyList<IReadOnlyList<Inline>>>
        {
            SymbolRow(new Symbol("x", "i"), n.ByUnit ? "input i of an example (x is a column of X)" : "input i of an example (x is a row of X)"),
            SymbolRow(new Symbol("w", n.ByUnit ? "ji" : "ij", "(l)"), n.ByUnit ? "weight of layer l into unit j from input i" : "weight of layer l from input i to unit j"),
            SymbolRow(new Symbol("b", "j", "(l)"), "bias of unit j in layer l"),
            SymbolRow(new Symbol("z", "j", "(l)"), "pre-activation: the weighted sum plus bias (Z in the trace)"),
            SymbolRow(new Symbol("a", "j", "(l)"), "activation f(z) of unit j (A; the network's output is ŷ = A of the last layer)"),
            SymbolRow(new Symbol("L"), $"the loss, {e.LossFormula}"),
            SymbolRow(new Symbol("S"), "the plain sum of the per-term losses, before any factor (loss_sum in the trace)"),
            SymbolRow(new Symbol("δ", "j", "(l)"), "∂L/∂z of unit j, the error signal (dZ in the trace)"),
            SymbolRow(new Symbol("η"), $"the learning rate, {e.LearningRate.ToString(CultureInfo.InvariantCulture)}"),
            SymbolRow(new Symbol("m"), "the number of examples in the step's batch"),
            SymbolRow(new Symbol("δ", "k,j", "(l)"), "with two indices: example k, unit j (likewise x with indices k,i)"),
        };
        blocks.Add(new Table([[T("symbol")], [T("meaning")]], rows));

        blocks.Add(Para(T("Activations used:")));
        blocks.Add(new DisplayMath(e.Layers.DistinctBy(l => (l.Activation, l.Alpha)).Select(ActivationText.Definition).ToArray()));
    }

    private static IReadOnlyList<IReadOnlyList<Inline>> SymbolRow(MathNode symbol, string meaning) => [[M(symbol)], [T(meaning)]];

    private static void GradientCheckTable(List<Block> blocks, Explanation e)
    {
        blocks.Add(new Heading(2, "Gradient check"));
        blocks.Add(Para(T("Every gradient above, against a central difference of the loss, "),
            M(Seq(Partial(new Symbol("L"), new Symbol("θ")), Op("≈"), new Fraction(Seq(new Symbol("L"), new Fenced(Seq(new Symbol("θ"), Op("+"), new Symbol("h"))), Op("−"), new Symbol("L"), new Fenced(Seq(new Symbol("θ"), Op("−"), new Symbol("h")))), Seq(Num(2), new Symbol("h"))))),
            T(" (five-point stencil, h = 1e-4), at the weights the last step started from:")));
        var rows = new List<IReadOnlyList<IReadOnlyList<Inline>>>();
        foreach (var g in e.GradientCheck)
        {
            string name = g.Name == "X" ? "dX" : "d" + g.Name;
            for (int i = 0; i < g.Analytic.Length && i < 200; i++)
            {
                string index = g.Rows == 1 ? $"[{(i % g.Cols) + 1}]" : $"[{(i / g.Cols) + 1},{(i % g.Cols) + 1}]";
                double rel = Math.Abs(g.Analytic[i] - g.Numeric[i]) / Math.Max(Math.Max(Math.Abs(g.Analytic[i]), Math.Abs(g.Numeric[i])), Gradients.GradientCheck.Floor);
                rows.Add([[T(name + index)], [M(Num(g.Analytic[i]))], [M(Num(g.Numeric[i]))], [T(rel.ToString("0.0e+0", CultureInfo.InvariantCulture))]]);
            }
        }

        blocks.Add(new Table([[T("gradient")], [T("backpropagation")], [T("central difference")], [T("relative error")]], rows));
        double worst = Gradients.GradientCheck.MaxRelativeError(e.GradientCheck);
        blocks.Add(Para(T(worst < 1e-6
            ? $"Largest relative error {worst.ToString("0.0e+0", CultureInfo.InvariantCulture)}: backpropagation agrees with the numerical derivative."
            : $"Largest relative error {worst.ToString("0.0e+0", CultureInfo.InvariantCulture)}: some gradients disagree with the numerical derivative (a kink such as ReLU at 0 can cause this).")));
    }
}
