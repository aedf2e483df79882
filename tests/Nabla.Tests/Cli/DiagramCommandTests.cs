using System.Xml.Linq;

namespace Nabla.Tests.Cli;

/// <summary>`nabla diagram` through the real program: the format from -o's extension or --format, stdout, bad input.</summary>
public class DiagramCommandTests
{
    [Theory]
    [InlineData("net.svg", "<svg xmlns=")]
    [InlineData("net.mmd", "flowchart LR")]
    [InlineData("net.mermaid", "flowchart LR")]
    [InlineData("net.dot", "digraph network {")]
    [InlineData("net.gv", "digraph network {")]
    [InlineData("net.txt", "Seed 000: XOR")]
    [InlineData("net", "<svg xmlns=")]
    public void Output_TakesTheFormatFromTheExtension(string name, string start)
    {
        string file = Path.Combine(Path.GetTempPath(), "nabla-tests", Guid.NewGuid().ToString("N"), name);
        var r = CliProcess.Run("diagram", Examples.Path("seed-000-report-lr0.5.json"), "-o", file);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("", r.Out);
        Assert.Contains(file, r.Error, StringComparison.Ordinal);
        string text = File.ReadAllText(file);
        Assert.StartsWith(start, text, StringComparison.Ordinal);
        Assert.Contains("0.00917", text, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(file)!, "*.tmp")); // written atomically, nothing left over
    }

    [Fact]
    public void Stdout_IsSvgByDefault()
    {
        var r = CliProcess.Run("diagram", Examples.Path("seed-002-leaky-relu-softmax.json"));
        Assert.Equal(0, r.ExitCode);
        var svg = XDocument.Parse(r.Out).Root!;
        Assert.Equal(9, svg.Descendants(svg.Name.Namespace + "circle").Count());
        Assert.Equal(18, svg.Descendants(svg.Name.Namespace + "line").Count());
    }

    [Fact]
    public void Format_WinsOverTheExtension()
    {
        string file = Path.Combine(Path.GetTempPath(), "nabla-tests", Guid.NewGuid().ToString("N"), "net.svg");
        var r = CliProcess.Run("diagram", Examples.Path("seed-002-leaky-relu-softmax.json"), "-o", file, "--format", "mermaid");
        Assert.Equal(0, r.ExitCode);
        Assert.StartsWith("flowchart LR", File.ReadAllText(file), StringComparison.Ordinal);
    }

    [Fact]
    public void NoWeights_DrawsNoValues()
    {
        var r = CliProcess.Run("diagram", Examples.Path("seed-000-report-lr0.5.json"), "--format", "dot", "--no-weights");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(9, r.Out.Split('\n').Count(l => l.Contains(" -> ", StringComparison.Ordinal)));
        Assert.DoesNotContain("0.00917", r.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("label=\"0", r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownFormat_IsAUsageError()
    {
        var r = CliProcess.Run("diagram", Examples.Path("seed-000-report-lr0.5.json"), "--format", "png");
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("nabla: ", r.Error, StringComparison.Ordinal);
        Assert.Contains("png", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownExtension_SaysWhichOnesWork()
    {
        string file = Path.Combine(Path.GetTempPath(), "nabla-tests", Guid.NewGuid().ToString("N"), "net.png");
        var r = CliProcess.Run("diagram", Examples.Path("seed-000-report-lr0.5.json"), "-o", file);
        Assert.Equal(1, r.ExitCode);
        Assert.Equal("nabla: net.png: cannot tell the diagram format from the extension \".png\". Fix: name the file .svg, .mmd, .dot or .txt, or give --format svg|mermaid|dot|text.", r.Error.Trim());
        Assert.False(File.Exists(file));
    }

    [Fact]
    public void MissingSpec_NamesTheFile()
    {
        var r = CliProcess.Run("diagram", "no-such-spec.json");
        Assert.Equal(1, r.ExitCode);
        Assert.StartsWith("nabla: ", r.Error, StringComparison.Ordinal);
        Assert.Contains("no-such-spec.json", r.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void SpecWithoutWeights_ShowsTheSeededOnes_AndSaysSo()
    {
        string spec = CliProcess.TempSpec("""{ "inputs": 2, "layers": [ { "units": 2, "activation": "tanh" }, { "units": 1, "activation": "sigmoid" } ], "loss": "bce", "train": { "seed": 3 } }""");
        var r = CliProcess.Run("diagram", spec, "--format", "text");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("Layers 1, 2 have no weights in the spec: shown are the initial ones train.seed = 3 draws.", r.Out, StringComparison.Ordinal);
        Assert.Contains("x1 → a1(1)", r.Out, StringComparison.Ordinal);
    }
}
