using System.Text;

namespace Nabla.Diagrams;

/// <summary>
/// The network as plain text: a sketch with a column per layer ("x1   a1(1)   ŷ1"), and for
/// the diagram command the value of every edge, layer by layer.
/// </summary>
public static class TextDiagram
{
    /// <summary>The network as plain text for a terminal, with each edge's weight unless <paramref name="showWeights"/> is false.</summary>
    public static string Write(NetworkShape shape, bool showWeights = true) => Write(DiagramGraph.Build(shape, showWeights));

    /// <summary>The sketch, then each edge with its value (when labelled), then the note.</summary>
    public static string Write(DiagramGraph graph)
    {
        var text = new StringBuilder();
        if (!string.IsNullOrWhiteSpace(graph.Shape.Name))
        {
            text.Append(graph.Shape.Name.ReplaceLineEndings(" ")).Append("\n\n");
        }

        text.Append(Sketch(graph)).Append('\n');
        if (graph.Labelled)
        {
            foreach (var layer in graph.Edges.GroupBy(e => e.To.Column))
            {
                text.Append($"\nlayer {layer.Key}, {graph.Shape.Layers[layer.Key - 1].ActivationTitle}:\n");
                var lines = layer.Select(e => (Edge: $"{e.From.PlainLabel} → {e.To.PlainLabel}", Value: DiagramGraph.Format(e.Value!.Value))).ToList();
                int width = lines.Max(l => l.Edge.Length) + 3;
                int point = lines.Max(l => IntegerPart(l.Value));
                foreach (var (edge, value) in lines)
                {
                    text.Append("  ").Append(edge.PadRight(width)).Append(new string(' ', point - IntegerPart(value))).Append(value).Append('\n');
                }
            }
        }

        if (graph.Shape.Note is string note)
        {
            text.Append('\n').Append(note).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Columns of units, one line per row, and what the picture means.</summary>
    public static string Sketch(DiagramGraph graph)
    {
        var columns = graph.Columns.Select(c => c.Select(n => n.PlainLabel).ToList()).ToList();
        var headers = Enumerable.Range(0, columns.Count)
            .Select(c => graph.Title(c) + (c > 0 ? ": " + graph.Shape.Layers[c - 1].Activation : "")).ToList();
        int rows = columns.Max(c => c.Count);
        var widths = columns.Select((c, i) => Math.Max(headers[i].Length, c.Max(s => s.Length)) + 4).ToList();
        var text = new StringBuilder();
        text.AppendLine(string.Concat(headers.Select((h, i) => h.PadRight(widths[i]))).TrimEnd());
        for (int r = 0; r < rows; r++)
        {
            text.AppendLine(string.Concat(columns.Select((c, i) => (r < c.Count ? c[r] : "").PadRight(widths[i]))).TrimEnd());
        }

        bool bias = graph.Shape.Layers.Any(l => l.HasBias);
        text.AppendLine();
        text.Append("Every unit takes every unit of the column to its left (fully connected)")
            .Append(bias ? "; +1 is the bias input." : ".");
        if (graph.Columns.Any(c => c.Any(n => n.Kind == NodeKind.Ellipsis)))
        {
            text.Append(" ⋮ stands for the units left out.");
        }

        return text.ToString();
    }

    /// <summary>Characters before the decimal point, to line values up on it.</summary>
    private static int IntegerPart(string value) => value.Contains('.', StringComparison.Ordinal) ? value.IndexOf('.', StringComparison.Ordinal) : value.Length;
}
