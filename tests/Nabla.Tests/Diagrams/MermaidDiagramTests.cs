using System.Text.RegularExpressions;
using Nabla.Diagrams;

namespace Nabla.Tests.Diagrams;

/// <summary>The Mermaid flowchart: left to right, a node per unit and bias, an edge per weight and bias.</summary>
public partial class MermaidDiagramTests
{
    [Fact]
    public void Seed000_HasEveryNodeAndLabelledEdge()
    {
        string text = MermaidDiagram.Write(NetworkShape.FromSpec(Examples.Load("seed-000-report-lr0.5.json")));
        var lines = text.Split('\n');
        Assert.Equal("flowchart LR", lines[0]);
        Assert.Equal(["x1", "x2", "b1", "h1_1", "h1_2", "b2", "y1"], lines.Select(l => NodeRegex().Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value));
        Assert.Equal(6, lines.Count(l => l.Contains(" --> ", StringComparison.Ordinal) || l.Contains(" -->|", StringComparison.Ordinal)));
        Assert.Equal(3, lines.Count(l => l.Contains(" -.->", StringComparison.Ordinal)));
        Assert.Contains("    x1 -->|\"-0.00656\"| h1_1", lines);
        Assert.Contains("    h1_2 -->|\"0.00203\"| y1", lines);
        Assert.Contains("    b1 -.->|\"0\"| h1_2", lines);
        Assert.Contains("    h1_1((\"a₁⁽¹⁾\"))", lines);
    }

    [Fact]
    public void Seed002_HasNineNodes_EighteenEdges_NoBias()
    {
        var lines = MermaidDiagram.Write(NetworkShape.FromSpec(Examples.Load("seed-002-leaky-relu-softmax.json"))).Split('\n');
        Assert.Equal(9, lines.Count(l => NodeRegex().IsMatch(l)));
        Assert.Equal(18, lines.Count(l => l.Contains("-->", StringComparison.Ordinal)));
        Assert.DoesNotContain(lines, l => l.Contains("-.->", StringComparison.Ordinal));
        Assert.Contains("    x3 -->|\"-0.7\"| h1_3", lines);
    }

    [Fact]
    public void NoWeights_LeavesEdgesUnlabelled()
    {
        var lines = MermaidDiagram.Write(NetworkShape.FromSpec(Examples.Load("seed-000-report-lr0.5.json")), showWeights: false).Split('\n');
        Assert.Contains("    x1 --> h1_1", lines);
        Assert.Contains("    b2 -.-> y1", lines);
        Assert.DoesNotContain(lines, l => l.Contains('|', StringComparison.Ordinal));
    }

    [GeneratedRegex(@"^    (\w+)\(\(""")]
    private static partial Regex NodeRegex();
}
