using Nabla.Explain.Documents;
using Nabla.Numerics;

namespace Nabla.Explain.Rendering;

/// <summary>
/// Math nodes as plain Unicode text: on one line (for running text and tables) or laid out in two
/// dimensions (for displayed equations) with stacked fractions and bracketed matrices.
/// </summary>
internal sealed class TextMath(int decimals)
{
    private const string ColumnGap = "  ";

    /// <summary>The node on one line: ∂L/∂w, σ(z₁), [[0.3, 0.5], [0.7, 1]].</summary>
    public string Linear(MathNode node) => node switch
    {
        Symbol s => UnicodeScripts.Attach(s.Name, s.Sub, s.Sup),
        Number n => Number(n.Value),
        Word w => w.Text,
        Operator o => o.Symbol,
        Row r => LinearRow(r.Items),
        Fraction f => Grouped(f.Numerator, Linear(f.Numerator)) + "/" + Grouped(f.Denominator, Linear(f.Denominator)),
        Scripts s => LinearBase(s.Base) + UnicodeScripts.Subscript(OptionalLinear(s.Sub)) + UnicodeScripts.Superscript(OptionalLinear(s.Sup)),
        Fenced f => f.Open + Linear(f.Inner) + f.Close,
        MatrixNode m => "[" + string.Join(", ", m.Cells.Select(row => "[" + string.Join(", ", row.Select(Linear)) + "]")) + "]",
        _ => throw new ArgumentException($"Unknown math node {node.GetType().Name}.", nameof(node)),
    };

    /// <summary>The node drawn in two dimensions.</summary>
    public TextBox Layout(MathNode node) => node switch
    {
        Row r => LayoutRow(r.Items),
        Fraction f => LayoutFraction(f),
        Scripts s => LayoutScripts(s),
        Fenced f => LayoutFenced(f),
        MatrixNode m => LayoutMatrix(m),
        _ => TextBox.Line(Linear(node)),
    };

    /// <summary>A number with a real minus sign: −0.5.</summary>
    public string Number(double value)
    {
        string text = NumberFormat.Format(value, decimals);
        return text.StartsWith('-') ? "−" + text[1..] : text;
    }

    // Scripts are set tight: Σᵢ₌₁ⁿ, not Σ_(i = 1).
    private string? OptionalLinear(MathNode? node) => node is null ? null : Tight(node);

    private string Tight(MathNode node) => Linear(node).Replace(" ", "", StringComparison.Ordinal);

    private string LinearRow(IReadOnlyList<MathNode> items)
    {
        bool[] spaces = MathSpacing.SpacesBefore(items);
        return string.Concat(items.Select((item, i) => (spaces[i] ? " " : "") + Linear(item)));
    }

    // Parentheses keep a compound numerator or denominator together: (a + b)/2, 1/(−2).
    private static string Grouped(MathNode node, string text) =>
        text.Contains(' ', StringComparison.Ordinal) || node is Fraction || text.StartsWith('−') ? "(" + text + ")" : text;

    private string LinearBase(MathNode node)
    {
        string text = Linear(node);
        return node is Row { Items.Count: > 1 } or Fraction || (node is Number n && n.Value < 0) ? "(" + text + ")" : text;
    }

    private TextBox LayoutRow(IReadOnlyList<MathNode> items)
    {
        bool[] spaces = MathSpacing.SpacesBefore(items);
        var boxes = new List<TextBox>();
        for (int i = 0; i < items.Count; i++)
        {
            if (spaces[i])
            {
                boxes.Add(TextBox.Line(" "));
            }

            boxes.Add(Layout(items[i]));
        }

        return TextBox.Beside(boxes);
    }

    private TextBox LayoutFraction(Fraction fraction)
    {
        TextBox numerator = Layout(fraction.Numerator);
        TextBox denominator = Layout(fraction.Denominator);
        var bar = TextBox.Line(new string('─', Math.Max(numerator.Width, denominator.Width)));
        return TextBox.Stack([numerator, bar, denominator], numerator.Height);
    }

    private TextBox LayoutScripts(Scripts scripts)
    {
        // Σ and ∏ take their limits below and above.
        if (scripts.Base is Operator { Symbol: "Σ" or "∑" or "∏" or "Π" })
        {
            TextBox symbol = Layout(scripts.Base);
            var parts = new List<TextBox>();
            if (scripts.Sup is not null)
            {
                parts.Add(TextBox.Line(Tight(scripts.Sup)));
            }

            int baseline = parts.Sum(p => p.Height);
            parts.Add(symbol);
            if (scripts.Sub is not null)
            {
                parts.Add(TextBox.Line(Tight(scripts.Sub)));
            }

            return TextBox.Stack(parts, baseline);
        }

        TextBox body = scripts.Base is Row { Items.Count: > 1 } or Fraction ? LayoutFenced(new Fenced(scripts.Base)) : Layout(scripts.Base);
        string sub = UnicodeScripts.Subscript(OptionalLinear(scripts.Sub));
        string sup = UnicodeScripts.Superscript(OptionalLinear(scripts.Sup));
        if (body.Height == 1)
        {
            return TextBox.Beside([body, TextBox.Line(sub + sup)]);
        }

        // A tall base: superscript beside its top row, subscript beside its bottom row.
        string[] column = Enumerable.Repeat("", body.Height).ToArray();
        column[0] = sup;
        column[^1] = sub;
        return TextBox.Beside([body, TextBox.Of(column, body.Baseline)]);
    }

    private TextBox LayoutFenced(Fenced fenced)
    {
        TextBox inner = Layout(fenced.Inner);
        if (inner.Height == 1)
        {
            return TextBox.Beside([TextBox.Line(fenced.Open), inner, TextBox.Line(fenced.Close)]);
        }

        return inner.Between(TallBracket.Column(fenced.Open, inner.Height, inner.Baseline), TallBracket.Column(fenced.Close, inner.Height, inner.Baseline));
    }

    private TextBox LayoutMatrix(MatrixNode matrix)
    {
        if (matrix.Cells.Count == 0)
        {
            return TextBox.Line("[]");
        }

        int columns = matrix.Cells.Max(row => row.Count);
        TextBox[][] cells = matrix.Cells.Select(row => row.Select(Layout).ToArray()).ToArray();
        for (int c = 0; c < columns; c++)
        {
            AlignColumn(matrix, cells, c);
        }

        var rows = new List<TextBox>();
        foreach (TextBox[] row in cells)
        {
            var pieces = new List<TextBox>();
            for (int c = 0; c < columns; c++)
            {
                if (c > 0)
                {
                    pieces.Add(TextBox.Line(ColumnGap));
                }

                pieces.Add(c < row.Length ? row[c] : TextBox.Line(""));
            }

            rows.Add(TextBox.Beside(pieces));
        }

        int width = rows.Max(r => r.Width);
        var body = TextBox.Stack(rows.Select(r => r.Widen(width)).ToList(), 0);
        if (body.Height == 1)
        {
            return TextBox.Beside([TextBox.Line("[ "), body, TextBox.Line(" ]")]);
        }

        int baseline = (body.Height - 1) / 2;
        body = TextBox.Of(body.Lines, baseline);
        return body.Between(TallBracket.Column("[", body.Height, baseline), TallBracket.Column("]", body.Height, baseline));
    }

    // Numbers line up on the decimal point; anything else is left-aligned in its column.
    private void AlignColumn(MatrixNode matrix, TextBox[][] cells, int column)
    {
        var rows = Enumerable.Range(0, cells.Length).Where(r => column < cells[r].Length).ToList();
        if (rows.All(r => matrix.Cells[r][column] is Number))
        {
            var texts = rows.ToDictionary(r => r, r => Number(((Number)matrix.Cells[r][column]).Value));
            int wholeWidth = texts.Values.Max(t => TextBox.WidthOf(WholePart(t)));
            int fractionWidth = texts.Values.Max(t => TextBox.WidthOf(t) - TextBox.WidthOf(WholePart(t)));
            foreach (int r in rows)
            {
                string whole = WholePart(texts[r]);
                cells[r][column] = TextBox.Line(TextBox.PadLeft(whole, wholeWidth) + TextBox.PadRight(texts[r][whole.Length..], fractionWidth));
            }

            return;
        }

        int width = rows.Max(r => cells[r][column].Width);
        foreach (int r in rows)
        {
            cells[r][column] = cells[r][column].Widen(width);
        }
    }

    private static string WholePart(string number)
    {
        int point = number.IndexOf('.', StringComparison.Ordinal);
        return point < 0 ? number : number[..point];
    }
}
