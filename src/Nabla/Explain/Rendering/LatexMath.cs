using Nabla.Explain.Documents;
using Nabla.Numerics;

namespace Nabla.Explain.Rendering;

/// <summary>Math nodes as LaTeX that MathJax (GitHub, most Markdown viewers) understands.</summary>
internal static class LatexMath
{
    /// <summary>
    /// The node as LaTeX. In display mode matrix rows end with "\\" and a line break, the only
    /// place GitHub's $$ blocks keep a double backslash intact.
    /// </summary>
    public static string Render(MathNode node, int decimals, bool display) => new Writer(decimals, display).Latex(node).Trim();

    /// <summary>A number as LaTeX: ASCII minus, ∞ as \infty.</summary>
    public static string Number(double value, int decimals) => NumberFormat.Format(value, decimals) switch
    {
        "∞" => @"\infty",
        "-∞" => @"-\infty",
        "NaN" => @"\text{NaN}",
        string text => text,
    };

    private static bool IsPostfix(MathNode node) => node is Operator { Symbol: "ᵀ" or "′" or "″" };

    private static bool HasSuperscript(MathNode node) => node is Symbol { Sup: not null } or Scripts { Sup: not null };

    private static string Delimiter(string symbol) => symbol switch
    {
        "" => ".",
        "{" => @"\lbrace",
        "}" => @"\rbrace",
        "|" => @"\vert",
        "‖" => @"\Vert",
        "⟨" => @"\langle",
        "⟩" => @"\rangle",
        _ => symbol,
    };

    private sealed class Writer(int decimals, bool display)
    {
        public string Latex(MathNode node) => node switch
        {
            Symbol s => LatexSymbols.Convert(s.Name) + Script("_", s.Sub) + Script("^", s.Sup),
            Number n => LatexMath.Number(n.Value, decimals),
            Word w => LatexSymbols.Word(w.Text),
            Operator o => LatexSymbols.Operator(o.Symbol),
            Row r => RowLatex(r.Items),
            Fraction f => @"\frac{" + Latex(f.Numerator) + "}{" + Latex(f.Denominator) + "}",
            Scripts s => Base(s.Base) + NodeScript("_", s.Sub) + NodeScript("^", s.Sup),
            Fenced f => @"\left" + Delimiter(f.Open) + " " + Latex(f.Inner) + @" \right" + Delimiter(f.Close),
            MatrixNode m => MatrixLatex(m),
            _ => throw new ArgumentException($"Unknown math node {node.GetType().Name}.", nameof(node)),
        };

        private static string Script(string mark, string? text) =>
            text is null ? "" : mark + "{" + LatexSymbols.Convert(text, script: true) + "}";

        private string NodeScript(string mark, MathNode? node) => node is null ? "" : mark + "{" + Latex(node) + "}";

        // A base that is already scripted or compound is grouped so the new scripts apply to all of it.
        private string Base(MathNode node)
        {
            string latex = Latex(node);
            bool simple = node is Symbol { Sub: null, Sup: null } or Word or Operator or Fenced or MatrixNode
                || (node is Number n && n.Value >= 0);
            return simple ? latex : "{" + latex + "}";
        }

        private string RowLatex(IReadOnlyList<MathNode> items)
        {
            var parts = new List<string>();
            for (int i = 0; i < items.Count; i++)
            {
                string latex = Latex(items[i]);
                if (IsPostfix(items[i]) && parts.Count > 0)
                {
                    // Wᵀ: glue to the operand; a superscripted operand needs braces (x^{2}^{\top} is an error).
                    string previous = parts[^1];
                    parts[^1] = (HasSuperscript(items[i - 1]) ? "{" + previous + "}" : previous) + latex;
                }
                else
                {
                    parts.Add(latex);
                }
            }

            return string.Join(" ", parts.Where(p => p.Length > 0));
        }

        private string MatrixLatex(MatrixNode matrix)
        {
            string rowBreak = display ? " \\\\\n" : @" \\ ";
            IEnumerable<string> rows = matrix.Cells.Select(row => string.Join(" & ", row.Select(Latex)));
            return @"\begin{bmatrix} " + string.Join(rowBreak, rows) + @" \end{bmatrix}";
        }
    }
}
