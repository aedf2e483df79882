using System.Globalization;
using System.Security;
using System.Text;

namespace Nabla.Diagrams;

/// <summary>
/// The network as an SVG picture: a column per layer with its units, the +1 bias node below
/// them, a line per weight (dashed per bias) labelled with its value when there are few enough,
/// and each value in full as the line's tooltip.
/// </summary>
public static class SvgDiagram
{
    private const double Radius = 20, RowGap = 64, Top = 56, Side = 70, LabelSize = 11;

    public static string Write(NetworkShape shape, bool showWeights = true) => Write(DiagramGraph.Build(shape, showWeights));

    public static string Write(DiagramGraph graph)
    {
        var columns = graph.Columns;
        var x = ColumnPositions(graph);
        int tallest = columns.Max(c => c.Count);
        var at = new Dictionary<DiagramNode, (double X, double Y)>();
        for (int c = 0; c < columns.Count; c++)
        {
            for (int r = 0; r < columns[c].Count; r++)
            {
                at[columns[c][r]] = (x[c], Top + (RowGap * (r + 0.5 + ((tallest - columns[c].Count) / 2.0))));
            }
        }

        double width = Math.Max(x[^1] + Side, 20 + (0.55 * 12 * (graph.Shape.Note?.Length ?? 0))), height = Top + (RowGap * tallest) + (graph.Shape.Note is null ? 8 : 30);
        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width:0.#}\" height=\"{height:0.#}\" viewBox=\"0 0 {width:0.#} {height:0.#}\" font-family=\"serif\" font-size=\"14\">"));
        svg.Append("<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>");
        for (int c = 0; c < columns.Count; c++)
        {
            svg.Append(Invariant($"<text x=\"{x[c]:0.#}\" y=\"20\" text-anchor=\"middle\">{Escape(graph.Title(c))}</text>"));
            if (c > 0)
            {
                svg.Append(Invariant($"<text x=\"{x[c]:0.#}\" y=\"38\" text-anchor=\"middle\" font-size=\"12\" fill=\"#555\">{Escape(graph.Shape.Layers[c - 1].ActivationTitle)}</text>"));
            }
        }

        var placer = new LabelPlacer();
        foreach (var p in at.Values)
        {
            placer.Block(p.X, p.Y, Radius);
        }

        foreach (var edge in graph.Edges)
        {
            var (x1, y1, x2, y2) = Between(at[edge.From], at[edge.To]);
            placer.Edge(x1, y1, x2, y2);
        }

        var lines = new StringBuilder("<g stroke-width=\"1\">");
        var labels = new StringBuilder(Invariant($"<g font-size=\"{LabelSize}\" text-anchor=\"middle\">"));
        foreach (var edge in graph.Edges)
        {
            var (x1, y1, x2, y2) = Between(at[edge.From], at[edge.To]);
            lines.Append(Invariant($"<line x1=\"{x1:0.#}\" y1=\"{y1:0.#}\" x2=\"{x2:0.#}\" y2=\"{y2:0.#}\" stroke=\"{(edge.IsBias ? "#999" : "#444")}\"{(edge.IsBias ? " stroke-dasharray=\"4 3\"" : "")}>"));
            if (edge.Value is double value)
            {
                lines.Append(Invariant($"<title>{edge.Parameter} = {value.ToString("R", CultureInfo.InvariantCulture)}</title>"));
                if (graph.Labelled)
                {
                    string text = DiagramGraph.Format(value);
                    var targets = graph.Columns[edge.To.Column].Where(n => n.IsUnit).ToList();
                    double preferred = 0.2 + (0.5 * targets.IndexOf(edge.To) / Math.Max(1, targets.Count - 1)); // stagger by target
                    var box = placer.Place(x1, y1, x2, y2, text, LabelSize, preferred);
                    labels.Append(Invariant($"<rect x=\"{box.X:0.#}\" y=\"{box.Y:0.#}\" width=\"{box.Width:0.#}\" height=\"{box.Height:0.#}\" rx=\"2\" fill=\"#fff\" fill-opacity=\"0.9\"/>"));
                    labels.Append(Invariant($"<text x=\"{box.X + (box.Width / 2):0.#}\" y=\"{box.Y + (box.Height / 2) + 4:0.#}\" fill=\"{(edge.IsBias ? "#777" : "#05a")}\">{text}</text>"));
                }
            }

            lines.Append("</line>");
        }

        svg.Append(lines).Append("</g>").Append(labels).Append("</g>");
        foreach (var (node, p) in at)
        {
            Node(svg, node, p.X, p.Y);
        }

        if (graph.Shape.Note is string note)
        {
            svg.Append(Invariant($"<text x=\"10\" y=\"{height - 10:0.#}\" font-size=\"12\" fill=\"#555\">{Escape(note)}</text>"));
        }

        return svg.Append("</svg>").ToString();
    }

    private static void Node(StringBuilder svg, DiagramNode node, double x, double y)
    {
        if (node.Kind == NodeKind.Ellipsis)
        {
            svg.Append(Invariant($"<text x=\"{x:0.#}\" y=\"{y + 8:0.#}\" text-anchor=\"middle\" font-size=\"24\">⋮</text>"));
            return;
        }

        string fill = node.Kind switch { NodeKind.Bias => "#eee", NodeKind.Input => "#dfe9f7", _ => "#fbe3c8" };
        int size = node.Label.Length <= 3 ? 15 : node.Label.Length <= 5 ? 13 : 11;
        svg.Append(Invariant($"<circle cx=\"{x:0.#}\" cy=\"{y:0.#}\" r=\"{Radius}\" fill=\"{fill}\" stroke=\"{(node.Kind == NodeKind.Bias ? "#999" : "#333")}\"/>"));
        svg.Append(Invariant($"<text x=\"{x:0.#}\" y=\"{y + 5:0.#}\" text-anchor=\"middle\" font-size=\"{size}\">{node.Label}</text>"));
    }

    /// <summary>Centres of the columns: wider gaps where there are labels to fit between many edges.</summary>
    private static double[] ColumnPositions(DiagramGraph graph)
    {
        var x = new double[graph.Columns.Count];
        x[0] = Side;
        for (int c = 1; c < x.Length; c++)
        {
            int crowd = Math.Max(graph.Columns[c - 1].Count, graph.Columns[c].Count);
            int longest = graph.Edges.Where(e => e.To.Column == c && e.Value is not null).Select(e => DiagramGraph.Format(e.Value!.Value).Length).DefaultIfEmpty(0).Max();
            x[c] = x[c - 1] + (graph.Labelled ? Math.Clamp(150 + (20 * crowd) + (4 * longest), 220, 360) : 170);
        }

        return x;
    }

    /// <summary>The segment between two circles, from rim to rim.</summary>
    private static (double X1, double Y1, double X2, double Y2) Between((double X, double Y) a, (double X, double Y) b)
    {
        double dx = b.X - a.X, dy = b.Y - a.Y, length = Math.Sqrt((dx * dx) + (dy * dy));
        double ux = dx / length * Radius, uy = dy / length * Radius;
        return (a.X + ux, a.Y + uy, b.X - ux, b.Y - uy);
    }

    private static string Escape(string text) => SecurityElement.Escape(text);

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
