using System.Globalization;
using System.Text;
using Nabla.Explain.Documents;
using Nabla.Numerics;

namespace Nabla.Explain.Rendering;

/// <summary>Math nodes as MathML Core, which current browsers draw without scripts or fonts to load.</summary>
internal sealed class MathMLWriter(int decimals)
{
    private const string Transpose = "<mi mathvariant=\"normal\">T</mi>";

    private static readonly Dictionary<char, string> AccentMarks = new()
    {
        ['\u0302'] = "^",
        ['\u0304'] = "¯",
        ['\u0305'] = "¯",
        ['\u0303'] = "~",
        ['\u0307'] = "˙",
        ['\u20D7'] = "→",
    };

    /// <summary>A whole &lt;math&gt; element, inline or displayed as a block.</summary>
    public string Math(MathNode node, bool display) =>
        (display ? "<math display=\"block\">" : "<math>") + Element(node) + "</math>";

    /// <summary>Exactly one MathML element for the node, so it can be a child of mfrac or msub.</summary>
    public string Element(MathNode node) => node switch
    {
        Symbol s => Scripted(Name(s.Name), s.Sub is null ? null : ScriptText(s.Sub), s.Sup is null ? null : ScriptText(s.Sup)),
        Number n => NumberElement(n.Value),
        Word w => WordElement(w.Text),
        Operator o => OperatorElement(o.Symbol),
        Row r => RowElement(r.Items),
        Fraction f => "<mfrac>" + Element(f.Numerator) + Element(f.Denominator) + "</mfrac>",
        Scripts s => ScriptsElement(s),
        Fenced f => "<mrow>" + Fence(f.Open) + Element(f.Inner) + Fence(f.Close) + "</mrow>",
        MatrixNode m => MatrixElement(m),
        _ => throw new ArgumentException($"Unknown math node {node.GetType().Name}.", nameof(node)),
    };

    private static string Fence(string symbol) => symbol.Length == 0 ? "" : "<mo>" + HtmlRenderer.Escape(symbol) + "</mo>";

    private static string Scripted(string body, string? sub, string? sup) => (sub, sup) switch
    {
        (null, null) => body,
        (not null, null) => "<msub>" + body + sub + "</msub>",
        (null, not null) => "<msup>" + body + sup + "</msup>",
        _ => "<msubsup>" + body + sub + sup + "</msubsup>",
    };

    // Names: one <mi>; a combining accent becomes <mover>; trailing ′ or ᵀ become a superscript.
    private static string Name(string name)
    {
        string bare = name.TrimEnd('′', '″', 'ᵀ');
        string marks = name[bare.Length..];
        string core = AccentedLetters.Decompose(bare);
        string body = core.Length > 1 && AccentMarks.TryGetValue(core[^1], out string? accent)
            ? "<mover accent=\"true\">" + Name(core[..^1]) + "<mo>" + accent + "</mo></mover>"
            : "<mi>" + HtmlRenderer.Escape(core) + "</mi>";
        return marks.Length == 0 ? body : "<msup>" + body + Postfix(marks) + "</msup>";
    }

    private static string Postfix(string marks) =>
        marks.All(c => c == 'ᵀ') ? Transpose : "<mo>" + HtmlRenderer.Escape(marks.Replace("ᵀ", "T", StringComparison.Ordinal)) + "</mo>";

    /// <summary>Script text as tokens: digits → mn, letters → mi, the rest → mo ("(2)" → ( 2 )).</summary>
    private static string ScriptText(string text)
    {
        var tokens = new List<string>();
        for (int i = 0; i < text.Length;)
        {
            char c = text[i];
            if (char.IsAsciiDigit(c))
            {
                int start = i;
                while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.'))
                {
                    i++;
                }

                tokens.Add("<mn>" + text[start..i] + "</mn>");
                continue;
            }

            string element = StringInfo.GetNextTextElement(text, i);
            i += element.Length;
            tokens.Add(element switch
            {
                "ᵀ" => Transpose,
                _ when char.IsLetter(element[0]) => "<mi>" + HtmlRenderer.Escape(element) + "</mi>",
                "-" => "<mo>−</mo>",
                _ => "<mo>" + HtmlRenderer.Escape(element) + "</mo>",
            });
        }

        return tokens.Count == 1 ? tokens[0] : "<mrow>" + string.Concat(tokens) + "</mrow>";
    }

    private string NumberElement(double value)
    {
        string text = NumberFormat.Format(value, decimals);
        string magnitude = text.TrimStart('-');
        string body = magnitude switch
        {
            "∞" => "<mi>∞</mi>",
            "NaN" => "<mtext>NaN</mtext>",
            _ => "<mn>" + magnitude + "</mn>",
        };
        return text.StartsWith('-') ? "<mrow><mo>−</mo>" + body + "</mrow>" : body;
    }

    /// <summary>Leading and trailing spaces as no-break spaces, which mtext does not collapse.</summary>
    private static string KeepEdgeSpaces(string text)
    {
        string trimmed = text.Trim(' ');
        int start = text.Length - text.TrimStart(' ').Length, end = text.Length - text.TrimEnd(' ').Length;
        return new string('\u00A0', start) + trimmed + new string('\u00A0', end);
    }

    private static string WordElement(string text)
    {
        string core = text.TrimEnd('′', '″');
        string body = new StringInfo(core).LengthInTextElements == 1
            ? "<mi mathvariant=\"normal\">" + HtmlRenderer.Escape(core) + "</mi>"
            : core.Any(char.IsWhiteSpace) ? "<mtext>" + HtmlRenderer.Escape(KeepEdgeSpaces(core)) + "</mtext>" : "<mi>" + HtmlRenderer.Escape(core) + "</mi>";
        return core.Length == text.Length ? body : "<msup>" + body + Postfix(text[core.Length..]) + "</msup>";
    }

    private static string OperatorElement(string symbol) => symbol switch
    {
        "Σ" or "∑" => "<mo>∑</mo>",
        "Π" or "∏" => "<mo>∏</mo>",
        "-" => "<mo>−</mo>",
        "∂" or "∇" => "<mi mathvariant=\"normal\">" + symbol + "</mi>",
        _ => "<mo>" + HtmlRenderer.Escape(symbol) + "</mo>",
    };

    private string RowElement(IReadOnlyList<MathNode> items)
    {
        var parts = new List<string>();
        for (int i = 0; i < items.Count; i++)
        {
            if (items[i] is Operator { Symbol: "ᵀ" or "′" or "″" } mark && parts.Count > 0)
            {
                parts[^1] = "<msup>" + parts[^1] + Postfix(mark.Symbol) + "</msup>";
                continue;
            }

            if (i > 0 && items[i - 1] is Word word && !word.Text.Any(char.IsWhiteSpace) && items[i] is not Operator)
            {
                parts.Add("<mo>&#x2061;</mo>"); // function application: softmax(z), log ŷ
                if (IsFunctionName(word) && items[i] is not Fenced)
                {
                    parts.Add(ThinSpace); // log ŷ, log 0.88: MathML Core puts no space after a name by itself
                }
            }
            else if (i > 0 && items[i] is Word name && IsFunctionName(name) && items[i - 1] is not Operator)
            {
                parts.Add(ThinSpace); // y log ŷ, not ylog ŷ
            }

            parts.Add(Element(items[i]));
        }

        return "<mrow>" + string.Concat(parts) + "</mrow>";
    }

    private const string ThinSpace = "<mspace width=\"0.1667em\"/>";

    /// <summary>A name written upright and applied to what follows: log, tanh, softmax.</summary>
    private static bool IsFunctionName(Word word) => word.Text.Length > 1 && word.Text.All(char.IsLetter);

    private string ScriptsElement(Scripts scripts)
    {
        string body = Element(scripts.Base);
        string? sub = scripts.Sub is null ? null : Element(scripts.Sub);
        string? sup = scripts.Sup is null ? null : Element(scripts.Sup);
        if (scripts.Base is not Operator { Symbol: "Σ" or "∑" or "∏" or "Π" })
        {
            return Scripted(body, sub, sup);
        }

        // Limits go below and above; inline math moves them to the side by itself (movablelimits).
        return (sub, sup) switch
        {
            (null, null) => body,
            (not null, null) => "<munder>" + body + sub + "</munder>",
            (null, not null) => "<mover>" + body + sup + "</mover>",
            _ => "<munderover>" + body + sub + sup + "</munderover>",
        };
    }

    private string MatrixElement(MatrixNode matrix)
    {
        // Brackets drawn by CSS (class "matrix"): a stretched [ ] needs a math font the reader may not have.
        var builder = new StringBuilder("<mrow><mtable class=\"matrix\">");
        foreach (IReadOnlyList<MathNode> row in matrix.Cells)
        {
            builder.Append("<mtr>");
            foreach (MathNode cell in row)
            {
                builder.Append("<mtd>").Append(Element(cell)).Append("</mtd>");
            }

            builder.Append("</mtr>");
        }

        return builder.Append("</mtable></mrow>").ToString();
    }
}
