namespace Nabla.Exercises;

/// <summary>Print rules added to the HTML pages of a class: A4 pages, and no table, figure or equation split across two.</summary>
public static class PrintStyle
{
    private const string Rules = """
        @page { size: A4; margin: 16mm 14mm; }
        @media print {
          body { max-width: none; margin: 0; padding: 0; font-size: 11pt; }
          table, tr, figure, math[display="block"] { break-inside: avoid; }
          h1, h2, h3 { break-after: avoid; }
          a { color: inherit; text-decoration: none; }
        }
        """;

    /// <summary>Extra rules for a problem sheet: room to write in the answer column, and the questions (its third section) on a page of their own.</summary>
    public const string Sheet = "td:nth-child(5) { min-width: 16rem; height: 2.4em; }\n@media print { h2:nth-of-type(3) { break-before: page; } }\n";

    /// <summary><paramref name="html"/> (a page of <c>HtmlRenderer</c>) with the print rules, and <paramref name="extra"/>, added to its style sheet.</summary>
    public static string Add(string html, string extra = "")
    {
        int end = html.IndexOf("</style>", StringComparison.Ordinal);
        return end < 0 ? html : html[..end] + Rules + extra + html[end..];
    }
}
