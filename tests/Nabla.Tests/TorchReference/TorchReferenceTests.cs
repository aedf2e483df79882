using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Nabla.App;
using Nabla.Specs;
using Nabla.Training;

namespace Nabla.Tests.TorchReference;

/// <summary>
/// Every optimizer, weight decay (coupled and AdamW's decoupled, with and without the biases), gradient
/// clipping and learning-rate schedule against PyTorch: 20 steps (10 epochs of 2 mini-batches) of a
/// 3-4-2 tanh/sigmoid network with mean squared error, from fixed weights, compared after every step to
/// 1e-12. The values come from Reference/torch_steps.py (PyTorch, run offline; its output is
/// Reference/torch_steps.json). Each spec goes through the spec reader and the trainer a user runs.
/// </summary>
public class TorchReferenceTests
{
    private static readonly Lazy<JsonObject> Reference = new(() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Folder(), "Reference", "torch_steps.json")))!.AsObject());

    public static TheoryData<string> Runs() => [.. Reference.Value["runs"]!.AsObject().Select(r => r.Key)];

    [Theory]
    [MemberData(nameof(Runs))]
    public void Every_step_matches_PyTorch(string run)
    {
        var expected = Reference.Value["runs"]![run]!["steps"]!.AsArray();
        Assert.Equal(20, expected.Count);
        for (int k = 1; k <= expected.Count; k++)
        {
            var spec = Spec(run);
            var network = ModelBuilder.BuildNetwork<double>(spec);
            var options = ModelBuilder.BuildOptions(spec.Train) with { MaxSteps = k };
            var data = ModelBuilder.LoadData(spec);
            var (x, y) = data.As<double>();
            var result = new Trainer<double>(network, ModelBuilder.BuildOptimizer<double>(spec.Train), options).Fit(x, y);
            Assert.Equal(k, result.Steps);

            var want = expected[k - 1]!.AsArray();
            double[][] got = [.. network.Layers.SelectMany(l => new[] { l.W.ToArray(), l.B!.ToArray() })];
            for (int p = 0; p < got.Length; p++)
            {
                var values = want[p]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
                Assert.Equal(values.Length, got[p].Length);
                for (int i = 0; i < values.Length; i++)
                {
                    Assert.True(Math.Abs(got[p][i] - values[i]) <= 1e-12 * Math.Max(1, Math.Abs(values[i])),
                        $"{run}, step {k}, parameter {p}, element {i}: Nabla {got[p][i]:R}, PyTorch {values[i]:R}");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void The_history_records_each_epochs_rate_under_a_schedule(string run)
    {
        var spec = Spec(run);
        var result = SpecTrainer.Train(spec);
        var rates = Reference.Value["runs"]![run]!["rates"]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
        if (spec.Train.Schedule is null)
        {
            Assert.DoesNotContain("lr", result.Model.History!.Keys);
            return;
        }

        var lr = result.Model.History!["lr"];
        Assert.Equal(rates.Length, lr.Length);
        for (int e = 0; e < rates.Length; e++)
        {
            Assert.Equal(rates[e], lr[e], 1e-15);
        }
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void The_train_section_survives_the_model_file(string run)
    {
        var spec = Spec(run);
        var again = SpecReader.Parse(SpecWriter.ToJson(spec));
        Assert.Equal(SpecWriter.ToJson(spec), SpecWriter.ToJson(again));
        Assert.Equal(spec.Train.Schedule, again.Train.Schedule);
        Assert.Equal(spec.Train.WeightDecay, again.Train.WeightDecay);
    }

    /// <summary>The run's spec: the reference network and data, and the run's own "train" section.</summary>
    private static ModelSpec Spec(string run)
    {
        var net = Reference.Value["network"]!;
        var train = Reference.Value["runs"]![run]!["train"]!.DeepClone().AsObject();
        train["epochs"] = net["epochs"]!.GetValue<int>();
        train["batch"] = net["batch"]!.GetValue<int>();
        var spec = new JsonObject
        {
            ["inputs"] = 3,
            ["layers"] = new JsonArray(
                new JsonObject { ["units"] = 4, ["activation"] = "tanh", ["weights"] = net["W1"]!.DeepClone(), ["bias"] = net["b1"]!.DeepClone() },
                new JsonObject { ["units"] = 2, ["activation"] = "sigmoid", ["weights"] = net["W2"]!.DeepClone(), ["bias"] = net["b2"]!.DeepClone() }),
            ["loss"] = "mse",
            ["data"] = new JsonObject { ["x"] = net["x"]!.DeepClone(), ["y"] = net["y"]!.DeepClone() },
            ["train"] = train,
        };
        return SpecReader.Parse(spec.ToJsonString(new JsonSerializerOptions { WriteIndented = false }), $"{run}.json");
    }

    private static string Folder([CallerFilePath] string source = "") => Path.GetDirectoryName(source)!;
}
