using System.Globalization;
using Nabla.Activations;
using Nabla.App;
using Nabla.Explain;
using Nabla.Explain.Checking;
using Nabla.Specs;
using Nabla.Tensors;

namespace Nabla.Tests.Explain;

/// <summary>explain and check with dropout: the step's mask M, A = f(Z) ⊙ M, and δ = (dA ⊙ M) ⊙ f′(Z).</summary>
public class DropoutExplainTests
{
    private const string Spec = """
        { "name": "dropout", "inputs": 2,
          "layers": [ { "units": 3, "activation": "sigmoid", "dropout": 0.5, "weights": [[0.1, -0.2, 0.3], [0.4, 0.5, -0.6]] },
                      { "units": 1, "activation": "sigmoid", "weights": [[0.2], [-0.3], [0.4]] } ],
          "loss": "bce",
          "data": { "x": [[0, 0], [0, 1], [1, 0], [1, 1]], "y": [[0], [1], [1], [0]] },
          "train": { "optimizer": "sgd", "learning_rate": 0.5, "epochs": 1, "batch": 4, "seed": 5 } }
        """;

    private static StepTrace FirstStep() => Explainer.Run(SpecReader.Parse(Spec)).Steps[0];

    [Fact]
    public void TheStep_ShowsItsMask_AndEveryQuantityFollowsFromIt()
    {
        var s = FirstStep();
        var mask = s["M1"].ToArray();
        Assert.All(mask, m => Assert.True(m is 0 or 2));
        Assert.Contains(0.0, mask);
        Assert.Contains(2.0, mask);
        Assert.False(s.Has("M2"));

        var z = s["Z1"].ToArray();
        var a = s["A1"].ToArray();
        var local = s["dAdZ1"].ToArray();
        var dA = s["dA1"].ToArray();
        var dZ = s["dZ1"].ToArray();
        var sigmoid = new Sigmoid();
        for (int i = 0; i < z.Length; i++)
        {
            double f = sigmoid.Apply(z[i]);
            Assert.Equal(f * mask[i], a[i], 15);                        // A = σ(Z) ⊙ M
            Assert.Equal(f * (1 - f) * mask[i], local[i], 15);         // ∂A/∂Z = σ′(Z) ⊙ M
            Assert.Equal(dA[i] * local[i], dZ[i], 15);                 // δ = dA ⊙ σ′(Z) ⊙ M
        }
    }

    [Fact]
    public void TheExplainedStep_IsTheStepTrainingTakes()
    {
        var s = FirstStep();
        var spec = SpecReader.Parse(Spec);
        spec = spec with { Train = spec.Train with { Epochs = 1 } };
        var trained = SpecTrainer.Train(spec);
        Assert.Equal(s["W1_next"].ToRows(), trained.Model.Layers[0].Weights!);
        Assert.Equal(s["W2_next"].ToRows(), trained.Model.Layers[1].Weights!);
    }

    [Fact]
    public void Check_MarksTheRightValues_AndAForgottenMask()
    {
        var s = FirstStep();
        string Line(string name, Matrix<double> m) => $"{name} = " + string.Join("; ",
            Enumerable.Range(0, m.Rows).Select(r => string.Join(", ", m.Row(r).ToArray().Select(v => v.ToString("R", CultureInfo.InvariantCulture)))));
        var spec = SpecReader.Parse(Spec);
        string right = string.Join("\n", new[] { "A1", "Z2", "A2", "dA1", "dAdZ1", "dZ1", "dW1", "W1_next" }.Select(n => Line(n, s[n])));
        var report = AnswerChecker.Check(spec, AnswerFile.Parse(right));
        Assert.True(report.AllRight, string.Join("; ", report.Values.Where(v => !v.Right).Select(v => v.Label)));

        // f′(Z) without the mask: every kept unit's local gradient is off by 1/(1 − p), every dropped one is not 0.
        var unmasked = Nabla.Textbook.LocalDerivative(new Sigmoid(), s["Z1"], Nabla.Textbook.Activate(new Sigmoid(), s["Z1"]));
        var wrong = AnswerChecker.Check(spec, AnswerFile.Parse(Line("dAdZ1", unmasked)));
        Assert.Equal(s["dAdZ1"].Length, wrong.WrongCount);
    }

    [Fact]
    public void TheDocument_SaysWhatDropoutDid()
    {
        var spec = SpecReader.Parse(Spec);
        var explanation = Explainer.Run(spec);
        string md = Nabla.Explain.Rendering.MarkdownRenderer.Render(Nabla.Explain.Writing.ExplanationDocument.Build(explanation), 4);
        Assert.Contains("Dropout (p = 0.5)", md);
        Assert.Contains(@"\odot M^{(1)}", md);
    }
}
