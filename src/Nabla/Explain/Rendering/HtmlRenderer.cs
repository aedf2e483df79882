using System.Text;
using Nabla.Explain.Documents;

namespace Nabla.Explain.Rendering;

/// <summary>
/// A document as one self-contained HTML5 page: math as MathML Core, figures as inline SVG,
/// a small inline stylesheet, no scripts and nothing fetched from elsewhere.
/// </summary>
public static class HtmlRenderer
{
    private const string Style = """
        body { font-family: Georgia, "Times New Roman", serif; line-height: 1.5; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #1a1a1a; background: #fff; }
        h1, h2, h3, h4 { line-height: 1.2; margin-top: 1.6em; }
        math { font-size: 1.05em; }
        math[display="block"] { margin: 0.8em 0; padding: 0.2em 0; overflow-x: auto; overflow-y: hidden; }
        mtable.matrix { margin: 0 0.2em; padding: 0.1em 0.15em; border-left: 1.5px solid; border-right: 1.5px solid;
          background: linear-gradient(currentColor, currentColor) top left / 0.35em 1.5px no-repeat,
                      linear-gradient(currentColor, currentColor) bottom left / 0.35em 1.5px no-repeat,
                      linear-gradient(currentColor, currentColor) top right / 0.35em 1.5px no-repeat,
                      linear-gradient(currentColor, currentColor) bottom right / 0.35em 1.5px no-repeat; }
        mtd { padding: 0.1em 0.45em; }
        table { border-collapse: collapse; margin: 1em 0; }
        th, td { border: 1px solid #aaa; padding: 0.25em 0.7em; text-align: left; font-variant-numeric: tabular-nums; }
        th { background: #f0f0f0; }
        figure { margin: 1.5em 0; }
        figure svg { max-width: 100%; height: auto; }
        figcaption { font-style: italic; margin-top: 0.4em; }
        """;

    /// <summary>The page of <paramref name="doc"/>, its title as &lt;title&gt; and &lt;h1&gt;; numbers are shown with <paramref name="decimals"/> digits after the point.</summary>
    public static string Render(Document doc, int decimals)
    {
        ArgumentNullException.ThrowIfNull(doc);
        var math = new MathMLWriter(decimals);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(Escape(doc.Title)).Append("</title>\n")
            .Append("<style>\n").Append(Style).Append("\n</style>\n</head>\n<body>\n")
            .Append("<h1>").Append(Escape(doc.Title)).Append("</h1>\n");
        foreach (Block block in doc.Blocks)
        {
            html.Append(RenderBlock(block, math)).Append('\n');
        }

        return html.Append("</body>\n</html>\n").ToString();
    }

    /// <summary>
    /// <paramref name="blocks"/> as an HTML fragment, each block as <see cref="Render"/> writes it, with no page,
    /// title or stylesheet around them: for a page that shows part of a worked solution (the playground's
    /// forward or backward pass).
    /// </summary>
    public static string RenderFragment(IEnumerable<Block> blocks, int decimals)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        var math = new MathMLWriter(decimals);
        var html = new StringBuilder();
        foreach (Block block in blocks)
        {
            html.Append(RenderBlock(block, math)).Append('\n');
        }

        return html.ToString();
    }

    /// <summary>Text made safe for HTML content: &amp;, &lt; and &gt; escaped.</summary>
    internal static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    private static string RenderBlock(Block block, MathMLWriter math) => block switch
    {
        Heading h => $"<h{Math.Clamp(h.Level, 1, 6)}>{Escape(h.Text)}</h{Math.Clamp(h.Level, 1, 6)}>",
        Paragraph p => "<p>" + Inlines(p.Content, math) + "</p>",
        DisplayMath d => string.Join("\n", d.Lines.Select(line => math.Math(line, display: true))),
        Table t => TableHtml(t, math),
        Figure f => "<figure>\n" + f.Svg.Trim() + "\n<figcaption>" + Escape(f.Caption) + "</figcaption>\n</figure>",
        _ => throw new ArgumentException($"Unknown block {block.GetType().Name}.", nameof(block)),
    };

    private static string Inlines(IEnumerable<Inline> inlines, MathMLWriter math) => string.Concat(inlines.Select(inline => inline switch
    {
        TextRun run => Escape(run.Text),
        InlineMath m => math.Math(m.Math, display: false),
        _ => throw new ArgumentException($"Unknown inline {inline.GetType().Name}.", nameof(inlines)),
    }));

    private static string TableHtml(Table table, MathMLWriter math)
    {
        string Row(IEnumerable<IReadOnlyList<Inline>> cells, string tag) =>
            "<tr>" + string.Concat(cells.Select(cell => $"<{tag}>{Inlines(cell, math)}</{tag}>")) + "</tr>";

        var html = new StringBuilder("<table>\n<thead>\n");
        html.Append(Row(table.Header, "th")).Append("\n</thead>\n<tbody>\n");
        foreach (IReadOnlyList<IReadOnlyList<Inline>> row in table.Rows)
        {
            html.Append(Row(row, "td")).Append('\n');
        }

        return html.Append("</tbody>\n</table>").ToString();
    }
}
