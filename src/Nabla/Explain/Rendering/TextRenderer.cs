using System.Text;
using Nabla.Explain.Documents;

namespace Nabla.Explain.Rendering;

/// <summary>
/// A document as plain Unicode text for a terminal (no colours): underlined headings, math on
/// one line in running text, displayed equations drawn in two dimensions and indented.
/// </summary>
public static class TextRenderer
{
    private const string MathIndent = "  ";

    /// <summary><paramref name="doc"/> as terminal text, its title double-underlined; numbers are shown with <paramref name="decimals"/> digits after the point.</summary>
    public static string Render(Document doc, int decimals)
    {
        ArgumentNullException.ThrowIfNull(doc);
        var math = new TextMath(decimals);
        var blocks = new List<string> { Underlined(doc.Title, '═') };
        blocks.AddRange(doc.Blocks.Select(block => RenderBlock(block, math)));
        return string.Join("\n\n", blocks) + "\n";
    }

    private static string RenderBlock(Block block, TextMath math) => block switch
    {
        Heading h => Underlined(h.Text, h.Level <= 1 ? '═' : '─'),
        Paragraph p => Inlines(p.Content, math),
        DisplayMath d => DisplayLines(d, math),
        Table t => TableText(t, math),
        Figure f => string.IsNullOrWhiteSpace(f.Caption) ? f.TextSketch.TrimEnd() : f.TextSketch.TrimEnd() + "\n\n" + f.Caption.Trim(),
        _ => throw new ArgumentException($"Unknown block {block.GetType().Name}.", nameof(block)),
    };

    private static string Underlined(string text, char rule) => text + "\n" + new string(rule, TextBox.WidthOf(text));

    private static string Inlines(IEnumerable<Inline> inlines, TextMath math) => string.Concat(inlines.Select(inline => inline switch
    {
        TextRun run => run.Text,
        InlineMath m => math.Linear(m.Math),
        _ => throw new ArgumentException($"Unknown inline {inline.GetType().Name}.", nameof(inlines)),
    }));

    // One equation per line; a blank line keeps tall equations apart.
    private static string DisplayLines(DisplayMath display, TextMath math)
    {
        var builder = new StringBuilder();
        TextBox? previous = null;
        foreach (MathNode line in display.Lines)
        {
            TextBox box = math.Layout(line);
            if (previous is not null)
            {
                builder.Append(previous.Height > 1 || box.Height > 1 ? "\n\n" : "\n");
            }

            builder.AppendJoin('\n', box.Render(MathIndent));
            previous = box;
        }

        return builder.ToString();
    }

    // Columns separated by │ under a ─ rule; numeric columns are right-aligned.
    private static string TableText(Table table, TextMath math)
    {
        string Cell(IEnumerable<Inline> cell) => Inlines(cell, math).ReplaceLineEndings(" ");

        List<string> header = table.Header.Select(Cell).ToList();
        List<List<string>> rows = table.Rows.Select(row => row.Select(Cell).ToList()).ToList();
        int columns = Math.Max(header.Count, rows.Count == 0 ? 0 : rows.Max(r => r.Count));
        var widths = new int[columns];
        var numeric = new bool[columns];
        for (int c = 0; c < columns; c++)
        {
            int column = c;
            IEnumerable<string> all = rows.Append(header).Where(r => column < r.Count).Select(r => r[column]);
            widths[c] = all.Select(TextBox.WidthOf).DefaultIfEmpty(0).Max();
            numeric[c] = rows.Count > 0 && rows.All(r => column >= r.Count || IsNumeric(r[column]));
        }

        string Line(List<string> cells) => string.Join("│", Enumerable.Range(0, columns).Select(c =>
        {
            string text = c < cells.Count ? cells[c] : "";
            return " " + (numeric[c] ? TextBox.PadLeft(text, widths[c]) : TextBox.PadRight(text, widths[c])) + " ";
        })).TrimEnd();

        var lines = new List<string> { Line(header), string.Join("┼", widths.Select(w => new string('─', w + 2))) };
        lines.AddRange(rows.Select(Line));
        return string.Join("\n", lines);
    }

    private static bool IsNumeric(string text)
    {
        string trimmed = text.Trim().TrimStart('−', '-', '+');
        return trimmed.Length > 0 && trimmed.All(c => char.IsAsciiDigit(c) || c is '.' or '%' or 'e' or 'E' or '−' or '-') && char.IsAsciiDigit(trimmed[0]);
    }
}
