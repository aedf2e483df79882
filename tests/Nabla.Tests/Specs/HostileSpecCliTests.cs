using System.Text;
using Nabla.Specs;
using Nabla.Tests.Cli;

namespace Nabla.Tests.Specs;

/// <summary>
/// Inputs that once ended in a stack trace, an out-of-memory crash or a lost run, through the real
/// `nabla` process: each now ends in one "nabla: …" line and exit code 1, or trains.
/// </summary>
public class HostileSpecCliTests
{
    private const string Net = "\"inputs\": 2, \"layers\": [ { \"units\": 1, \"activation\": \"sigmoid\" } ], \"loss\": \"bce\"";

    /// <summary>Asserts one plain message naming the file and containing <paramref name="text"/>, exit code 1.</summary>
    private static void AssertRefused(CliProcess.Result r, string file, string text)
    {
        Assert.True(r.ExitCode == 1, $"exit {r.ExitCode}: {r.Error}");
        Assert.StartsWith("nabla: ", r.Error);
        Assert.Contains(file, r.Error);
        Assert.Contains(text, r.Error);
        Assert.DoesNotContain("   at ", r.Error);
        Assert.DoesNotContain("Unhandled", r.Error);
    }

    private static CliProcess.Result Train(string spec) =>
        CliProcess.Run("train", spec, "--out", Path.Combine(Path.GetDirectoryName(spec)!, "run"));

    [Fact]
    public void AMetricNamedTwice_IsRefusedBeforeTraining()
    {
        string spec = CliProcess.TempSpec($$"""{ {{Net}}, "metrics": ["accuracy", "accuracy"], "data": { "dataset": "xor" } }""");
        AssertRefused(Train(spec), spec, "$.metrics[1]");
    }

    [Theory]
    [InlineData("normal(1e400)")]
    [InlineData("uniform(-1e308,1e308)")]
    public void AnInitialiserThatOverflows_IsRefused(string init)
    {
        string spec = CliProcess.TempSpec($$"""{ "inputs": 2, "layers": [ { "units": 1, "activation": "sigmoid", "init": "{{init}}" } ], "loss": "bce", "data": { "dataset": "xor" } }""");
        AssertRefused(Train(spec), spec, "$.layers[0].init");
    }

    [Fact]
    public void ALastEpochThatBlowsUp_KeepsTheStartingWeights_AndTheRunIsWritten()
    {
        string spec = CliProcess.TempSpec("""
            { "inputs": 1, "layers": [ { "units": 1, "activation": "identity", "weights": [[0.5]], "bias": [0] } ], "loss": "mse",
              "data": { "x": [[1e100]], "y": [[1]] }, "train": { "learning_rate": 1e300, "epochs": 1 } }
            """);
        var r = Train(spec);
        Assert.DoesNotContain("Unhandled", r.Error);
        Assert.Contains("diverged", r.Error + r.Out);
        var model = SpecReader.ReadFile(Path.Combine(Path.GetDirectoryName(spec)!, "run", "model.json"));
        Assert.Equal(0.5, model.Layers[0].Weights![0][0]);
        Assert.True(model.Result!.Diverged);
        Assert.Equal(0, model.Result.EpochsRun);
    }

    [Fact]
    public void ACsvColumnNearTheLargestDouble_StandardisesAndTrains()
    {
        string dir = CliProcess.TempFolder();
        File.WriteAllText(Path.Combine(dir, "big.csv"), "a,b\n1e308,0\n-1e308,1\n1e308,0\n-1e308,1\n");
        string spec = Path.Combine(dir, "spec.json");
        File.WriteAllText(spec, """
            { "inputs": 1, "layers": [ { "units": 1, "activation": "sigmoid" } ], "loss": "bce",
              "data": { "csv": "big.csv", "label": "b", "standardize": true }, "train": { "epochs": 3 } }
            """);
        var r = Train(spec);
        Assert.True(r.ExitCode == 0, r.Error);
        var model = SpecReader.ReadFile(Path.Combine(dir, "run", "model.json"));
        Assert.True(double.IsFinite(model.Standardization!.Std[0]));
    }

    [Fact]
    public void AbsurdToyNoise_IsRefusedWithTheRange()
    {
        string spec = CliProcess.TempSpec($$"""{ {{Net}}, "data": { "dataset": "moons", "noise": 1e308 } }""");
        AssertRefused(Train(spec), spec, "from 0 (none) to 100");
    }

    [Fact]
    public void InvalidUtf8_AndALoneSurrogate_AreRefused()
    {
        string spec = CliProcess.TempSpec("");
        File.WriteAllBytes(spec, [.. "{ \"name\": \"a"u8, 0xC3, 0x28, .. "\", \"inputs\": 2 }"u8]);
        AssertRefused(Train(spec), spec, "not UTF-8");

        string surrogate = CliProcess.TempSpec($$"""{ "name": "\ud800", {{Net}} }""");
        AssertRefused(Train(surrogate), surrogate, "lone surrogate");
    }

    [Theory]
    [InlineData("{ \"units\": 50000 }, { \"units\": 50000 }, { \"units\": 1 }", 2, "one matrix can hold")]
    [InlineData("{ \"units\": 2000000000 }, { \"units\": 1 }", 1, "more than the limit of")]
    [InlineData("{ \"units\": 100000 }, { \"units\": 100000 }, { \"units\": 1 }", 1, "10,000,000,000 values")]
    public void SizesThatCannotFit_AreRefusedNotAllocated(string layers, int inputs, string text)
    {
        string spec = CliProcess.TempSpec($$"""{ "inputs": {{inputs}}, "layers": [ {{layers}} ], "loss": "mse", "data": { "x": [[{{string.Join(",", Enumerable.Repeat(1, inputs))}}]], "y": [[1]] } }""");
        AssertRefused(Train(spec), spec, text); // (2×10⁹ units need about 290 GiB)
    }

    [Fact]
    public void AnEndlessFile_IsRefusedAfter64MiB()
    {
        if (!File.Exists("/dev/zero"))
        {
            return; // (not a Unix system)
        }

        AssertRefused(CliProcess.Run("train", "/dev/zero"), "/dev/zero", "larger than 64 MiB");
    }

    [Fact]
    public void ASpecSavedWithAByteOrderMark_Trains()
    {
        string spec = CliProcess.TempSpec("");
        File.WriteAllText(spec, $$"""{ {{Net}}, "data": { "dataset": "xor" }, "train": { "epochs": 2 } }""", new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        var r = Train(spec);
        Assert.True(r.ExitCode == 0, r.Error);
    }

    [Fact]
    public void ADuplicateKey_IsRefusedNamingBothLines()
    {
        string spec = CliProcess.TempSpec($$"""
            { {{Net}},
              "data": { "dataset": "xor" },
              "data": { "dataset": "or" } }
            """);
        AssertRefused(Train(spec), spec, "lines 2 and 3");
    }

    [Fact]
    public void ACsvCellWithANul_IsRefusedWithLineAndColumn()
    {
        string dir = CliProcess.TempFolder();
        File.WriteAllText(Path.Combine(dir, "d.csv"), "a,b,c\n0.1\0,0.2,1\n0.3,0.4,0\n");
        string spec = Path.Combine(dir, "spec.json");
        File.WriteAllText(spec, $$"""{ {{Net}}, "data": { "csv": "d.csv", "label": "c" } }""");
        AssertRefused(Train(spec), "d.csv", "line 2, column 1");
    }

    [Theory]
    [InlineData("\"optimizer\": \"adam\", \"epsilon\": -1", "$.train.epsilon")]
    [InlineData("\"optimizer\": \"adam\", \"beta1\": 1.5", "$.train.beta1")]
    [InlineData("\"optimizer\": \"momentum\", \"momentum\": -5", "$.train.momentum")]
    public void OptimizerSettingsOutOfDomain_AreRefused(string train, string path)
    {
        string spec = CliProcess.TempSpec($$"""{ {{Net}}, "data": { "dataset": "xor" }, "train": { {{train}} } }""");
        AssertRefused(Train(spec), spec, path);
    }

    [Theory]
    [InlineData("\"history\": { \"loss\": [1], \"loss\": [2] }", "$.history.loss")]
    [InlineData("\"result\": { \"steps\": \"many\" }", "$.result.steps")]
    [InlineData("\"result\": { \"steps\": true }", "$.result.steps")]
    [InlineData("\"result\": { \"steps\": [] }", "$.result.steps")]
    [InlineData("\"result\": { \"steps\": {} }", "$.result.steps")]
    public void ABrokenModelFile_IsRefusedByPredictEvaluateAndDiagram(string part, string path)
    {
        string model = CliProcess.TempSpec($$"""{ "inputs": 2, "layers": [ { "units": 1, "activation": "sigmoid", "weights": [[1], [1]], "bias": [0] } ], "loss": "bce", {{part}} }""", "model.json");
        string csv = Path.Combine(Path.GetDirectoryName(model)!, "in.csv");
        File.WriteAllText(csv, "a,b\n0,1\n");
        AssertRefused(CliProcess.Run("predict", model, "--csv", csv), model, path);
        AssertRefused(CliProcess.Run("evaluate", model, "--csv", csv), model, path);
        AssertRefused(CliProcess.Run("diagram", model), model, path);
    }
}
