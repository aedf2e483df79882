using System.Globalization;
using System.Text;
using Nabla.Explain.Documents;

namespace Nabla.Explain.Writing;

/// <summary>
/// The network as a picture: inputs, units and bias nodes in columns, an edge per weight
/// (labelled with its value when the network is small). SVG for HTML, a text sketch otherwise.
/// </summary>
public static class NetworkDiagram
{
    private const int ColumnGap = 190, RowGap = 64, Radius = 20, Top = 40;

    /// <param name="weights">W1, W2, … (n_in × n_out), or null to draw the edges unlabelled.</param>
    public static Figure Draw(Explanation e, IReadOnlyList<Tensors.Matrix<double>>? weights)
    {
        string caption = $"{e.Inputs}-{string.Join("-", e.Layers.Select(l => l.Units))} network: " +
            string.Join(", ", e.Layers.Select(l => $"layer {l.Number} {l.Activation}")) + $"; loss {e.LossName}.";
        return new Figure(Svg(e, weights), Sketch(e), caption);
    }

    private static string Svg(Explanation e, IReadOnlyList<Tensors.Matrix<double>>? weights)
    {
        var sizes = new List<int> { e.Inputs };
        sizes.AddRange(e.Layers.Select(l => l.Units));
        int tallest = sizes.Max() + 1;
        int width = (ColumnGap * (sizes.Count - 1)) + 120, height = Top + (RowGap * tallest) + 20;
        bool labels = weights is not null && e.WeightCount <= 60;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"serif\" font-size=\"14\">");
        for (int c = 0; c < sizes.Count; c++)
        {
            string title = c == 0 ? "inputs" : $"layer {c} ({e.Layers[c - 1].Activation})";
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{X(c)}\" y=\"18\" text-anchor=\"middle\">{title}</text>");
        }

        for (int c = 1; c < sizes.Count; c++)
        {
            var layer = e.Layers[c - 1];
            int sources = sizes[c - 1] + (layer.HasBias ? 1 : 0);
            for (int i = 0; i < sources; i++)
            {
                bool bias = i == sizes[c - 1];
                for (int j = 0; j < sizes[c]; j++)
                {
                    double x1 = X(c - 1) + Radius, y1 = Y(i, sizes[c - 1] + 1), x2 = X(c) - Radius, y2 = Y(j, sizes[c] + 1);
                    svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{x1}\" y1=\"{y1:0.#}\" x2=\"{x2}\" y2=\"{y2:0.#}\" stroke=\"{(bias ? "#999" : "#333")}\" stroke-dasharray=\"{(bias ? "4 3" : "none")}\"/>");
                    if (labels && !bias)
                    {
                        double t = 0.3 + (0.4 * j / Math.Max(1, sizes[c]));
                        string value = NumberFormat.Format(weights![c - 1][i, j], 3);
                        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x1 + ((x2 - x1) * t):0.#}\" y=\"{y1 + ((y2 - y1) * t) - 4:0.#}\" font-size=\"11\" fill=\"#05a\">{value}</text>");
                    }
                }
            }
        }

        for (int c = 0; c < sizes.Count; c++)
        {
            bool hasBias = c < e.Layers.Count && e.Layers[c].HasBias;
            for (int i = 0; i < sizes[c] + (hasBias ? 1 : 0); i++)
            {
                bool bias = i == sizes[c];
                string label = bias ? "+1" : c == 0 ? $"x{i + 1}" : c == sizes.Count - 1 ? $"ŷ{i + 1}" : $"a{i + 1}";
                svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{X(c)}\" cy=\"{Y(i, sizes[c] + 1):0.#}\" r=\"{Radius}\" fill=\"{(bias ? "#eee" : c == 0 ? "#dfe9f7" : "#fbe3c8")}\" stroke=\"#333\"/>");
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{X(c)}\" y=\"{Y(i, sizes[c] + 1) + 5:0.#}\" text-anchor=\"middle\">{label}</text>");
            }
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    private static int X(int column) => 60 + (column * ColumnGap);

    private static double Y(int row, int count) => Top + (RowGap * (row + 0.5)) + ((RowGap * (6 - Math.Min(count, 6))) / 4.0);

    /// <summary>Columns of units, one line per row: "x1   a1   ŷ1".</summary>
    private static string Sketch(Explanation e)
    {
        var columns = new List<List<string>> { Enumerable.Range(1, e.Inputs).Select(i => $"x{i}").Append(e.Layers[0].HasBias ? "+1" : "").ToList() };
        for (int l = 1; l <= e.Layers.Count; l++)
        {
            var layer = e.Layers[l - 1];
            bool output = l == e.Layers.Count;
            var units = Enumerable.Range(1, layer.Units).Select(j => output ? $"ŷ{j}" : $"a{j}({l})").ToList();
            if (!output && e.Layers[l].HasBias)
            {
                units.Add("+1");
            }

            columns.Add(units);
        }

        var headers = new List<string> { "inputs" };
        headers.AddRange(e.Layers.Select(l => $"layer {l.Number}: {l.Activation}"));
        int rows = columns.Max(c => c.Count);
        var widths = columns.Select((c, i) => Math.Max(headers[i].Length, c.Max(s => s.Length)) + 4).ToList();
        var text = new StringBuilder();
        text.AppendLine(string.Concat(headers.Select((h, i) => h.PadRight(widths[i]))).TrimEnd());
        for (int r = 0; r < rows; r++)
        {
            var cells = columns.Select((c, i) => (r < c.Count ? c[r] : "").PadRight(widths[i])).ToList();
            text.AppendLine(string.Concat(cells).TrimEnd());
        }

        text.Append("Every unit takes every unit of the column to its left (fully connected); +1 is the bias input.");
        return text.ToString();
    }
}
