using System.Globalization;
using Nabla.Explain.Documents;
using Nabla.Explain.Writing;
using static Nabla.Explain.Writing.Notation;

namespace Nabla.Exercises;

/// <summary>
/// A student's problem sheet as a document (rendered to HTML or Markdown like a worked
/// solution): the network diagram, the given values, and the questions with blanks, saying which
/// quantities, to how many decimals and in which notation.
/// </summary>
public static class ProblemSheet
{
    /// <summary>The sheet of variant <paramref name="v"/>, asked as <paramref name="options"/> say.</summary>
    public static Document Build(Variant v, ExerciseOptions options)
    {
        var e = v.Explanation;
        var n = new Notation(options.ByUnit);
        var blocks = new List<Block>
        {
            Para(T($"{(v.Student.Name == v.Student.Id || v.Student.Name.EndsWith(v.Student.Id, StringComparison.Ordinal) ? v.Student.Name : $"{v.Student.Name} ({v.Student.Id})")}: variant {v.Number}.")),
            new Heading(2, "The network"),
            NetworkDiagram.Draw(e),
            Para(T($"{e.Inputs} inputs; " + string.Join("; ", e.Layers.Select(l =>
                $"layer {l.Number}: {l.Units} unit{(l.Units == 1 ? "" : "s")}, {l.Activation}{(l.Alpha is { } a ? $" (α = {a.ToString(CultureInfo.InvariantCulture)})" : "")}{(l.HasBias ? "" : ", no bias")}")) + ".")),
            new DisplayMath(e.Layers.DistinctBy(l => (l.Activation, l.Alpha)).Select(ActivationText.Definition).ToArray()),
            Para(T($"Loss: {e.LossName}, {e.LossFormula}. Optimizer: {e.Optimizer}, learning rate η = {e.LearningRate.ToString(CultureInfo.InvariantCulture)}" +
                $"{(e.Spec.Train.IsPlainSgd ? "" : $" ({e.Spec.Train.Extras()})")}. " +
                Batch(e.Spec.Train, e.Spec.Data!.X!.Length))),
            Para(T(n.ByUnit
                ? "Layout: by unit (W·x). Each weight matrix has one row per unit (n_out × n_in); X, Y, Z and A have one row per unit and one column per example."
                : "Layout: examples are rows. Each weight matrix is n_in × n_out, so Z = X·W + b; X, Y, Z and A have one row per example.")),
            new Heading(2, "Given"),
            new DisplayMath(Given(e, n)),
            new Heading(2, "Questions"),
            Para(T($"Compute {Questions.Prose(options.Ask)} of {(options.Steps == 1 ? "one training step" : $"{options.Steps} training steps")}. " +
                $"Give every value to {options.Decimals} decimals, in the layout above. Write your answers in your answer file (one line per quantity, rows separated by ';', values by ','), then hand it in.")),
        };

        var asked = Questions.Names(options.Ask, e.Layers.Select(l => l.HasBias).ToList());
        foreach (var step in e.Steps)
        {
            if (options.Steps > 1)
            {
                blocks.Add(new Heading(3, $"Step {step.Step}"));
            }

            var rows = new List<IReadOnlyList<IReadOnlyList<Inline>>>();
            int q = 1;
            foreach (string name in asked)
            {
                var m = AnswerKey.Shown(step[name], options.ByUnit);
                rows.Add([[T((q++).ToString(CultureInfo.InvariantCulture))], [T(name)], [T(Meaning(name))], [T(m.Rows * m.Cols == 1 ? "a number" : $"{m.Rows} × {m.Cols}")], [T(" ")]]);
            }

            blocks.Add(new Table([[T("#")], [T("name")], [T("quantity")], [T("shape")], [T("your answer")]], rows));
        }

        return new Document($"Exercise: {e.Spec.Name}", blocks);
    }

    /// <summary>The given values: the examples X and targets Y, and every layer's starting W and b.</summary>
    private static MathNode[] Given(Explain.Explanation e, Notation n)
    {
        var step = e.Steps[0];
        var lines = new List<MathNode>
        {
            Chain("=", Big("X"), n.Show(Tensors.Matrix<double>.FromRows(e.Spec.Data!.X!))),
            Chain("=", Big("Y"), n.Show(Tensors.Matrix<double>.FromRows(e.Spec.Data!.Y!))),
        };
        foreach (var l in e.Layers)
        {
            lines.Add(Chain("=", Big("W", l.Number), n.Show(step[$"W{l.Number}"])));
            if (l.HasBias)
            {
                lines.Add(Chain("=", Big("b", l.Number), n.Show(step[$"b{l.Number}"])));
            }
        }

        return [.. lines];
    }

    private static string Batch(Specs.TrainSpec train, int examples) =>
        examples == 1 ? "There is one example."
        : train.Batch == 0 || train.Batch >= examples ? $"Each step uses all {examples} examples (one batch)."
        : $"Each step uses a batch of {train.Batch} example{(train.Batch == 1 ? "" : "s")}, " +
          (train.Shuffle ? "the examples shuffled each epoch (the worked solution names them)." : "taken in order.");

    private static string Meaning(string name)
    {
        string layer = new([.. name.Where(char.IsAsciiDigit)]);
        return name switch
        {
            "loss" => "the loss L",
            _ when name.EndsWith("_next", StringComparison.Ordinal) => $"{name[0]} of layer {layer} after the update",
            _ when name.StartsWith("dZ", StringComparison.Ordinal) => $"δ = ∂L/∂Z of layer {layer}",
            _ when name.StartsWith("dW", StringComparison.Ordinal) => $"∂L/∂W of layer {layer}",
            _ when name.StartsWith("db", StringComparison.Ordinal) => $"∂L/∂b of layer {layer}",
            _ when name.StartsWith('Z') => $"pre-activation of layer {layer}",
            _ when name.StartsWith('A') => $"activation of layer {layer}",
            _ => name,
        };
    }
}
