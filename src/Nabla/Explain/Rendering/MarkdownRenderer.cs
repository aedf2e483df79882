using System.Text;
using Nabla.Explain.Documents;

namespace Nabla.Explain.Rendering;

/// <summary>
/// A document as GitHub-flavoured Markdown: inline math as $…$, each displayed equation in its
/// own $$ block, GFM pipe tables, figures as their text sketch in a fenced block.
/// </summary>
public static class MarkdownRenderer
{
    /// <summary><paramref name="doc"/> as Markdown, its title as a level-1 heading; numbers are shown with <paramref name="decimals"/> digits after the point.</summary>
    public static string Render(Document doc, int decimals)
    {
        ArgumentNullException.ThrowIfNull(doc);
        var blocks = new List<string> { "# " + EscapeText(doc.Title) };
        blocks.AddRange(doc.Blocks.Select(block => RenderBlock(block, decimals)));
        return string.Join("\n\n", blocks) + "\n";
    }

    private static string RenderBlock(Block block, int decimals) => block switch
    {
        Heading h => new string('#', Math.Clamp(h.Level, 1, 6)) + " " + EscapeText(h.Text),
        Paragraph p => EscapeLineStart(Inlines(p.Content, decimals)),
        DisplayMath d => string.Join("\n\n", d.Lines.Select(line => "$$\n" + LatexMath.Render(line, decimals, display: true) + "\n$$")),
        Table t => TableMarkdown(t, decimals),
        Figure f => FigureMarkdown(f),
        _ => throw new ArgumentException($"Unknown block {block.GetType().Name}.", nameof(block)),
    };

    private static string Inlines(IEnumerable<Inline> inlines, int decimals)
    {
        var builder = new StringBuilder();
        foreach (Inline inline in inlines)
        {
            builder.Append(inline switch
            {
                TextRun run => EscapeText(run.Text),
                InlineMath math => "$" + LatexMath.Render(math.Math, decimals, display: false) + "$",
                _ => throw new ArgumentException($"Unknown inline {inline.GetType().Name}.", nameof(inlines)),
            });
        }

        return builder.ToString();
    }

    private static string TableMarkdown(Table table, int decimals)
    {
        string Row(IEnumerable<IReadOnlyList<Inline>> cells) =>
            "| " + string.Join(" | ", cells.Select(cell => Cell(cell, decimals))) + " |";

        var lines = new List<string>
        {
            Row(table.Header),
            "|" + string.Concat(table.Header.Select(_ => " --- |")),
        };
        lines.AddRange(table.Rows.Select(Row));
        return string.Join("\n", lines);
    }

    // A cell is one line; a pipe, even inside math, must be escaped so it does not end the cell.
    private static string Cell(IEnumerable<Inline> cell, int decimals) =>
        Inlines(cell, decimals).ReplaceLineEndings(" ").Replace("|", @"\|", StringComparison.Ordinal);

    private static string FigureMarkdown(Figure figure)
    {
        string fence = "```";
        while (figure.TextSketch.Contains(fence, StringComparison.Ordinal))
        {
            fence += "`";
        }

        string sketch = fence + "text\n" + figure.TextSketch.TrimEnd('\n', '\r') + "\n" + fence;
        return string.IsNullOrWhiteSpace(figure.Caption) ? sketch : sketch + "\n\n*" + EscapeText(figure.Caption.Trim()) + "*";
    }

    /// <summary>Escapes the characters that would start emphasis, code, math, links or HTML.</summary>
    private static string EscapeText(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            if (c is '\\' or '`' or '*' or '_' or '$' or '<' or '[' or ']')
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    // A paragraph that begins like a heading, list or quote would be read as one.
    private static string EscapeLineStart(string text)
    {
        if (text.Length > 0 && text[0] is '#' or '-' or '+' or '>' or '=')
        {
            return "\\" + text;
        }

        int digits = text.TakeWhile(char.IsAsciiDigit).Count();
        return digits > 0 && digits < text.Length && text[digits] is '.' or ')' ? text[..digits] + "\\" + text[digits..] : text;
    }
}
