using Nabla.Diagrams;
using Nabla.Explain.Documents;

namespace Nabla.Explain.Writing;

/// <summary>
/// The explanation's picture of the network, drawn by the same diagram code as <c>nabla diagram</c>:
/// SVG for HTML, the text sketch for Markdown and the terminal, with the starting weights.
/// </summary>
internal static class NetworkDiagram
{
    public static Figure Draw(Explanation e)
    {
        var graph = DiagramGraph.Build(NetworkShape.FromExplanation(e));
        string caption = $"{e.Inputs}-{string.Join("-", e.Layers.Select(l => l.Units))} network: " +
            string.Join(", ", e.Layers.Select(l => $"layer {l.Number} {l.Activation}")) + $"; loss {e.LossName}.";
        return new Figure(SvgDiagram.Write(graph), TextDiagram.Sketch(graph), caption);
    }
}
