using Nabla.Explain.Documents;
using static Nabla.Explain.Writing.Notation;

namespace Nabla.Explain.Writing;

/// <summary>The update θ ← θ − η·∂L/∂θ for every parameter, and the loss after the step.</summary>
internal static class UpdateSection
{
    public static void Write(List<Block> blocks, Explanation e, StepTrace s, Notation n, bool detailed)
    {
        bool sgd = e.Spec.Train.IsPlainSgd;
        blocks.Add(new Heading(3, "Update"));
        if (!sgd)
        {
            OptimizerSection.Write(blocks, e, s, n, detailed);
            Loss(blocks, s);
            return;
        }

        blocks.Add(Para(T("Gradient descent with learning rate "), M(Seq(new Symbol("η"), Op("="), Num(e.LearningRate))), T(": every parameter moves against its gradient, "), M(Seq(new Symbol("θ"), Op("←"), new Symbol("θ"), Op("−"), new Symbol("η"), Op("·"), Partial(new Symbol("L"), new Symbol("θ")))), T(".")));
        var lines = new List<MathNode>();
        foreach (var layer in e.Layers)
        {
            int l = layer.Number;
            var w = s[$"W{l}"];
            var dW = s[$"dW{l}"];
            var next = s[$"W{l}_next"];
            if (detailed)
            {
                for (int i = 0; i < w.Rows; i++)
                {
                    for (int j = 0; j < w.Cols; j++)
                    {
                        lines.Add(Step(Layer("w", l, n.WeightIndex(i + 1, j + 1)), w[i, j], dW[i, j], next[i, j], e.LearningRate));
                    }
                }

                if (s.TryGet($"b{l}", out var b))
                {
                    for (int j = 0; j < b.Cols; j++)
                    {
                        lines.Add(Step(Layer("b", l, $"{j + 1}"), b[0, j], s[$"db{l}"][0, j], s[$"b{l}_next"][0, j], e.LearningRate));
                    }
                }
            }

            lines.Add(Chain("=", Seq(Big("W", l), Op("←"), Big("W", l), Op("−"), new Symbol("η"), Op("·"), Big("dW", l)), Seq(n.Show(w), Op("−"), Num(e.LearningRate), Op("·"), n.Show(dW)), n.Show(next)));
            if (s.TryGet($"b{l}", out var bias))
            {
                lines.Add(Chain("=", Seq(Big("b", l), Op("←"), Big("b", l), Op("−"), new Symbol("η"), Op("·"), Big("db", l)), Seq(n.Show(bias), Op("−"), Num(e.LearningRate), Op("·"), n.Show(s[$"db{l}"])), n.Show(s[$"b{l}_next"])));
            }
        }

        blocks.Add(new DisplayMath(lines));
        Loss(blocks, s);
    }

    /// <summary>The loss of the same batch after the step, against the loss before it.</summary>
    private static void Loss(List<Block> blocks, StepTrace s) =>
        blocks.Add(Para(T("The same examples through the updated network give the loss "),
            M(Seq(new Symbol("L"), Op("="), Num(s.Scalar("loss_next")))), T(" (it was "), M(Num(s.Scalar("loss"))), T(s.Scalar("loss_next") < s.Scalar("loss") ? "): the step went downhill." : "): this step did not lower the loss; a smaller learning rate may help.")));

    /// <summary>w ← w − η·g = 0.2 − 0.5·(−0.0018) = 0.2009.</summary>
    private static MathNode Step(MathNode symbol, double before, double gradient, double after, double eta) =>
        Chain("=", Seq(symbol, Op("←"), Num(before), Op("−"), Num(eta), Op("·"), Term(gradient)), Num(after));
}
