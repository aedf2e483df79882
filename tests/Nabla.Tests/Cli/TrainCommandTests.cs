using Nabla.App;
using Nabla.Specs;

namespace Nabla.Tests.Cli;

public class TrainCommandTests
{
    private const string GoodSpec = """
        {
          "inputs": 2,
          "layers": [
            { "units": 2, "activation": "sigmoid", "weights": [[0.2, 0.3], [0.4, 0.5]], "bias": [0.3, 0.5] },
            { "units": 1, "activation": "sigmoid", "weights": [[0.4], [0.6]], "bias": [0.5] },
          ],
          "loss": "half_mse",
          "data": { "dataset": "or" },
          "train": { "learning_rate": 0.5, "epochs": 3 },
        }
        """;

    [Fact]
    public void Train_WritesModelThatReloadsWithWeightsAndHistory()
    {
        string spec = CliProcess.TempSpec(GoodSpec);
        string outDir = Path.Combine(Path.GetDirectoryName(spec)!, "run");
        var r = CliProcess.Run("train", spec, "--out", outDir);

        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Contains("ŷ", r.Out);
        var model = SpecReader.ReadFile(Path.Combine(outDir, "model.json"));
        Assert.Equal(3, model.History!["loss"].Length);
        Assert.Equal(1UL, model.Train.Seed);
        Assert.NotEqual(0.2, model.Layers[0].Weights![0][0]); // trained

        // Training the same spec again gives bit-identical weights.
        var again = SpecTrainer.Train(SpecReader.ReadFile(spec));
        Assert.Equal(model.Layers[0].Weights![0][0], again.Model.Layers[0].Weights![0][0]);
    }

    [Fact]
    public void Predict_ReloadsTheModelAndGivesTheTrainedOutputs()
    {
        string spec = CliProcess.TempSpec(GoodSpec);
        string outDir = Path.Combine(Path.GetDirectoryName(spec)!, "run");
        Assert.Equal(0, CliProcess.Run("train", spec, "--out", outDir).ExitCode);
        string modelPath = Path.Combine(outDir, "model.json");
        var trained = SpecTrainer.Train(SpecReader.ReadFile(spec));

        var outputs = SpecPredictor.Predict(SpecReader.ReadFile(modelPath), [[0, 0], [0, 1], [1, 0], [1, 1]]);
        Assert.Equal(trained.Predictions, outputs);

        var r = CliProcess.Run("predict", modelPath, "--x", "0,1;1,1");
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Contains(outputs[1][0].ToString("0.######", System.Globalization.CultureInfo.InvariantCulture), r.Out);
        Assert.Equal(1, CliProcess.Run("predict", modelPath, "--x", "0,1,1").ExitCode);
    }

    [Fact]
    public void Train_RefusesToOverwriteWithoutForce()
    {
        string spec = CliProcess.TempSpec(GoodSpec);
        string outDir = Path.Combine(Path.GetDirectoryName(spec)!, "run");
        Assert.Equal(0, CliProcess.Run("train", spec, "--out", outDir).ExitCode);
        var second = CliProcess.Run("train", spec, "--out", outDir);
        Assert.Equal(1, second.ExitCode);
        Assert.Contains("--force", second.Error);
        Assert.Equal(0, CliProcess.Run("train", spec, "--out", outDir, "--force").ExitCode);
    }

    public static TheoryData<string, string, string> BadSpecs => new()
    {
        { "malformed JSON", """{ "inputs": 2, "layers": [ { "units": 1 } """, "not valid JSON" },
        {
            "shape mismatch between layers",
            """
            {
              "inputs": 2,
              "layers": [
                { "units": 3, "activation": "relu" },
                { "units": 1, "activation": "sigmoid", "weights": [[0.1], [0.2]] }
              ],
              "loss": "bce",
              "data": { "dataset": "xor" }
            }
            """,
            "spec.json:5:"
        },
        {
            "unknown activation",
            """{ "inputs": 2, "layers": [ { "units": 1, "activation": "sigmod" } ], "loss": "bce", "data": { "dataset": "xor" } }""",
            "unknown activation \"sigmod\""
        },
        {
            "unknown loss",
            """{ "inputs": 2, "layers": [ { "units": 1, "activation": "sigmoid" } ], "loss": "hinge", "data": { "dataset": "xor" } }""",
            "unknown loss \"hinge\""
        },
        {
            "labels outside [0,1] for bce",
            """{ "inputs": 1, "layers": [ { "units": 1, "activation": "sigmoid" } ], "loss": "bce", "data": { "x": [[0], [1]], "y": [[0], [2]] } }""",
            "outside [0, 1]"
        },
        {
            "empty data",
            """{ "inputs": 1, "layers": [ { "units": 1, "activation": "sigmoid" } ], "loss": "bce", "data": { "x": [], "y": [] } }""",
            "no examples"
        },
        {
            "missing data",
            """{ "inputs": 1, "layers": [ { "units": 1, "activation": "sigmoid" } ], "loss": "bce" }""",
            "no \"data\""
        },
    };

    [Theory]
    [MemberData(nameof(BadSpecs))]
    public void BadSpec_OneClearMessage_ExitCode1_NoStackTrace(string what, string json, string expected)
    {
        string spec = CliProcess.TempSpec(json);
        var r = CliProcess.Run("train", spec, "--out", Path.Combine(Path.GetDirectoryName(spec)!, "run"));

        Assert.True(r.ExitCode == 1, $"{what}: exit code {r.ExitCode}\n{r.Error}");
        Assert.Contains(expected, r.Error);
        Assert.Contains("Fix:", r.Error);
        Assert.Contains("spec.json", r.Error);
        Assert.DoesNotContain("   at ", r.Error);
        Assert.DoesNotContain("Exception", r.Error);
        Assert.Single(r.Error.Trim().Split('\n'));
    }

    [Fact]
    public void UsageError_ExitCode2()
    {
        var r = CliProcess.Run("train");
        Assert.Equal(2, r.ExitCode);
    }

    [Fact]
    public void GradCheck_PrintsTableAndSucceeds()
    {
        var r = CliProcess.Run("gradcheck", Examples.Path("seed-002-leaky-relu-softmax.json"));
        Assert.True(r.ExitCode == 0, r.Error + r.Out);
        Assert.Contains("dW1", r.Out);
        Assert.Contains("dX (inputs)", r.Out);
    }
}
