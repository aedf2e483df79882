using System.Globalization;
using Nabla.App;
using Nabla.Explain;
using Nabla.Explain.Checking;
using Nabla.Explain.Rendering;
using Nabla.Explain.Writing;
using Nabla.Specs;
using Nabla.Tensors;

namespace Nabla.Tests.Explain;

/// <summary>
/// explain and check with every optimizer and every extra (weight decay, clipping, a schedule): the update is written
/// rule by rule with the step's numbers, each number is the one training computed, and each follows from the
/// textbook formula it stands under.
/// </summary>
public class OptimizerExplainTests
{
    /// <summary>A 2-2-1 network on two examples, one batch a step (so a step is an epoch), trained as <paramref name="train"/> says.</summary>
    private static ModelSpec Spec(string train) => SpecReader.Parse($$"""
        { "name": "optimizer", "inputs": 2,
          "layers": [ { "units": 2, "activation": "sigmoid", "weights": [[0.1, -0.2], [0.4, 0.5]], "bias": [0.1, -0.1] },
                      { "units": 1, "activation": "sigmoid", "weights": [[0.2], [-0.3]], "bias": [0.05] } ],
          "loss": "bce",
          "data": { "x": [[0, 1], [1, 0]], "y": [[1], [0]] },
          "train": { {{train}}, "epochs": 3, "batch": 2 } }
        """);

    public static TheoryData<string, string> Optimizers => new()
    {
        { "momentum", "\"optimizer\": \"momentum\", \"learning_rate\": 0.5, \"momentum\": 0.9" },
        { "nesterov", "\"optimizer\": \"nesterov\", \"learning_rate\": 0.5, \"momentum\": 0.8" },
        { "rmsprop", "\"optimizer\": \"rmsprop\", \"learning_rate\": 0.01, \"alpha\": 0.9, \"momentum\": 0" },
        { "rmsprop with momentum", "\"optimizer\": \"rmsprop\", \"learning_rate\": 0.01, \"alpha\": 0.9, \"momentum\": 0.5" },
        { "adagrad", "\"optimizer\": \"adagrad\", \"learning_rate\": 0.1" },
        { "adam", "\"optimizer\": \"adam\", \"learning_rate\": 0.01" },
        { "adamw", "\"optimizer\": \"adamw\", \"learning_rate\": 0.01, \"weight_decay\": 0.1, \"decay_bias\": false" },
        { "weight decay", "\"optimizer\": \"sgd\", \"learning_rate\": 0.5, \"weight_decay\": 0.01" },
        { "clipping", "\"optimizer\": \"sgd\", \"learning_rate\": 0.5, \"clip_norm\": 0.01" },
        { "schedule", "\"optimizer\": \"sgd\", \"learning_rate\": 0.5, \"lr_schedule\": { \"name\": \"step\", \"step_size\": 1, \"gamma\": 0.5 }" },
        { "adam with everything", "\"optimizer\": \"adam\", \"learning_rate\": 0.05, \"weight_decay\": 0.01, \"decay_bias\": false, \"clip_norm\": 0.02, \"lr_schedule\": { \"name\": \"cosine\", \"t_max\": 3, \"eta_min\": 0.001 }" },
    };

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void TheExplainedSteps_AreTheStepsTrainingTakes(string what, string train)
    {
        var steps = Explainer.Run(Spec(train), steps: 3).Steps;
        var spec = Spec(train);
        var trained = SpecTrainer.Train(spec).Model;
        for (int l = 1; l <= 2; l++)
        {
            Close.Equal(trained.Layers[l - 1].Weights!.SelectMany(r => r).ToArray(), steps[^1][$"W{l}_next"].ToArray(), 1e-12, $"{what}: W{l}");
            Close.Equal(trained.Layers[l - 1].Bias!, steps[^1][$"b{l}_next"].ToArray(), 1e-12, $"{what}: b{l}");
        }
    }

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void EveryShownQuantity_FollowsFromItsTextbookFormula(string what, string train)
    {
        var spec = Spec(train);
        var t = spec.Train;
        var steps = Explainer.Run(spec, steps: 3).Steps;
        double[] V(StepTrace s, string name) => s[name].ToArray();
        for (int k = 0; k < steps.Count; k++)
        {
            var s = steps[k];
            string at = $"{what}, step {s.Step}";
            double eta = s.Scalar("eta");
            double expectedEta = t.Schedule?.Rate(t.LearningRate, k) ?? t.LearningRate;
            Close.Equal(expectedEta, eta, 1e-15, $"{at}: η");

            double factor = 1;
            if (t.ClipNorm > 0)
            {
                double norm = Math.Sqrt(new[] { "dW1", "db1", "dW2", "db2" }.Sum(g => V(s, g).Sum(x => x * x)));
                Close.Equal(norm, s.Scalar("grad_norm"), 1e-12, $"{at}: ‖g‖");
                factor = Math.Min(1, t.ClipNorm / (norm + 1e-6));
                Close.Equal(factor, s.Scalar("clip_factor"), 1e-12, $"{at}: ρ");
                Assert.True(factor < 1, $"{at}: the spec should clip");
            }

            foreach (string p in new[] { "W1", "b1", "W2", "b2" })
            {
                bool decays = t.WeightDecay != 0 && (p[0] == 'W' || t.DecayBias);
                bool decoupled = t.Optimizer == "adamw";
                var w = V(s, p);
                var dw = V(s, $"d{p}");
                var g = dw.Select((d, i) => (factor * d) + (decays && !decoupled ? t.WeightDecay * w[i] : 0)).ToArray();
                if (s.Has($"g_{p}"))
                {
                    Close.Equal(g, V(s, $"g_{p}"), 1e-12, $"{at}: g_{p} = ρ·d{p} + λ·{p}");
                }
                else
                {
                    Assert.True(factor == 1 && !(decays && !decoupled), $"{at}: g_{p} is shown whenever it differs from d{p}");
                }

                var start = decays && decoupled ? w.Select(x => x * (1 - (eta * t.WeightDecay))).ToArray() : w;
                if (decays && decoupled)
                {
                    Close.Equal(start, V(s, $"decayed_{p}"), 1e-12, $"{at}: {p}·(1 − ηλ)");
                }

                var next = V(s, $"{p}_next");
                double[] Before(string state) => V(s, $"{state}_{p}");
                double[] After(string state) => V(s, $"{state}_{p}_next");
                if (k > 0 && t.Optimizer != "sgd")
                {
                    string state = t.Optimizer is "rmsprop" or "adagrad" ? "s" : t.Optimizer is "adam" or "adamw" ? "m" : "v";
                    Assert.Equal(steps[k - 1][$"{state}_{p}_next"].ToArray(), Before(state)); // each step starts where the last one ended
                }

                double[] expected = t.Optimizer switch
                {
                    "momentum" or "nesterov" => Momentum(),
                    "rmsprop" => RmsProp(),
                    "adagrad" => Adagrad(),
                    "adam" or "adamw" => Adam(),
                    _ => start.Select((x, i) => x - (eta * g[i])).ToArray(),
                };
                Close.Equal(expected.Select(x => x + 1).ToArray(), next.Select(x => x + 1).ToArray(), 1e-12, $"{at}: {p}_next"); // (+1: a step may leave a value near 0)

                double[] Momentum()
                {
                    var v = Before("v").Select((x, i) => (t.Momentum * x) + g[i]).ToArray();
                    Close.Equal(v, After("v"), 1e-12, $"{at}: v ← μv + g");
                    return start.Select((x, i) => x - (eta * (t.Optimizer == "nesterov" ? g[i] + (t.Momentum * v[i]) : v[i]))).ToArray();
                }

                double[] RmsProp()
                {
                    var sq = Before("s").Select((x, i) => (t.Alpha * x) + ((1 - t.Alpha) * g[i] * g[i])).ToArray();
                    Close.Equal(sq, After("s"), 1e-12, $"{at}: s ← αs + (1 − α)g²");
                    var scaled = g.Select((x, i) => x / (Math.Sqrt(sq[i]) + t.Epsilon)).ToArray();
                    if (t.Momentum > 0)
                    {
                        scaled = Before("v").Select((x, i) => (t.Momentum * x) + scaled[i]).ToArray();
                        Close.Equal(scaled, After("v"), 1e-12, $"{at}: v ← μv + g/(√s + ε)");
                    }

                    return start.Select((x, i) => x - (eta * scaled[i])).ToArray();
                }

                double[] Adagrad()
                {
                    var sum = Before("s").Select((x, i) => x + (g[i] * g[i])).ToArray();
                    Close.Equal(sum, After("s"), 1e-12, $"{at}: s ← s + g²");
                    return start.Select((x, i) => x - (eta * g[i] / (Math.Sqrt(sum[i]) + t.Epsilon))).ToArray();
                }

                double[] Adam()
                {
                    var m = Before("m").Select((x, i) => (t.Beta1 * x) + ((1 - t.Beta1) * g[i])).ToArray();
                    var v = Before("v").Select((x, i) => (t.Beta2 * x) + ((1 - t.Beta2) * g[i] * g[i])).ToArray();
                    Close.Equal(m, After("m"), 1e-12, $"{at}: m ← β₁m + (1 − β₁)g");
                    Close.Equal(v, After("v"), 1e-12, $"{at}: v ← β₂v + (1 − β₂)g²");
                    var mHat = m.Select(x => x / (1 - Math.Pow(t.Beta1, s.Step))).ToArray();
                    var vHat = v.Select(x => x / (1 - Math.Pow(t.Beta2, s.Step))).ToArray();
                    Close.Equal(mHat, V(s, $"mhat_{p}"), 1e-12, $"{at}: m̂ = m/(1 − β₁ᵗ)");
                    Close.Equal(vHat, V(s, $"vhat_{p}"), 1e-12, $"{at}: v̂ = v/(1 − β₂ᵗ)");
                    return start.Select((x, i) => x - (eta * mHat[i] / (Math.Sqrt(vHat[i]) + t.Epsilon))).ToArray();
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void CheckHasARule_ForEveryQuantityOfTheStep(string what, string train)
    {
        var spec = Spec(train);
        var rules = new StepRules(spec);
        foreach (var step in Explainer.Run(spec, steps: 2).Steps)
        {
            var world = new RecomputedStep(step, rules, diagonalSoftmax: false);
            foreach (string name in step.Names)
            {
                var value = world.Get(name);
                Assert.True(value is not null, $"{what}: no rule for {name}");
                Close.Equal(step[name].ToArray().Select(x => x + 1).ToArray(), value.ToArray().Select(x => x + 1).ToArray(), 1e-12, $"{what}, step {step.Step}: {name}");
            }
        }
    }

    [Theory]
    [InlineData("\"optimizer\": \"momentum\", \"learning_rate\": 0.5, \"momentum\": 0.9", "v ← μ · v + g", "θ ← θ − η · v")]
    [InlineData("\"optimizer\": \"nesterov\", \"learning_rate\": 0.5", "θ ← θ − η · (g + μ · v)", "v_W⁽¹⁾ ← μ · v_W⁽¹⁾ + g_W⁽¹⁾")]
    [InlineData("\"optimizer\": \"rmsprop\", \"learning_rate\": 0.01, \"momentum\": 0", "s ← α · s + (1 − α) · g²", "θ ← θ − η · g/(√s + ε)")]
    [InlineData("\"optimizer\": \"adagrad\", \"learning_rate\": 0.1", "s ← s + g²", "s_(w11)⁽¹⁾ ← s_(w11)⁽¹⁾ + g_(w11)⁽¹⁾² = 0 + 0.0126² = 0.0001581")]
    [InlineData("\"optimizer\": \"adam\", \"learning_rate\": 0.01", "m̂ = m/(1 − β₁^t)", "1 − β₂^t = 1 − 0.999¹ = 0.001")]
    [InlineData("\"optimizer\": \"adamw\", \"learning_rate\": 0.1, \"weight_decay\": 0.1", "θ ← θ · (1 − η · λ)", "1 − η · λ = 1 − 0.1 · 0.1 = 0.99")]
    [InlineData("\"optimizer\": \"sgd\", \"learning_rate\": 0.5, \"weight_decay\": 0.01", "g = dθ + λ · θ", "g_(w11)⁽¹⁾ = dw₁₁⁽¹⁾ + λ · w₁₁⁽¹⁾ = 0.0126 + 0.01 · 0.1 = 0.0136")]
    [InlineData("\"optimizer\": \"sgd\", \"learning_rate\": 0.5, \"clip_norm\": 0.01", "ρ = min(1, c/(‖g‖ + 10⁻⁶)) = min(1, 0.01/(0.0549 + 10⁻⁶))", "‖g‖ = √(‖dW⁽¹⁾‖² + ‖db⁽¹⁾‖² + ‖dW⁽²⁾‖² + ‖db⁽²⁾‖²)")]
    [InlineData("\"optimizer\": \"sgd\", \"learning_rate\": 0.5, \"lr_schedule\": { \"name\": \"exponential\", \"gamma\": 0.5 }", "η = η₀ · γ^e = 0.5 · 0.5⁰ = 0.5", "Step 1 is in epoch e = 0")]
    public void TheDocument_WritesTheRule_AndItsNumbers(string train, string rule, string numbers)
    {
        var explanation = Explainer.Run(Spec(train));
        string text = TextRenderer.Render(ExplanationDocument.Build(explanation), 4);
        Assert.Contains(rule, text);
        Assert.Contains(numbers, text);
        Assert.DoesNotContain("see the README", text);
        string md = MarkdownRenderer.Render(ExplanationDocument.Build(explanation), 4);
        Assert.Contains(@"\leftarrow", md);
    }

    [Theory]
    [InlineData("\"optimizer\": \"momentum\", \"learning_rate\": 0.5, \"momentum\": 0.9", "v")]
    [InlineData("\"optimizer\": \"adam\", \"learning_rate\": 0.01", "m")]
    public void Check_MarksTheOptimizersQuantities_RightAndWrong_FromTheLearnersOwnValues(string train, string state)
    {
        var spec = Spec(train);
        var steps = Explainer.Run(spec, steps: 2).Steps;
        string Line(string name, Matrix<double> m) => $"{name} = " + string.Join("; ",
            Enumerable.Range(0, m.Rows).Select(r => string.Join(", ", m.Row(r).ToArray().Select(v => v.ToString("R", CultureInfo.InvariantCulture)))));
        var names = steps[0].Names.Where(n => QuantityName.Parse(n).Of is not null || n.EndsWith("_next", StringComparison.Ordinal)).ToList();
        string right = string.Join("\n", names.Select(n => Line(n, steps[0][n])))
            + "\nstep = 2\n" + string.Join("\n", names.Select(n => Line(n, steps[1][n])));
        var report = AnswerChecker.Check(spec, AnswerFile.Parse(right));
        Assert.True(report.AllRight, string.Join("; ", report.Values.Where(v => !v.Right).Select(v => v.Label)));
        Assert.Contains(report.Values, v => v.Name == $"{state}_W1_next" && v.Step == 2);

        // A wrong state, and the update the learner built from it: the state is the slip, the update only inherits it.
        var truth = steps[0][$"{state}_W2_next"];
        var wrongState = Matrix<double>.FromRows([[truth[0, 0] * 2], [truth[1, 0]]]);
        var world = new Dictionary<string, Matrix<double>> { [$"{state}_W2_next"] = wrongState };
        var rules = new StepRules(spec);
        Matrix<double> Get(string n) => world.TryGetValue(n, out var m) ? m : steps[0][n];
        if (state == "m")
        {
            world["mhat_W2"] = rules.Recompute("mhat_W2", Get)!;
        }

        var ownNext = rules.Recompute("W2_next", Get)!;
        string wrong = Line($"{state}_W2_next", wrongState) + "\n" + (state == "m" ? Line("mhat_W2", world["mhat_W2"]) + "\n" : "") + Line("W2_next", ownNext);
        var marked = AnswerChecker.Check(spec, AnswerFile.Parse(wrong));
        var stateValue = marked.Values.Single(v => v.Name == $"{state}_W2_next" && v.Element.Row == 0);
        var update = marked.Values.Single(v => v.Name == "W2_next" && v.Element.Row == 0);
        Assert.False(stateValue.Right);
        Assert.True(stateValue.IsRootError);
        Assert.False(update.Right);
        Assert.True(update.IsInherited, update.ToString());
        Assert.True(marked.Values.Single(v => v.Name == "W2_next" && v.Element.Row == 1).Right);
    }

    [Fact]
    public void Check_RecomputesTheClippedAndDecayedGradient_FromTheLearnersDW()
    {
        var spec = Spec("\"optimizer\": \"momentum\", \"learning_rate\": 0.5, \"weight_decay\": 0.01, \"clip_norm\": 0.01");
        var s = Explainer.Run(spec).Steps[0];
        var rules = new StepRules(spec);
        Assert.Equal(new[] { "dW1", "W1", "clip_factor" }, rules.InputsOf("g_W1"));
        Assert.Equal(new[] { "W2", "v_W2_next", "eta" }, rules.InputsOf("W2_next"));
        var dW1 = s["dW1"].Clone();
        dW1[0, 0] += 0.5; // a learner's wrong dW1: their norm, their factor, their g follow from it
        Matrix<double> Get(string n) => n == "dW1" ? dW1 : s[n];
        double norm = rules.Recompute("grad_norm", Get)![0, 0];
        Assert.True(norm > s.Scalar("grad_norm"));
        var g = rules.Recompute("g_W1", Get)!;
        Close.Equal((dW1[0, 0] * s.Scalar("clip_factor")) + (0.01 * s["W1"][0, 0]), g[0, 0], 1e-12, "g = ρ·dW + λ·W");
    }

    [Fact]
    public void AFrozenLayer_StaysAsItIs_AndIsLeftOutOfTheNorm_InFloat32Too()
    {
        string json = """
            { "name": "frozen", "inputs": 2,
              "layers": [ { "units": 2, "activation": "sigmoid", "trainable": false, "weights": [[0.1, -0.2], [0.4, 0.5]], "bias": [0.1, -0.1] },
                          { "units": 1, "activation": "sigmoid", "weights": [[0.2], [-0.3]], "bias": [0.05] } ],
              "loss": "bce",
              "data": { "x": [[0, 1], [1, 0]], "y": [[1], [0]] },
              "train": { "optimizer": "adam", "learning_rate": 0.1, "clip_norm": 0.01, "precision": "float32", "epochs": 2, "batch": 2 } }
            """;
        var explanation = Explainer.Run(SpecReader.Parse(json), steps: 2);
        var s = explanation.Steps[^1];
        Assert.Equal(s["W1"].ToArray(), s["W1_next"].ToArray());
        Assert.False(s.Has("m_W1_next"));
        Close.Equal(Math.Sqrt(new[] { "dW2", "db2" }.Sum(g => s[g].ToArray().Sum(x => x * x))), s.Scalar("grad_norm"), 1e-6, "‖g‖ of the trainable parameters");
        var trained = SpecTrainer.Train(SpecReader.Parse(json)).Model;
        Assert.Equal(trained.Layers[1].Weights!.SelectMany(r => r).ToArray(), s["W2_next"].ToArray());
        string text = TextRenderer.Render(ExplanationDocument.Build(explanation), 4);
        Assert.Contains("The weights of layer 1 are frozen", text);
        Assert.Contains("‖g‖ = √(‖dW⁽²⁾‖² + ‖db⁽²⁾‖²)", text);
    }

    [Theory]
    [InlineData("v_W1_next", "v", 1, true, "W")]
    [InlineData("mhat_b2", "mhat", 2, false, "b")]
    [InlineData("g_W3", "g", 3, false, "W")]
    [InlineData("decayed_W1", "decayed", 1, false, "W")]
    [InlineData("W1_next", "W", 1, true, null)]
    [InlineData("dW2", "dW", 2, false, null)]
    [InlineData("clip_factor", "clip_factor", 0, false, null)]
    public void OptimizerQuantityNames_NameTheirParameter(string name, string kind, int layer, bool next, string? of)
    {
        var q = QuantityName.Parse(name);
        Assert.Equal(new QuantityName(kind, layer, next, of), q);
        Assert.False(q.Of is not null && q.IsUpdate);
    }
}
