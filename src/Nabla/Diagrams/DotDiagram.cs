using System.Text;

namespace Nabla.Diagrams;

/// <summary>
/// The network in Graphviz DOT (render with <c>dot -Tsvg</c>): left to right, a cluster per
/// layer holding its units and the +1 node feeding the next layer, labelled edges.
/// </summary>
public static class DotDiagram
{
    /// <summary>The network as a Graphviz dot graph, with each edge's weight unless <paramref name="showWeights"/> is false.</summary>
    public static string Write(NetworkShape shape, bool showWeights = true) => Write(DiagramGraph.Build(shape, showWeights));

    /// <summary>A laid-out diagram as a Graphviz dot graph.</summary>
    public static string Write(DiagramGraph graph)
    {
        var text = new StringBuilder("digraph network {\n");
        if (!string.IsNullOrWhiteSpace(graph.Shape.Name))
        {
            text.Append("    // ").Append(graph.Shape.Name.ReplaceLineEndings(" ")).Append('\n');
        }

        text.Append("    rankdir=LR;\n    splines=line;\n    nodesep=0.25;\n    ranksep=").Append(graph.Labelled ? "2" : "1.2").Append(";\n");
        text.Append("    node [shape=circle, width=0.55, fixedsize=true, fontname=\"serif\", style=filled, fillcolor=\"#fbe3c8\"];\n");
        text.Append("    edge [arrowsize=0.6, fontname=\"serif\", fontsize=10, fontcolor=\"#0055aa\"];\n");
        if (graph.Shape.Note is string note)
        {
            text.Append($"    label={Quote(note)};\n    labelloc=b;\n    fontsize=11;\n");
        }

        for (int c = 0; c < graph.Columns.Count; c++)
        {
            string title = graph.Title(c) + (c > 0 ? "\n" + graph.Shape.Layers[c - 1].ActivationTitle : "");
            text.Append($"    subgraph cluster_{c} {{\n        label={Quote(title)};\n        color=\"#cccccc\";\n");
            foreach (var node in graph.Columns[c])
            {
                string style = node.Kind switch
                {
                    NodeKind.Input => ", fillcolor=\"#dfe9f7\"",
                    NodeKind.Bias => ", fillcolor=\"#eeeeee\", color=\"#999999\"",
                    NodeKind.Ellipsis => ", shape=plaintext, style=\"\"",
                    _ => "",
                };
                text.Append($"        {node.Id} [label={Quote(node.Label)}{style}];\n");
            }

            text.Append("    }\n");
        }

        foreach (var edge in graph.Edges)
        {
            var attributes = new List<string>();
            if (graph.Labelled && edge.Value is double v)
            {
                attributes.Add("label=" + Quote(DiagramGraph.Format(v)));
            }

            if (edge.IsBias)
            {
                attributes.AddRange(["style=dashed", "color=\"#999999\"", "fontcolor=\"#777777\""]);
            }

            text.Append($"    {edge.From.Id} -> {edge.To.Id}{(attributes.Count > 0 ? " [" + string.Join(", ", attributes) + "]" : "")};\n");
        }

        // "⋮" has no edges: an invisible one keeps it in its layer's rank.
        foreach (var more in graph.Nodes.Where(n => n.Kind == NodeKind.Ellipsis && n.Column > 0))
        {
            text.Append($"    {graph.Columns[more.Column - 1][0].Id} -> {more.Id} [style=invis];\n");
        }

        return text.Append("}\n").ToString();
    }

    /// <summary>A DOT string: quotes and backslashes escaped, a line break as \n.</summary>
    private static string Quote(string s) =>
        "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).ReplaceLineEndings("\\n") + "\"";
}
