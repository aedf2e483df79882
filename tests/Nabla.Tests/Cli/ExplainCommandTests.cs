using System.Text.Json;

namespace Nabla.Tests.Cli;

/// <summary>`nabla explain` through the real program: formats, -o, several steps, and bad input.</summary>
public class ExplainCommandTests
{
    [Fact]
    public void Text_IsTheDefault_AndShowsEveryPart()
    {
        var r = CliProcess.Run("explain", Examples.Path("seed-004-neuron-one-example.json"));
        Assert.Equal(0, r.ExitCode);
        foreach (string part in new[] { "Forward pass", "Loss", "Backward pass", "Update", "Gradient check", "σ(0) = 0.5", "0.125", "b₁⁽¹⁾ ← 0 − 1 · 0.125 = −0.125" })
        {
            Assert.Contains(part, r.Out, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Output_WritesTheFile_AndJsonHoldsEveryStep()
    {
        string dir = Path.Combine(Path.GetTempPath(), "nabla-tests", Guid.NewGuid().ToString("N"));
        string file = Path.Combine(dir, "explain.json");
        var r = CliProcess.Run("explain", Examples.Path("seed-002-leaky-relu-softmax.json"), "--format", "json", "--steps", "3", "-o", file);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("", r.Out);
        using var json = JsonDocument.Parse(File.ReadAllText(file));
        var steps = json.RootElement.GetProperty("steps");
        Assert.Equal(3, steps.GetArrayLength());
        Assert.Equal(3, steps[2].GetProperty("step").GetInt32());
        Assert.True(steps[2].GetProperty("quantities").GetProperty("loss").GetDouble() < steps[0].GetProperty("quantities").GetProperty("loss").GetDouble());
    }

    [Fact]
    public void Decimals_RoundWhatIsShown()
    {
        var r = CliProcess.Run("explain", Examples.Path("seed-001-or-sigmoid.json"), "--format", "md", "--decimals", "2");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("\\sigma \\left( 0.3 \\right) = 0.57", r.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("0.5744", r.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2, "--format", "pdf")]
    [InlineData(2, "--notation", "columns")]
    [InlineData(1, "--steps", "0")]
    [InlineData(1, "--decimals", "40")]
    public void BadOptions_GiveOnePlainMessage(int exitCode, string option, string value)
    {
        var r = CliProcess.Run("explain", Examples.Path("seed-001-or-sigmoid.json"), option, value);
        Assert.Equal(exitCode, r.ExitCode);
        Assert.StartsWith("nabla: ", r.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingSpec_NamesTheFile()
    {
        var r = CliProcess.Run("explain", "no-such-spec.json");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("no-such-spec.json", r.Error, StringComparison.Ordinal);
    }
}
