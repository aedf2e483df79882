using System.Text;

namespace Nabla.Diagrams;

/// <summary>
/// The network as a Mermaid flowchart (left to right): a circle per unit and +1 bias node,
/// an arrow per weight and a dotted one per bias, labelled with the values.
/// </summary>
public static class MermaidDiagram
{
    /// <summary>The network as a Mermaid flowchart, with each edge's weight unless <paramref name="showWeights"/> is false.</summary>
    public static string Write(NetworkShape shape, bool showWeights = true) => Write(DiagramGraph.Build(shape, showWeights));

    /// <summary>A laid-out diagram as a Mermaid flowchart.</summary>
    public static string Write(DiagramGraph graph)
    {
        var text = new StringBuilder("flowchart LR\n");
        Comment(text, graph.Shape.Name);
        Comment(text, graph.Shape.Note);
        for (int c = 0; c < graph.Columns.Count; c++)
        {
            Comment(text, graph.Title(c) + (c > 0 ? ": " + graph.Shape.Layers[c - 1].ActivationTitle : ""));
            foreach (var node in graph.Columns[c])
            {
                text.Append("    ").Append(node.Id).Append(node.Kind == NodeKind.Ellipsis ? "[\"⋮\"]" : $"((\"{node.Label}\"))").Append('\n');
            }
        }

        foreach (var edge in graph.Edges)
        {
            string arrow = edge.IsBias ? "-.->" : "-->";
            string label = graph.Labelled && edge.Value is double v ? $"|\"{DiagramGraph.Format(v)}\"|" : "";
            text.Append($"    {edge.From.Id} {arrow}{label} {edge.To.Id}\n");
        }

        // "⋮" has no edges: an invisible link keeps it in its layer's column.
        foreach (var more in graph.Nodes.Where(n => n.Kind == NodeKind.Ellipsis))
        {
            var neighbour = graph.Columns[more.Column == 0 ? 1 : more.Column - 1][0];
            text.Append(more.Column == 0 ? $"    {more.Id} ~~~ {neighbour.Id}\n" : $"    {neighbour.Id} ~~~ {more.Id}\n");
        }

        text.Append("    classDef input fill:#dfe9f7,stroke:#333\n");
        text.Append("    classDef unit fill:#fbe3c8,stroke:#333\n");
        text.Append("    classDef bias fill:#eee,stroke:#999,stroke-dasharray:4 3\n");
        Class(text, graph, "input", NodeKind.Input);
        Class(text, graph, "unit", NodeKind.Hidden, NodeKind.Output);
        Class(text, graph, "bias", NodeKind.Bias);
        return text.ToString();
    }

    private static void Class(StringBuilder text, DiagramGraph graph, string name, params NodeKind[] kinds)
    {
        var ids = graph.Nodes.Where(n => kinds.Contains(n.Kind)).Select(n => n.Id).ToList();
        if (ids.Count > 0)
        {
            text.Append($"    class {string.Join(",", ids)} {name}\n");
        }
    }

    private static void Comment(StringBuilder text, string? line)
    {
        if (!string.IsNullOrWhiteSpace(line))
        {
            text.Append("    %% ").Append(line.ReplaceLineEndings(" ")).Append('\n');
        }
    }
}
