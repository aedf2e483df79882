using Nabla.Explain;
using Nabla.Explain.Checking;
using Nabla.Specs;

namespace Nabla.Tests.Cli;

/// <summary>
/// Careless or hostile command lines, through the real process: each ends in one plain
/// `nabla:` message and its exit code (or succeeds), never a stack trace, a hang or a huge allocation.
/// </summary>
public class HostileCliTests
{
    private static readonly string OrSpec = Examples.Path("seed-001-or-sigmoid.json");

    /// <summary>One plain message: starts "nabla:", no "Unhandled exception", no stack frame.</summary>
    internal static void AssertPlain(CliProcess.Result r, int exitCode, string contains)
    {
        Assert.True(r.ExitCode == exitCode, $"exit {r.ExitCode}: {r.Error}");
        Assert.StartsWith("nabla: ", r.Error);
        Assert.DoesNotContain("Unhandled", r.Error);
        Assert.DoesNotContain("   at ", r.Error);
        Assert.Contains(contains, r.Error);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("1.5")]
    [InlineData("2147483648")]
    [InlineData("-3")]
    public void Train_EpochsThatAreNotACount_AreAUsageError(string epochs) =>
        AssertPlain(CliProcess.Run("train", OrSpec, "--epochs", epochs), 2, "--epochs");

    [Theory]
    [InlineData(",,,")]
    [InlineData("")]
    public void Train_LearningRatesWithNoRate_AreAUsageError(string rates) =>
        AssertPlain(CliProcess.Run("train", OrSpec, "--lr", rates), 2, "no learning rate");

    [Fact]
    public void Explain_TooManySteps_IsRefusedBeforeTraining() =>
        AssertPlain(CliProcess.Run("explain", OrSpec, "--steps", "100000"), 1, $"between 1 and {Explainer.MaxSteps}");

    [Fact]
    public void Check_AStepBeyondTheLimit_IsRefusedOnItsLine()
    {
        string answers = CliProcess.TempSpec("step = 2147483647\nloss = 0.09\n", "a.answers");
        AssertPlain(CliProcess.Run("check", OrSpec, answers), 1, "a.answers:1: step 2147483647");
    }

    [Fact]
    public void Check_AHugeValue_IsWrong_NotRightWithinItsOwnCoarseUnit()
    {
        string answers = CliProcess.TempSpec("loss = 1e300\n", "a.answers");
        var r = CliProcess.Run("check", OrSpec, answers);
        Assert.Equal(Nabla.Cli.CheckCommand.SomeWrong, r.ExitCode);
        Assert.Contains("0 right, 1 wrong", r.Out);
    }

    [Fact]
    public void Predict_AnEmptyTable_IsRefused() =>
        AssertPlain(CliProcess.Run("predict", OrSpec, "--x", ""), 1, "no input rows");

    [Fact]
    public void Predict_NonFiniteOutputs_HaveNoClass()
    {
        // float32 weights of 1e300 become ∞, and the softmax of ∞ − ∞ is NaN.
        string model = CliProcess.TempSpec("""
            {
              "inputs": 1, "classes": ["a", "b"],
              "layers": [ { "units": 2, "activation": "softmax", "weights": [[1e300, 1e300]], "bias": [0, 0] } ],
              "loss": "cce", "data": { "x": [[1]], "y": [[1, 0]] },
              "train": { "learning_rate": 0.1, "epochs": 1, "precision": "float32" }
            }
            """);
        var r = CliProcess.Run("predict", model, "--x", "1;2");
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Contains("none (output not finite)", r.Out);
        Assert.DoesNotContain("│ a ", r.Out);
        Assert.Contains("2 of 2 outputs are not finite", r.Error);
    }

    [Theory]
    [InlineData("epoch,loss\n1,1e308\n2,-1e308\n", "a loss is never negative")]
    [InlineData("epoch,loss,loss\n1,1,1\n", "names \"loss\" twice")]
    public void Plot_AnImpossibleHistory_IsRefusedOnItsLine(string csv, string message)
    {
        string history = CliProcess.TempSpec(csv, "history.csv");
        AssertPlain(CliProcess.Run("plot", history), 1, message);
    }

    [Fact]
    public void Plot_ValuesNoAxisCanSpan_AreLeftOut()
    {
        string history = CliProcess.TempSpec("epoch,loss,accuracy\n1,1e308,1e308\n2,0.5,-1e308\n3,0.25,0.5\n", "history.csv");
        var r = CliProcess.Run("plot", history);
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(history)!, "loss.png")));
    }

    [Fact]
    public void Plot_IntoAFolderThatCannotBeMade_IsOnePlainMessage()
    {
        string history = CliProcess.TempSpec("epoch,loss\n1,0.5\n2,0.25\n", "history.csv");
        string file = Path.Combine(Path.GetDirectoryName(history)!, "a-file");
        File.WriteAllText(file, "x");
        AssertPlain(CliProcess.Run("plot", history, "--out", Path.Combine(file, "plots")), 1, "a-file");
    }

    [Fact]
    public void Predict_AMissingCsv_PointsAtTheOption_NotAtASpec()
    {
        var r = CliProcess.Run("predict", Examples.Path("iris.json"), "--csv", "nope.csv");
        AssertPlain(r, 1, "Fix: check the file given to --csv");
        Assert.DoesNotContain("spec", r.Error);
    }

    [Fact]
    public void Evaluate_ACsvWithoutTheLabelColumn_AsksForLabel()
    {
        string csv = CliProcess.TempSpec("a,b,c,d\n5.1,3.5,1.4,0.2\n", "new.csv");
        var r = CliProcess.Run("evaluate", Examples.Path("iris.json"), "--csv", csv);
        AssertPlain(r, 1, "Fix: pass --label COLUMN");
        Assert.DoesNotContain("spec", r.Error);
    }

    [Fact]
    public void Check_AnEndlessAnswerFile_IsRefusedAtItsLimit()
    {
        if (!File.Exists("/dev/zero"))
        {
            return; // an endless device exists only on Unix
        }

        AssertPlain(CliProcess.Run("check", OrSpec, "/dev/zero"), 1, "the answer file is larger than 16 MiB");
    }

    [Fact]
    public void Check_AnAnswerFileWithAByteOrderMark_IsRead()
    {
        string answers = Path.Combine(CliProcess.TempFolder(), "a.answers");
        File.WriteAllText(answers, "loss = 0.0903\n", new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        var r = CliProcess.Run("check", OrSpec, answers);
        Assert.True(r.ExitCode == 0, r.Out + r.Error);
    }

    [Fact]
    public void Trace_RefusesToKeepMoreThanItsBudget()
    {
        var spec = SpecReader.ReadFile(Examples.Path("digits.json"));
        var e = Assert.Throws<NablaException>(() => Explainer.Run(spec, Explainer.MaxSteps));
        Assert.Contains("Fix: ask for at most", e.Message);
    }

    [Theory]
    [InlineData("1e300", 0.125, false)]
    [InlineData("1", 0.125, false)]
    [InlineData("0", 0.125, true)] // 0.125 rounded to a whole number
    [InlineData("0", 0.7, false)]
    [InlineData("0.13", 0.125, true)]
    [InlineData("0.752", 0.75087, true)] // one unit in the last place
    [InlineData("0.001", 0.0004, false)] // the unit is coarser than the value: exact rounding only
    public void PrecisionRule_UnitsCoarserThanTheValue_NeedExactRounding(string written, double truth, bool right)
    {
        Assert.True(WrittenNumber.TryParse(written, out var number));
        Assert.Equal(right, PrecisionRule.IsRight(number, truth));
    }
}
