using System.Text.Json;
using Nabla.Exercises;
using Nabla.Explain;
using Nabla.Playground.Training;
using Nabla.Specs;

namespace Nabla.Tests.Playground;

/// <summary>
/// The unit panel's numbers (<see cref="UnitWork"/>) against the library's explanation of the same step, read back
/// from <c>nabla explain --format json</c>'s text: the unit's z, a, δ, every ∂L/∂w and new w, to 1e-9.
/// </summary>
public class UnitWorkTests
{
    /// <summary>2-3-1 tanh/sigmoid with mse, two examples, explicit weights: the general δ = ∂L/∂a · f′(z).</summary>
    private const string TanhMse = """
        {
          "name": "unit work: 2-3-1 tanh/sigmoid, mse",
          "inputs": 2,
          "layers": [
            { "units": 3, "activation": "tanh", "weights": [[0.5, -0.3, 0.8], [-0.6, 0.2, 0.4]], "bias": [0.1, -0.2, 0.05] },
            { "units": 1, "activation": "sigmoid", "weights": [[0.7], [-0.4], [0.9]], "bias": [0.3] }
          ],
          "loss": "mse",
          "data": { "x": [[1, 0], [0.5, -1.5]], "y": [[1], [0]] },
          "train": { "optimizer": "sgd", "learning_rate": 0.3, "epochs": 1, "batch": "full" }
        }
        """;

    [Theory]
    [InlineData(1, 1)]
    [InlineData(1, 3)]
    [InlineData(2, 1)]
    public void EveryNumber_IsTheExplanationJsons(int layer, int unit)
    {
        var spec = SpecReader.Parse(TanhMse, "unit.json");
        var u = UnitWork.From(Explainer.Run(spec, 1), layer, unit);
        var q = Quantities(spec);
        int j = unit - 1;
        Assert.Equal(2, u.Examples.Count);
        Assert.Equal(DeltaRule.Product, u.Rule);
        Assert.Equal(layer == 2, u.IsOutput);
        foreach (var x in u.Examples)
        {
            int k = x.Index;
            Assert.Equal(q[$"Z{layer}"][k][j], x.Z, 1e-9);
            Assert.Equal(q[$"A{layer}"][k][j], x.A, 1e-9);
            Assert.Equal(q[$"dA{layer}"][k][j], x.Upstream, 1e-9);
            Assert.Equal(q[$"dAdZ{layer}"][k][j], x.Local!.Value, 1e-9);
            Assert.Equal(q[$"dZ{layer}"][k][j], x.Delta, 1e-9);
            Assert.Equal(x.Upstream * x.Local.Value, x.Delta, 1e-12); // upstream × local

            // The forward sum's terms add up to z; the inputs are the layer below's.
            Assert.Equal(x.Z, x.Terms.Sum() + u.Bias!.Value, 1e-12);
            var below = layer == 1 ? q["X"] : q[$"A{layer - 1}"];
            Assert.Equal(below[k], x.Inputs, new Tolerance(1e-9));
        }

        Assert.Equal(layer == 1 ? 2 : 3, u.Weights.Count);
        foreach (var w in u.Weights)
        {
            Assert.Equal(q[$"W{layer}"][w.Input][j], w.Weight, 1e-9);
            Assert.Equal(q[$"dW{layer}"][w.Input][j], w.Gradient, 1e-9);
            Assert.Equal(q[$"W{layer}_next"][w.Input][j], w.Next, 1e-9);
            Assert.Equal(w.Gradient, w.Products.Sum(), 1e-12); // Σ_k a_i·δ_j
            Assert.Equal(w.Weight - (0.3 * w.Gradient), w.Next, 1e-12); // plain sgd
        }

        Assert.Equal(q[$"db{layer}"][0][j], u.BiasGradient!.Value, 1e-9);
        Assert.Equal(q[$"b{layer}_next"][0][j], u.BiasNext!.Value, 1e-9);
        Assert.Equal(u.Examples.Sum(x => x.Delta), u.BiasGradient.Value, 1e-12);
        Assert.True(u.PlainSgd);
        Assert.Equal(0.3, u.Eta);
    }

    [Fact]
    public void SigmoidWithBce_UsesTheFusedShortcut_DeltaIsAMinusYOverN()
    {
        var spec = SpecReader.Parse(TanhMse.Replace("\"mse\"", "\"bce\""), "unit.json");
        var e = Explainer.Run(spec, 1);
        var u = UnitWork.From(e, 2, 1);
        var q = Quantities(spec);
        Assert.Equal(DeltaRule.Fused, u.Rule);
        Assert.Equal(2, u.Normalizer); // mean over 2 examples × 1 output
        foreach (var x in u.Examples)
        {
            Assert.Equal(q["dZ2"][x.Index][0], x.Delta, 1e-9);
            Assert.Equal(q["Y"][x.Index][0], x.Target!.Value);
            Assert.Equal((x.A - x.Target.Value) / u.Normalizer, x.Delta, 1e-12);
        }

        // A hidden unit of the same network keeps the general product.
        Assert.Equal(DeltaRule.Product, UnitWork.From(e, 1, 2).Rule);
    }

    [Fact]
    public void SoftmaxWithCce_UsesTheFusedShortcut_OverTheExamples()
    {
        var spec = SpecReader.Parse("""
            {
              "inputs": 2,
              "layers": [
                { "units": 2, "activation": "tanh", "weights": [[0.5, -0.3], [-0.6, 0.2]], "bias": [0.1, -0.2] },
                { "units": 3, "activation": "softmax", "weights": [[0.7, -0.4, 0.2], [0.9, 0.1, -0.5]], "bias": [0.3, 0, -0.1] }
              ],
              "loss": "cce",
              "data": { "x": [[1, 0], [0.5, -1.5]], "y": [[0, 1, 0], [1, 0, 0]] },
              "train": { "optimizer": "sgd", "learning_rate": 0.1, "epochs": 1, "batch": "full" }
            }
            """, "softmax.json");
        var u = UnitWork.From(Explainer.Run(spec, 1), 2, 2);
        var q = Quantities(spec);
        Assert.Equal(DeltaRule.Fused, u.Rule);
        Assert.Equal(2, u.Normalizer); // m
        foreach (var x in u.Examples)
        {
            Assert.Equal(q["dZ2"][x.Index][1], x.Delta, 1e-9);
            Assert.Equal((x.A - x.Target!.Value) / u.Normalizer, x.Delta, 1e-12);
        }
    }

    [Fact]
    public void ASoftmaxUnit_SumsTheJacobianColumn_TimesTheUpstreamGradient()
    {
        var spec = Examples.Load("seed-002-leaky-relu-softmax.json"); // softmax with bce: not fused
        var u = UnitWork.From(Explainer.Run(spec, 1), 2, 2);
        var q = Quantities(spec);
        Assert.Equal(DeltaRule.Jacobian, u.Rule);
        Assert.Null(u.Bias);
        var x = Assert.Single(u.Examples);
        Assert.Equal(q["dZ2"][0][1], x.Delta, 1e-9);
        Assert.Equal(x.Delta, x.Jacobian!.Zip(x.Upstreams!, (d, g) => d * g).Sum(), 1e-12);
        Assert.Equal(q["Z2"][0][1], x.Terms.Sum(), 1e-12); // (no bias)
        Assert.Equal(q["W2_next"][2][1], u.Weights[2].Next, 1e-9);
    }

    [Fact]
    public void WithAdam_TheNewWeightIsTheLibrarys_AndTheUpdateIsNotPlainSgd()
    {
        var spec = SpecReader.Parse(TanhMse.Replace("\"sgd\"", "\"adam\""), "unit.json");
        var u = UnitWork.From(Explainer.Run(spec, 1), 1, 2);
        var q = Quantities(spec);
        Assert.False(u.PlainSgd);
        Assert.Equal("adam", u.Optimizer);
        Assert.Equal(q["W1_next"][1][1], u.Weights[1].Next, 1e-9);
        Assert.Equal(q["eta"], [[u.Eta]]);
    }

    [Fact]
    public void NoSuchUnit_IsAPlainMessage()
    {
        var e = Explainer.Run(SpecReader.Parse(TanhMse, "unit.json"), 1);
        Assert.Contains("no unit 4 in layer 1", Assert.Throws<NablaException>(() => UnitWork.From(e, 1, 4)).Message);
        Assert.Throws<NablaException>(() => UnitWork.From(e, 3, 1));
        Assert.Equal(4, UnitWork.Units(e).Count());
    }

    [Fact]
    public void TheBlankTemplateOfAnExplainedStep_ListsWhatAVariantsWould()
    {
        var spec = SpecReader.Parse(TanhMse, "unit.json");
        string blank = AnswerKey.Blank(Explainer.Run(spec, 1), new ExerciseOptions());
        var names = Questions.Names(QuestionParts.All, [true, true]);
        var lines = blank.Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        Assert.Equal(names, lines.Select(l => l.Split('=')[0].Trim()));
        Assert.StartsWith("# Answers: unit work: 2-3-1 tanh/sigmoid, mse\n", blank);
        Assert.Contains("Z1 =    # 2 × 3", blank);
    }

    /// <summary>The first step's quantities as <c>nabla explain --format json</c> writes them (a scalar as [[v]]).</summary>
    private static Dictionary<string, double[][]> Quantities(ModelSpec spec) => Quantities(Explainer.Run(spec, 1));

    /// <summary>The first step's quantities of <paramref name="e"/> as <c>nabla explain --format json</c> writes them (a scalar as [[v]]).</summary>
    internal static Dictionary<string, double[][]> Quantities(Explanation e)
    {
        using var json = JsonDocument.Parse(ExplanationJson.Write(e));
        var result = new Dictionary<string, double[][]>();
        foreach (var p in json.RootElement.GetProperty("steps")[0].GetProperty("quantities").EnumerateObject())
        {
            result[p.Name] = p.Value.ValueKind == JsonValueKind.Number
                ? [[p.Value.GetDouble()]]
                : [.. p.Value.EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray())];
        }

        return result;
    }

    private sealed class Tolerance(double within) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= within;

        public int GetHashCode(double obj) => 0;
    }
}
