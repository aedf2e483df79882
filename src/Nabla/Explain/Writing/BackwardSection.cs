using Nabla.Explain.Documents;
using Nabla.Losses;
using Nabla.Tensors;
using static Nabla.Explain.Writing.Notation;

namespace Nabla.Explain.Writing;

/// <summary>
/// Backpropagation, layer by layer from the output down, as upstream gradient × local gradient:
/// dA, f′(Z) (or the softmax Jacobian), dZ = δ, dW = Aᵀ·dZ, db, and dA of the layer below (dX).
/// </summary>
internal static class BackwardSection
{
    public static void Write(List<Block> blocks, Explanation e, StepTrace s, Notation n, bool detailed)
    {
        blocks.Add(new Heading(3, "Backward pass"));
        int last = e.Layers.Count;
        for (int l = last; l >= 1; l--)
        {
            var layer = e.Layers[l - 1];
            blocks.Add(new Heading(4, $"Layer {l} (dA{l}, dZ{l}, dW{l}{(layer.HasBias ? $", db{l}" : "")}, {(l == 1 ? "dX" : $"dA{l - 1}")})"));
            Upstream(blocks, e, s, n, l);
            Local(blocks, s, n, layer, detailed);
            Delta(blocks, e, s, n, layer, detailed);
            Parameters(blocks, s, n, layer, detailed);
            Downstream(blocks, s, n, layer, detailed);
        }
    }

    /// <summary>dA_l: from the loss for the output layer, from the layer above otherwise.</summary>
    private static void Upstream(List<Block> blocks, Explanation e, StepTrace s, Notation n, int l)
    {
        var dA = s[$"dA{l}"];
        if (l == e.Layers.Count)
        {
            int normalizer = e.Loss.Normalizer(dA.Rows, dA.Cols);
            blocks.Add(Para(T("Upstream gradient: the loss's derivative with respect to the output ŷ = "), M(Big("A", l)), T(":")));
            blocks.Add(new DisplayMath(LossSection.Gradient(e.LossName, e.Reduction, normalizer),
                Chain("=", Partial(new Symbol("L"), Big("A", l)), n.Show(dA))));
        }
        else
        {
            blocks.Add(Para(T("Upstream gradient: what layer " + (l + 1) + " handed down, "), M(Seq(Partial(new Symbol("L"), Big("A", l)), Op("="), Big("dZ", l + 1), Op("·"), new Scripts(Big("W", l + 1), null, Op("ᵀ")))), T(":")));
            blocks.Add(new DisplayMath(Chain("=", Big("dA", l), n.Show(dA))));
        }
    }

    /// <summary>The local gradient ∂A/∂Z: f′(Z) element by element, or the softmax Jacobian per example.</summary>
    private static void Local(List<Block> blocks, StepTrace s, Notation n, LayerInfo layer, bool detailed)
    {
        int l = layer.Number;
        blocks.Add(Para(T("Local gradient of the activation: "), M(ActivationText.Derivative(layer))));
        if (s.Jacobians.TryGetValue(l, out var jacobians))
        {
            if (detailed)
            {
                var lines = jacobians.Select((j, k) => Chain("=", new Symbol("J", $"{k + 1}"), Notation.Plain(j))).ToArray();
                blocks.Add(Para(T("One Jacobian per example (row i, column j holds ∂aⱼ/∂zᵢ):")));
                blocks.Add(new DisplayMath(lines));
            }

            return;
        }

        MathNode local = Seq(Text(ActivationText.Symbol(layer.Activation) + "′"), new Fenced(Big("Z", l)));
        if (s.Has($"M{l}"))
        {
            blocks.Add(Para(T($"After dropout A{l} = f(Z{l}) ⊙ M{l}, so its local gradient is f′(Z{l}) ⊙ M{l}: a dropped unit passes no gradient back, a kept one 1/(1 − p) times f′.")));
            local = Seq(local, Op("⊙"), Big("M", l));
        }

        blocks.Add(new DisplayMath(Chain("=", local, n.Show(s[$"dAdZ{l}"]))));
    }

    /// <summary>dZ = δ = dA ⊙ f′(Z) (or J·dA), each element as upstream × local, and the known simplification.</summary>
    private static void Delta(List<Block> blocks, Explanation e, StepTrace s, Notation n, LayerInfo layer, bool detailed)
    {
        int l = layer.Number;
        var dA = s[$"dA{l}"];
        var dZ = s[$"dZ{l}"];
        bool softmax = s.Jacobians.TryGetValue(l, out var jacobians);
        blocks.Add(Para(T("Chain rule: "), M(Seq(new Symbol("δ", null, $"({l})"), Op("="), Partial(new Symbol("L"), Big("Z", l)), Op("="),
            softmax ? Seq(new Symbol("J"), Op("·"), Partial(new Symbol("L"), Big("A", l)))
                    : s.Has($"M{l}")
                        ? Seq(Partial(new Symbol("L"), Big("A", l)), Op("⊙"), Text(ActivationText.Symbol(layer.Activation) + "′"), new Fenced(Big("Z", l)), Op("⊙"), Big("M", l))
                        : Seq(Partial(new Symbol("L"), Big("A", l)), Op("⊙"), Text(ActivationText.Symbol(layer.Activation) + "′"), new Fenced(Big("Z", l))))),
            T(softmax ? " (the full Jacobian, off-diagonal terms included)" : " (upstream × local, element by element)")));
        if (detailed)
        {
            var lines = new List<MathNode>();
            for (int k = 0; k < dZ.Rows; k++)
            {
                for (int j = 0; j < dZ.Cols; j++)
                {
                    var delta = Layer("δ", l, dZ.Rows > 1 ? $"{k + 1},{j + 1}" : $"{j + 1}");
                    if (softmax)
                    {
                        var sum = new List<MathNode>();
                        for (int i = 0; i < dZ.Cols; i++)
                        {
                            if (i > 0)
                            {
                                sum.Add(Op("+"));
                            }

                            sum.Add(Seq(i == 0 ? Num(jacobians![k][j, i]) : Term(jacobians![k][j, i]), Op("·"), Term(dA[k, i])));
                        }

                        lines.Add(Chain("=", delta, new Row(sum), Num(dZ[k, j])));
                    }
                    else
                    {
                        lines.Add(Chain("=", delta, Seq(Num(dA[k, j]), Op("·"), Term(s[$"dAdZ{l}"][k, j])), Num(dZ[k, j])));
                    }
                }
            }

            blocks.Add(new DisplayMath(lines));
        }

        blocks.Add(new DisplayMath(Chain("=", Big("dZ", l), n.Show(dZ))));
        if (l == e.Layers.Count && Simplification(e) is { } simple)
        {
            blocks.Add(Para(T(simple.Text), M(simple.Math), T(". The same numbers, with fewer steps (training takes this shortcut)" + (s.Fused ? "." : "; this step used the general product."))));
        }
    }

    /// <summary>sigmoid + bce ⇒ δ = (ŷ − y)/N; softmax + cce ⇒ δ = (p − y)/m.</summary>
    private static (string Text, MathNode Math)? Simplification(Explanation e)
    {
        var diff = new Fenced(Seq(new Symbol("ŷ"), Op("−"), new Symbol("y")));
        MathNode Scaled(string n) => e.Reduction == Reduction.Mean ? new Fraction(diff, new Symbol(n)) : diff;
        return (e.Output.Activation, e.LossName) switch
        {
            ("sigmoid", "bce") => ("Simplification for sigmoid with binary cross-entropy: σ′ cancels the loss's denominator ŷ(1 − ŷ), so ", Seq(new Symbol("δ"), Op("="), Scaled("N"))),
            ("softmax", "cce") => ("Simplification for softmax with categorical cross-entropy: the Jacobian product collapses to ", Seq(new Symbol("δ"), Op("="), Scaled("m"))),
            _ => null,
        };
    }

    /// <summary>dW = A_{l−1}ᵀ·dZ (every ∂L/∂w with numbers when the network is small) and db = Σ_rows dZ.</summary>
    private static void Parameters(List<Block> blocks, StepTrace s, Notation n, LayerInfo layer, bool detailed)
    {
        int l = layer.Number;
        var input = l == 1 ? s["X"] : s[$"A{l - 1}"];
        var dZ = s[$"dZ{l}"];
        var inputName = l == 1 ? Big("X") : Big("A", l - 1);
        var weight = Layer("w", l, n.ByUnit ? "ji" : "ij");
        var inputK = l == 1 ? new Symbol("x", "k,i") : Layer("a", l - 1, "k,i");
        var rule = Seq(Partial(new Symbol("L"), weight), Op("="), new Scripts(Op("Σ"), new Symbol("k"), null), Layer("δ", l, "k,j"), Op("·"), inputK);
        blocks.Add(Para(T("Weight gradients: "), M(rule), T(" (the upstream δ times the local gradient ∂z/∂w, which is the unit's input):")));
        if (detailed)
        {
            var lines = new List<MathNode>();
            for (int i = 0; i < layer.Inputs; i++)
            {
                for (int j = 0; j < layer.Units; j++)
                {
                    var sum = new List<MathNode>();
                    for (int k = 0; k < dZ.Rows; k++)
                    {
                        if (k > 0)
                        {
                            sum.Add(Op("+"));
                        }

                        sum.Add(Seq(k == 0 ? Num(dZ[k, j]) : Term(dZ[k, j]), Op("·"), Term(input[k, i])));
                    }

                    var w = Layer("w", l, n.WeightIndex(i + 1, j + 1));
                    if (dZ.Rows == 1 && s.TryGet($"dAdZ{l}", out var local))
                    {
                        // One example: the whole chain, ∂L/∂a · ∂a/∂z · ∂z/∂w, with numbers.
                        var a = Layer("a", l, $"{j + 1}");
                        var z = Layer("z", l, $"{j + 1}");
                        var chain = Seq(Partial(new Symbol("L"), a), Op("·"), Partial(a, z), Op("·"), Partial(z, w));
                        var product = Seq(Num(s[$"dA{l}"][0, j]), Op("·"), Term(local[0, j]), Op("·"), Term(input[0, i]));
                        lines.Add(Chain("=", Partial(new Symbol("L"), w), chain, product, Num(s[$"dW{l}"][i, j])));
                        continue;
                    }

                    lines.Add(Chain("=", Partial(new Symbol("L"), w), new Row(sum), Num(s[$"dW{l}"][i, j])));
                }
            }

            blocks.Add(new DisplayMath(lines));
        }

        var formula = n.ByUnit ? Seq(Big("dZ", l), Op("·"), new Scripts(inputName, null, Op("ᵀ"))) : Seq(new Scripts(inputName, null, Op("ᵀ")), Op("·"), Big("dZ", l));
        var numbers = n.ByUnit ? Seq(n.Show(dZ), Notation.Plain(input)) : Seq(Notation.Transposed(input), Notation.Plain(dZ));
        var lines2 = new List<MathNode> { Chain("=", Big("dW", l), formula, numbers, n.Show(s[$"dW{l}"])) };
        if (s.TryGet($"db{l}", out var db))
        {
            lines2.Add(Chain("=", Big("db", l), Seq(new Scripts(Op("Σ"), new Symbol("k"), null), Layer("δ", l, "k")), n.Show(db)));
        }

        blocks.Add(new DisplayMath(lines2));
    }

    /// <summary>dA_{l−1} = dZ·Wᵀ, the gradient handed to the layer below (dX for the first layer).</summary>
    private static void Downstream(List<Block> blocks, StepTrace s, Notation n, LayerInfo layer, bool detailed)
    {
        int l = layer.Number;
        var dZ = s[$"dZ{l}"];
        var w = s[$"W{l}"];
        var result = l == 1 ? s["dX"] : s[$"dA{l - 1}"];
        blocks.Add(Para(T(l == 1 ? "Gradient with respect to the inputs (dX), by the same chain rule:" : $"Handed down to layer {l - 1}:")));
        if (detailed)
        {
            var lines = new List<MathNode>();
            for (int k = 0; k < dZ.Rows; k++)
            {
                for (int i = 0; i < layer.Inputs; i++)
                {
                    var sum = new List<MathNode>();
                    for (int j = 0; j < layer.Units; j++)
                    {
                        if (j > 0)
                        {
                            sum.Add(Op("+"));
                        }

                        sum.Add(Seq(j == 0 ? Num(dZ[k, j]) : Term(dZ[k, j]), Op("·"), Term(w[i, j])));
                    }

                    var target = l == 1 ? new Symbol("x", dZ.Rows > 1 ? $"{k + 1},{i + 1}" : $"{i + 1}") : Layer("a", l - 1, dZ.Rows > 1 ? $"{k + 1},{i + 1}" : $"{i + 1}");
                    lines.Add(Chain("=", Partial(new Symbol("L"), target), new Row(sum), Num(result[k, i])));
                }
            }

            blocks.Add(new DisplayMath(lines));
        }

        var formula = n.ByUnit ? Seq(new Scripts(Big("W", l), null, Op("ᵀ")), Op("·"), Big("dZ", l)) : Seq(Big("dZ", l), Op("·"), new Scripts(Big("W", l), null, Op("ᵀ")));
        blocks.Add(new DisplayMath(Chain("=", l == 1 ? Big("dX") : Big("dA", l - 1), formula, n.Show(result))));
    }
}
