using Nabla.Explain.Documents;
using Nabla.Tensors;
using static Nabla.Explain.Writing.Notation;

namespace Nabla.Explain.Writing;

/// <summary>The forward pass of one step: every unit's equation with numbers, then the matrix form.</summary>
internal static class ForwardSection
{
    public static void Write(List<Block> blocks, Explanation e, StepTrace s, Notation n, bool detailed)
    {
        blocks.Add(new Heading(3, "Forward pass"));
        foreach (var layer in e.Layers)
        {
            int l = layer.Number;
            var input = l == 1 ? s["X"] : s[$"A{l - 1}"];
            var w = s[$"W{l}"];
            var z = s[$"Z{l}"];
            var a = s[$"A{l}"];
            s.TryGet($"b{l}", out var b);
            bool dropped = s.TryGet($"M{l}", out var mask);
            var activated = dropped ? Textbook.Activate(Activations.Activation.FromName(layer.Activation, layer.Alpha)!, z) : a; // f(Z) before dropout

            blocks.Add(new Heading(4, $"Layer {l}: {layer.Units} {(layer.Units == 1 ? "unit" : "units")}, {layer.Activation} (Z{l}, A{l})"));
            if (detailed)
            {
                for (int k = 0; k < input.Rows; k++)
                {
                    if (input.Rows > 1)
                    {
                        blocks.Add(Para(T($"Example {s.Examples[k] + 1}: "), M(InputVector(input, k, l))));
                    }

                    var lines = new List<MathNode>();
                    for (int j = 0; j < layer.Units; j++)
                    {
                        lines.Add(UnitSum(layer, n, input, w, b, k, j, z[k, j]));
                    }

                    for (int j = 0; j < layer.Units; j++)
                    {
                        lines.Add(UnitActivation(layer, k, j, z, activated));
                    }

                    blocks.Add(new DisplayMath(lines));
                }
            }

            blocks.Add(Para(T("In matrix form" + (n.ByUnit ? " (units as rows, examples as columns):" : " (examples as rows):"))));
            MathNode product = n.ByUnit
                ? Seq(Big("W", l), Op("·"), l == 1 ? Big("X") : Big("A", l - 1))
                : Seq(l == 1 ? Big("X") : Big("A", l - 1), Op("·"), Big("W", l));
            MathNode numbers = n.ByUnit ? Seq(n.Show(w), n.Show(input)) : Seq(n.Show(input), n.Show(w));
            if (b is not null)
            {
                product = Seq(product, Op("+"), Big("b", l));
                numbers = Seq(numbers, Op("+"), n.Show(b));
            }

            var f = Seq(Text(ActivationText.Symbol(layer.Activation)), new Fenced(Big("Z", l)));
            if (!dropped)
            {
                blocks.Add(new DisplayMath(
                    Chain("=", Big("Z", l), product, numbers, n.Show(z)),
                    Chain("=", Big("A", l), f, n.Show(a))));
                continue;
            }

            blocks.Add(new DisplayMath(
                Chain("=", Big("Z", l), product, numbers, n.Show(z)),
                Chain("=", f, n.Show(activated))));
            blocks.Add(Para(T($"Dropout (p = {layer.Dropout:G4}) while training: each output is kept with probability {1 - layer.Dropout:G4} " +
                $"and scaled by 1/(1 − p) = {1 / (1 - layer.Dropout):G6}, or set to 0. This step's mask M{l} (drawn from the training seed) and the layer's output:")));
            blocks.Add(new DisplayMath(
                Chain("=", Big("M", l), n.Show(mask!)),
                Chain("=", Big("A", l), Seq(f, Op("⊙"), Big("M", l)), n.Show(a))));
        }
    }

    /// <summary>x = (0, 1) for the first layer, a⁽ˡ⁻¹⁾ = (…) after.</summary>
    private static MathNode InputVector(Matrix<double> input, int k, int l)
    {
        var items = new List<MathNode>();
        for (int i = 0; i < input.Cols; i++)
        {
            if (i > 0)
            {
                items.Add(Op(","));
            }

            items.Add(Num(input[k, i]));
        }

        return Seq(l == 1 ? new Symbol("x") : Layer("a", l - 1), Op("="), new Fenced(new Row(items)));
    }

    /// <summary>z_j = Σᵢ aᵢ·wᵢⱼ + bⱼ = 0·0.2 + 1·0.4 + 0.3 = 0.7.</summary>
    private static MathNode UnitSum(LayerInfo layer, Notation n, Matrix<double> input, Matrix<double> w, Matrix<double>? b, int k, int j, double z)
    {
        int l = layer.Number;
        var symbolic = new List<MathNode>();
        var numeric = new List<MathNode>();
        for (int i = 0; i < input.Cols; i++)
        {
            if (i > 0)
            {
                symbolic.Add(Op("+"));
                numeric.Add(Op("+"));
            }

            var inputSymbol = l == 1 ? new Symbol("x", $"{i + 1}") : Layer("a", l - 1, $"{i + 1}");
            symbolic.Add(Seq(inputSymbol, Op("·"), Layer("w", l, n.WeightIndex(i + 1, j + 1))));
            numeric.Add(Seq(i == 0 ? Num(input[k, i]) : Term(input[k, i]), Op("·"), Term(w[i, j])));
        }

        if (b is not null)
        {
            symbolic.Add(Op("+"));
            symbolic.Add(Layer("b", l, $"{j + 1}"));
            numeric.Add(Op("+"));
            numeric.Add(Term(b[0, j]));
        }

        return Chain("=", Layer("z", l, $"{j + 1}"), new Row(symbolic), new Row(numeric), Num(z));
    }

    /// <summary>a_j = f(z_j) = f(0.7) = 0.668 (softmax: e^{z_j} / Σ e^{z_k}).</summary>
    private static MathNode UnitActivation(LayerInfo layer, int k, int j, Matrix<double> z, Matrix<double> a)
    {
        int l = layer.Number;
        var lhs = Layer("a", l, $"{j + 1}");
        if (layer.Activation == "softmax")
        {
            var denominator = new List<MathNode>();
            for (int c = 0; c < z.Cols; c++)
            {
                if (c > 0)
                {
                    denominator.Add(Op("+"));
                }

                denominator.Add(new Scripts(Text("e"), null, Num(z[k, c])));
            }

            return Chain("=", lhs, new Fraction(new Scripts(Text("e"), null, Num(z[k, j])), new Row(denominator)), Num(a[k, j]));
        }

        return Chain("=", lhs, Seq(Text(ActivationText.Symbol(layer.Activation)), new Fenced(Layer("z", l, $"{j + 1}"))),
            ActivationText.Applied(layer, z[k, j]), Num(a[k, j]));
    }
}
