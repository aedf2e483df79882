using Nabla.Diagrams;

namespace Nabla.Tests.Diagrams;

/// <summary>The Graphviz DOT text: a digraph, left to right, a cluster per column, an edge line per weight and bias.</summary>
public class DotDiagramTests
{
    [Fact]
    public void Seed002_IsADigraph_WithClustersAndOneEdgePerWeight()
    {
        string dot = DotDiagram.Write(NetworkShape.FromSpec(Examples.Load("seed-002-leaky-relu-softmax.json")));
        var lines = dot.Split('\n');
        Assert.StartsWith("digraph network {", dot, StringComparison.Ordinal);
        Assert.Equal("}", lines.Last(l => l.Length > 0));
        AssertBalanced(dot);
        Assert.Contains("    rankdir=LR;", lines);
        Assert.Equal(3, lines.Count(l => l.StartsWith("    subgraph cluster_", StringComparison.Ordinal)));
        Assert.Equal(18, lines.Count(l => l.Contains(" -> ", StringComparison.Ordinal)));
        Assert.Contains("    x1 -> h1_2 [label=\"0.9\"];", lines);
        Assert.Contains("    h1_3 -> y2 [label=\"-0.3\"];", lines);
        Assert.Contains("        label=\"layer 1\\nleaky_relu (α = 0.01)\";", lines);
    }

    [Fact]
    public void Seed000_BiasNodesSitInTheClusterBeforeTheirLayer_WithDashedEdges()
    {
        string dot = DotDiagram.Write(NetworkShape.FromSpec(Examples.Load("seed-000-report-lr0.5.json")));
        var lines = dot.Split('\n');
        AssertBalanced(dot);
        Assert.Equal(9, lines.Count(l => l.Contains(" -> ", StringComparison.Ordinal)));
        Assert.Equal(3, lines.Count(l => l.Contains(" -> ", StringComparison.Ordinal) && l.Contains("style=dashed", StringComparison.Ordinal)));
        Assert.Contains("    b2 -> y1 [label=\"0\", style=dashed, color=\"#999999\", fontcolor=\"#777777\"];", lines);
        int cluster1 = Array.IndexOf(lines, "    subgraph cluster_1 {"), b2 = Array.FindIndex(lines, l => l.StartsWith("        b2 [", StringComparison.Ordinal));
        Assert.True(b2 > cluster1 && b2 < Array.IndexOf(lines, "    subgraph cluster_2 {"), "b2 belongs to layer 1's cluster");
    }

    [Fact]
    public void Quotes_InTheNote_AreEscaped()
    {
        var shape = new NetworkShape("a \"quoted\" name", 1, [new LayerShape(1, "identity", null, false, null, null)], "say \"hi\"");
        string dot = DotDiagram.Write(shape);
        Assert.Contains("label=\"say \\\"hi\\\"\";", dot, StringComparison.Ordinal);
        AssertBalanced(dot);
    }

    private static void AssertBalanced(string dot)
    {
        int depth = 0;
        bool quoted = false;
        for (int i = 0; i < dot.Length; i++)
        {
            char c = dot[i];
            if (c == '\\' && quoted)
            {
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && (c == '{' || c == '}'))
            {
                depth += c == '{' ? 1 : -1;
                Assert.True(depth >= 0, $"a closing brace without an opening one at {i}");
            }
        }

        Assert.False(quoted, "an unclosed quote");
        Assert.Equal(0, depth);
    }
}
