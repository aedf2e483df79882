using System.Globalization;
using System.Xml.Linq;
using Nabla.Diagrams;
using Nabla.Specs;

namespace Nabla.Tests.Diagrams;

/// <summary>The SVG picture: well-formed, a circle per node, a line per weight and bias, the spec's values as labels.</summary>
public class SvgDiagramTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void Seed000_HasEveryNodeEdgeAndValue()
    {
        var svg = Draw("seed-000-report-lr0.5.json");
        Assert.Equal(7, svg.Descendants(Svg + "circle").Count()); // 2 + 2 + 1 units, 2 bias nodes
        Assert.Equal(9, svg.Descendants(Svg + "line").Count()); // 4 + 2 weights, 2 + 1 biases
        Assert.Equal(["−0.00656", "0.00917", "0.00153", "−0.00281", "0", "0", "0.00259", "0.00203", "0"], Labels(svg));
        Assert.Equal(["x₁", "x₂", "+1", "a₁⁽¹⁾", "a₂⁽¹⁾", "+1", "ŷ₁"], NodeNames(svg));
        Assert.Equal(3, svg.Descendants(Svg + "line").Count(l => l.Attribute("stroke-dasharray") is not null)); // biases dashed
    }

    [Fact]
    public void Seed002_LabelsAreTheSpecWeights_AndNoBiasNodes()
    {
        var svg = Draw("seed-002-leaky-relu-softmax.json");
        Assert.Equal(9, svg.Descendants(Svg + "circle").Count());
        Assert.Equal(18, svg.Descendants(Svg + "line").Count());
        Assert.Equal(["−0.2", "0.9", "0.4", "−0.1", "0.3", "0.4", "0.2", "0.5", "−0.7", "0.2", "−0.5", "0.5", "0.6", "−0.2", "−0.1", "0.8", "−0.5", "−0.3"], Labels(svg));
        Assert.Contains(svg.Descendants(Svg + "text"), t => t.Value == "leaky_relu (α = 0.01)");
    }

    [Fact]
    public void Tooltips_HoldEveryValueInFull()
    {
        var titles = Draw("seed-000-report-lr0.5.json").Descendants(Svg + "line").Select(l => l.Element(Svg + "title")!.Value).ToList();
        Assert.Equal("w₁₁⁽¹⁾ = -0.006562361510258101", titles[0]);
        Assert.Equal("b₁⁽¹⁾ = 0", titles[4]);
        Assert.Equal("w₂₁⁽²⁾ = 0.00203392242200524", titles[7]);
    }

    [Theory]
    [InlineData("seed-000-report-lr0.5.json")]
    [InlineData("seed-002-leaky-relu-softmax.json")]
    [InlineData("iris.json")]
    [InlineData("moons.json")]
    public void Labels_DoNotOverlapEachOtherOrANode_AndSitOnTheirOwnLineOnly(string example)
    {
        var svg = Draw(example);
        var boxes = svg.Descendants(Svg + "rect").Skip(1).Select(r => (X: N(r, "x"), Y: N(r, "y"), W: N(r, "width"), H: N(r, "height"))).ToList();
        var lines = svg.Descendants(Svg + "line").Select(l => (X1: N(l, "x1"), Y1: N(l, "y1"), X2: N(l, "x2"), Y2: N(l, "y2"))).ToList();
        foreach (var box in boxes)
        {
            // Inset a little: the label's own line enters and leaves it, a neighbour may graze a corner's rounding.
            int under = lines.Count(l => Crosses(l, (box.X + 0.5, box.Y + 0.5, box.X + box.W - 0.5, box.Y + box.H - 0.5)));
            Assert.True(under == 1, $"{under} lines run under the label at {box.X}, {box.Y}");
        }

        var circles = svg.Descendants(Svg + "circle").Select(c => (X: N(c, "cx"), Y: N(c, "cy"))).ToList();
        for (int a = 0; a < boxes.Count; a++)
        {
            for (int b = a + 1; b < boxes.Count; b++)
            {
                bool apart = boxes[a].X + boxes[a].W <= boxes[b].X + 0.2 || boxes[b].X + boxes[b].W <= boxes[a].X + 0.2
                    || boxes[a].Y + boxes[a].H <= boxes[b].Y + 0.2 || boxes[b].Y + boxes[b].H <= boxes[a].Y + 0.2;
                Assert.True(apart, $"labels {a} and {b} overlap");
            }

            Assert.All(circles, c => Assert.False(
                c.X + 20 > boxes[a].X && c.X - 20 < boxes[a].X + boxes[a].W && c.Y + 20 > boxes[a].Y && c.Y - 20 < boxes[a].Y + boxes[a].H,
                $"label {a} covers the node at {c.X}, {c.Y}"));
        }
    }

    [Theory]
    [InlineData("iris.json")]
    [InlineData("moons.json")]
    public void A_layer_too_crowded_to_read_is_left_unlabelled_with_its_values_on_hover(string example)
    {
        var spec = Examples.Load(example);
        var graph = DiagramGraph.Build(NetworkShape.FromSpec(spec));
        var svg = XDocument.Parse(SvgDiagram.Write(graph)).Root!;

        var readable = SvgDiagram.Readable(graph);
        int labelled = graph.Edges.Count(e => e.Value is not null && readable[e.To.Column]);
        Assert.True(labelled < graph.Edges.Count, "a crowded layer still carries labels");
        Assert.Equal(labelled, Labels(svg).Count); // a layer is labelled in full or not at all
        Assert.Equal(graph.Edges.Count(e => e.Value is not null), svg.Descendants(Svg + "title").Count()); // every value on hover
        Assert.Contains(svg.Descendants(Svg + "text"), t => t.Value.Contains("hover over a line", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("seed-000-report-lr0.5.json")]
    [InlineData("seed-002-leaky-relu-softmax.json")]
    public void Labels_KeepAWhiteGapFromTheLine_AndWriteATrueMinusSign(string example)
    {
        var svg = Draw(example);
        var group = svg.Elements(Svg + "g").Single(g => (string?)g.Attribute("font-size") == "11");
        Assert.Equal("#fff", (string?)group.Attribute("stroke"));
        Assert.Equal("stroke", (string?)group.Attribute("paint-order")); // the halo under the glyphs, not over them
        Assert.True(N(group, "stroke-width") >= 2);

        var boxes = group.Elements(Svg + "rect").ToList();
        var texts = group.Elements(Svg + "text").ToList();
        Assert.Equal(texts.Count, boxes.Count);
        for (int i = 0; i < texts.Count; i++)
        {
            Assert.DoesNotContain('-', texts[i].Value);
            Assert.Equal("none", (string?)boxes[i].Attribute("stroke"));

            // The background is wider than the text, even set in a wide serif (digits 0.55 em, minus 0.6 em).
            double wide = texts[i].Value.Sum(c => c == '−' ? 0.6 : c == '.' ? 0.28 : 0.55) * 11;
            Assert.True(N(boxes[i], "width") >= wide + 2, $"label '{texts[i].Value}' in a box {N(boxes[i], "width")} wide");
        }

        Assert.Contains(texts, t => t.Value.StartsWith('−'));
    }

    [Fact]
    public void NoWeights_DrawsTheArchitectureOnly()
    {
        var svg = XDocument.Parse(SvgDiagram.Write(NetworkShape.FromSpec(Examples.Load("seed-000-report-lr0.5.json")), showWeights: false)).Root!;
        Assert.Equal(9, svg.Descendants(Svg + "line").Count());
        Assert.Empty(Labels(svg));
        Assert.Empty(svg.Descendants(Svg + "title"));
    }

    [Fact]
    public void MoreThan60Weights_AreDrawnUnlabelled()
    {
        var spec = SpecReader.Parse("""{ "inputs": 8, "layers": [ { "units": 8, "activation": "tanh" }, { "units": 1, "activation": "sigmoid" } ], "loss": "bce" }""");
        var svg = XDocument.Parse(SvgDiagram.Write(NetworkShape.FromSpec(spec))).Root!;
        Assert.Equal(64 + 8 + 8 + 1, svg.Descendants(Svg + "line").Count());
        Assert.Empty(Labels(svg));
        Assert.Equal(81, svg.Descendants(Svg + "title").Count()); // the values stay as tooltips
    }

    [Fact]
    public void WideLayers_ShowTheirFirstUnits_AnEllipsis_AndTheLast()
    {
        var spec = SpecReader.Parse("""{ "inputs": 30, "layers": [ { "units": 16, "activation": "relu" }, { "units": 2, "activation": "softmax", "bias": false } ], "loss": "cce" }""");
        var svg = XDocument.Parse(SvgDiagram.Write(NetworkShape.FromSpec(spec))).Root!;
        var names = NodeNames(svg);
        Assert.Equal(11 + 1 + 11 + 2, svg.Descendants(Svg + "circle").Count()); // x1..x10, x30, +1; a1..a10, a16; ŷ1, ŷ2
        Assert.Contains("x₃₀", names);
        Assert.Contains("a₁₆⁽¹⁾", names);
        Assert.DoesNotContain("x₁₁", names);
        Assert.Equal(2, svg.Descendants(Svg + "text").Count(t => t.Value == "⋮"));
        Assert.Equal((12 * 11) + (11 * 2), svg.Descendants(Svg + "line").Count());
        Assert.Contains(svg.Descendants(Svg + "text"), t => t.Value == "inputs (30 units)");
    }

    private static XElement Draw(string example) =>
        XDocument.Parse(SvgDiagram.Write(NetworkShape.FromSpec(Examples.Load(example)))).Root!;

    /// <summary>The edge labels: the texts of the group drawn at font size 11.</summary>
    private static List<string> Labels(XElement svg) =>
        svg.Elements(Svg + "g").Where(g => (string?)g.Attribute("font-size") == "11").SelectMany(g => g.Elements(Svg + "text")).Select(t => t.Value).ToList();

    private static List<string> NodeNames(XElement svg) =>
        svg.Elements(Svg + "circle").Select(c => ((XElement)c.NextNode!).Value).ToList();

    /// <summary>Whether the segment passes through the box (Liang–Barsky clipping).</summary>
    private static bool Crosses((double X1, double Y1, double X2, double Y2) e, (double X0, double Y0, double X1, double Y1) box)
    {
        double dx = e.X2 - e.X1, dy = e.Y2 - e.Y1, enter = 0, leave = 1;
        foreach (var (p, q) in new[] { (-dx, e.X1 - box.X0), (dx, box.X1 - e.X1), (-dy, e.Y1 - box.Y0), (dy, box.Y1 - e.Y1) })
        {
            if (p == 0)
            {
                if (q < 0)
                {
                    return false;
                }
            }
            else if (p < 0)
            {
                enter = Math.Max(enter, q / p);
            }
            else
            {
                leave = Math.Min(leave, q / p);
            }
        }

        return enter < leave;
    }

    private static double N(XElement e, string attribute) => double.Parse(e.Attribute(attribute)!.Value, CultureInfo.InvariantCulture);
}
