using System.Globalization;
using System.Security;
using System.Text;

namespace Nabla.Diagrams;

/// <summary>
/// The network as an SVG picture: a column per layer with its units, the +1 bias node below
/// them, a line per weight (dashed per bias) labelled with its value when every label of its layer
/// can be read (each on a clear spot of its own line, haloed in white), and each value in full as the line's tooltip.
/// </summary>
public static class SvgDiagram
{
    private const double Radius = 20, RowGap = 64, Top = 56, Side = 70, LabelSize = 11;

    /// <summary>The network as an SVG picture, with each edge's weight unless <paramref name="showWeights"/> is false.</summary>
    public static string Write(NetworkShape shape, bool showWeights = true) => Write(DiagramGraph.Build(shape, showWeights));

    /// <summary>
    /// The picture of <paramref name="graph"/>. With <paramref name="weightColors"/>, every edge with a value is
    /// coloured by its sign (blue positive, orange negative) and drawn wider the larger its size, against the largest in the graph.
    /// With <paramref name="unitData"/>, each hidden and output unit is a group <c>&lt;g class="unit" data-layer="l" data-unit="j"&gt;</c>
    /// (l and j from 1), so a page can tell which unit was clicked.
    /// </summary>
    public static string Write(DiagramGraph graph, bool weightColors = false, bool unitData = false)
    {
        var columns = graph.Columns;
        bool[] readable = Readable(graph);
        var x = ColumnPositions(graph, readable);
        var at = Layout(graph, x);
        int tallest = columns.Max(c => c.Count);
        string? hint = Hint(graph, readable);
        double width = Math.Max(x[^1] + Side, 20 + (0.55 * 12 * Math.Max(graph.Shape.Note?.Length ?? 0, hint?.Length ?? 0)));
        double footer = (graph.Shape.Note is null ? 0 : 22) + (hint is null ? 0 : 22);
        double height = Top + (RowGap * tallest) + (footer == 0 ? 8 : footer + 8);
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

        var placer = Placer(graph, at);
        var lines = new StringBuilder("<g stroke-width=\"1\">");
        double largest = weightColors ? graph.Edges.Select(e => Math.Abs(e.Value ?? 0)).Where(double.IsFinite).DefaultIfEmpty(0).Max() : 0;

        // A white halo (the stroke, painted under the glyphs) keeps a gap between the text and any line it sits on.
        var labels = new StringBuilder(Invariant($"<g font-size=\"{LabelSize}\" text-anchor=\"middle\" stroke=\"#fff\" stroke-width=\"{Halo}\" stroke-linejoin=\"round\" paint-order=\"stroke\">"));
        foreach (var edge in graph.Edges)
        {
            var (x1, y1, x2, y2) = Between(at[edge.From], at[edge.To]);
            string stroke = weightColors && edge.Value is double w ? WeightStroke(w, largest) : $"stroke=\"{(edge.IsBias ? "#999" : "#444")}\"";
            lines.Append(Invariant($"<line x1=\"{x1:0.#}\" y1=\"{y1:0.#}\" x2=\"{x2:0.#}\" y2=\"{y2:0.#}\" {stroke}{(edge.IsBias ? " stroke-dasharray=\"4 3\"" : "")}>"));
            if (edge.Value is double value)
            {
                lines.Append(Invariant($"<title>{edge.Parameter} = {value.ToString("R", CultureInfo.InvariantCulture)}</title>"));
                if (readable[edge.To.Column])
                {
                    var (text, box) = PlaceLabel(graph, placer, edge, value, (x1, y1, x2, y2));
                    labels.Append(Invariant($"<rect x=\"{box.X:0.#}\" y=\"{box.Y:0.#}\" width=\"{box.Width:0.#}\" height=\"{box.Height:0.#}\" rx=\"2\" fill=\"#fff\" stroke=\"none\"/>"));
                    labels.Append(Invariant($"<text x=\"{box.X + (box.Width / 2):0.#}\" y=\"{box.Y + (box.Height / 2) + 4:0.#}\" fill=\"{(edge.IsBias ? "#777" : "#05a")}\">{text}</text>"));
                }
            }

            lines.Append("</line>");
        }

        svg.Append(lines).Append("</g>").Append(labels).Append("</g>");
        foreach (var (node, p) in at)
        {
            Node(svg, node, p.X, p.Y, unitData && (node.Kind is NodeKind.Hidden or NodeKind.Output));
        }

        double line = height - 10 - (hint is null ? 0 : 22);
        if (graph.Shape.Note is string note)
        {
            svg.Append(Invariant($"<text x=\"10\" y=\"{line:0.#}\" font-size=\"12\" fill=\"#555\">{Escape(note)}</text>"));
        }

        if (hint is not null)
        {
            svg.Append(Invariant($"<text x=\"10\" y=\"{height - 10:0.#}\" font-size=\"12\" fill=\"#555\">{Escape(hint)}</text>"));
        }

        return svg.Append("</svg>").ToString();
    }

    /// <summary>An edge's colour by the sign of its value (Okabe–Ito blue and orange) and its width by its size: 0.5 to 5 pixels.</summary>
    internal static string WeightStroke(double value, double largest)
    {
        double size = largest > 0 && double.IsFinite(value) ? Math.Min(1, Math.Abs(value) / largest) : 0;
        return Invariant($"stroke=\"{(value >= 0 ? "#0072b2" : "#e69f00")}\" stroke-width=\"{0.5 + (4.5 * size):0.##}\" stroke-opacity=\"{0.35 + (0.65 * size):0.##}\"");
    }

    /// <summary>Width of the white halo around label glyphs (pixels).</summary>
    internal const double Halo = 3;

    /// <summary>
    /// Per column (index 1 on), whether the values of the edges into it are drawn as labels: only when
    /// the graph is labelled and every one of them finds a clear spot (no node, no other label, no
    /// other edge under it); otherwise none of that layer's are, and each value stays the line's tooltip.
    /// </summary>
    internal static bool[] Readable(DiagramGraph graph)
    {
        var readable = new bool[graph.Columns.Count];
        if (!graph.Labelled)
        {
            return readable;
        }

        Array.Fill(readable, true);
        var at = Layout(graph, ColumnPositions(graph, readable));
        var placer = Placer(graph, at);
        for (int c = 1; c < readable.Length; c++)
        {
            int mark = placer.Taken;
            foreach (var edge in graph.Edges.Where(e => e.To.Column == c && e.Value is not null))
            {
                readable[c] &= PlaceLabel(graph, placer, edge, edge.Value!.Value, Between(at[edge.From], at[edge.To])).Box.Clear;
            }

            if (!readable[c])
            {
                placer.Release(mark);
            }
        }

        return readable;
    }

    /// <summary>What the reader should know when some values are known but not written on their lines.</summary>
    private static string? Hint(DiagramGraph graph, bool[] readable)
    {
        var hidden = Enumerable.Range(1, readable.Length - 1)
            .Where(c => !readable[c] && graph.Edges.Any(e => e.To.Column == c && e.Value is not null)).ToList();
        if (hidden.Count == 0)
        {
            return null;
        }

        string which = hidden.Count == readable.Length - 1 ? "The weights are" : $"The weights of layer{(hidden.Count > 1 ? "s" : "")} {string.Join(", ", hidden)} are";
        return $"{which} too many to label legibly: hover over a line to see its value.";
    }

    private static Dictionary<DiagramNode, (double X, double Y)> Layout(DiagramGraph graph, double[] x)
    {
        var columns = graph.Columns;
        int tallest = columns.Max(c => c.Count);
        var at = new Dictionary<DiagramNode, (double X, double Y)>();
        for (int c = 0; c < columns.Count; c++)
        {
            for (int r = 0; r < columns[c].Count; r++)
            {
                at[columns[c][r]] = (x[c], Top + (RowGap * (r + 0.5 + ((tallest - columns[c].Count) / 2.0))));
            }
        }

        return at;
    }

    /// <summary>A placer that knows every node and every edge.</summary>
    private static LabelPlacer Placer(DiagramGraph graph, Dictionary<DiagramNode, (double X, double Y)> at)
    {
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

        return placer;
    }

    /// <summary>The label text (with a true minus sign) and its box on the edge.</summary>
    private static (string Text, (double X, double Y, double Width, double Height, bool Clear) Box) PlaceLabel(
        DiagramGraph graph, LabelPlacer placer, DiagramEdge edge, double value, (double X1, double Y1, double X2, double Y2) segment)
    {
        string text = DiagramGraph.Format(value).Replace('-', '−');
        var targets = graph.Columns[edge.To.Column].Where(n => n.IsUnit).ToList();
        double preferred = 0.2 + (0.5 * targets.IndexOf(edge.To) / Math.Max(1, targets.Count - 1)); // stagger by target
        return (text, placer.Place(segment.X1, segment.Y1, segment.X2, segment.Y2, text, LabelSize, preferred));
    }

    private static void Node(StringBuilder svg, DiagramNode node, double x, double y, bool unitData = false)
    {
        if (node.Kind == NodeKind.Ellipsis)
        {
            svg.Append(Invariant($"<text x=\"{x:0.#}\" y=\"{y + 8:0.#}\" text-anchor=\"middle\" font-size=\"24\">⋮</text>"));
            return;
        }

        string fill = node.Kind switch { NodeKind.Bias => "#eee", NodeKind.Input => "#dfe9f7", _ => "#fbe3c8" };
        int size = node.Label.Length <= 3 ? 15 : node.Label.Length <= 5 ? 13 : 11;
        if (unitData)
        {
            svg.Append(Invariant($"<g class=\"unit\" data-layer=\"{node.Column}\" data-unit=\"{node.Unit + 1}\">"));
        }

        svg.Append(Invariant($"<circle cx=\"{x:0.#}\" cy=\"{y:0.#}\" r=\"{Radius}\" fill=\"{fill}\" stroke=\"{(node.Kind == NodeKind.Bias ? "#999" : "#333")}\"/>"));
        svg.Append(Invariant($"<text x=\"{x:0.#}\" y=\"{y + 5:0.#}\" text-anchor=\"middle\" font-size=\"{size}\">{node.Label}</text>"));
        if (unitData)
        {
            svg.Append("</g>");
        }
    }

    /// <summary>Centres of the columns: wider gaps where there are labels to fit between many edges.</summary>
    private static double[] ColumnPositions(DiagramGraph graph, bool[] readable)
    {
        var x = new double[graph.Columns.Count];
        x[0] = Side;
        for (int c = 1; c < x.Length; c++)
        {
            int crowd = Math.Max(graph.Columns[c - 1].Count, graph.Columns[c].Count);
            int longest = graph.Edges.Where(e => e.To.Column == c && e.Value is not null).Select(e => DiagramGraph.Format(e.Value!.Value).Length).DefaultIfEmpty(0).Max();
            x[c] = x[c - 1] + (readable[c] ? Math.Clamp(150 + (20 * crowd) + (4 * longest), 220, 360) : 170);
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
