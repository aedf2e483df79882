using Nabla.Diagrams;

namespace Nabla.Tests.Diagrams;

/// <summary>The text form: the sketch of columns, then every edge's value lined up on the point.</summary>
public class TextDiagramTests
{
    [Fact]
    public void Seed000_SketchAndValues()
    {
        string text = TextDiagram.Write(NetworkShape.FromSpec(Examples.Load("seed-000-report-lr0.5.json"))).ReplaceLineEndings("\n");
        Assert.Equal(
            """
            Seed 000: XOR, 2-2-1 ReLU/sigmoid, the report's procedure, learning rate 0.5

            inputs    layer 1: relu    layer 2: sigmoid
            x1        a1(1)            ŷ1
            x2        a2(1)
            +1        +1

            Every unit takes every unit of the column to its left (fully connected); +1 is the bias input.

            layer 1, relu:
              x1 → a1(1)   -0.00656
              x1 → a2(1)    0.00917
              x2 → a1(1)    0.00153
              x2 → a2(1)   -0.00281
              +1 → a1(1)    0
              +1 → a2(1)    0

            layer 2, sigmoid:
              a1(1) → ŷ1   0.00259
              a2(1) → ŷ1   0.00203
              +1 → ŷ1      0

            """.ReplaceLineEndings("\n"),
            text);
    }

    [Fact]
    public void NoBias_SaysNothingOfBiasNodes()
    {
        string sketch = TextDiagram.Sketch(DiagramGraph.Build(NetworkShape.FromSpec(Examples.Load("seed-002-leaky-relu-softmax.json"))));
        Assert.DoesNotContain("+1", sketch, StringComparison.Ordinal);
        Assert.EndsWith("Every unit takes every unit of the column to its left (fully connected).", sketch, StringComparison.Ordinal);
    }
}
