using System.Net;
using System.Text;

namespace Nabla.Exercises;

/// <summary>The class folder's index: student → variant → files, as HTML and as Markdown.</summary>
public static class ClassIndex
{
    private static readonly (string Label, string File)[] Links =
    [
        ("sheet", ExerciseClass.Files.SheetHtml), ("solution", ExerciseClass.Files.SolutionHtml),
        ("key", ExerciseClass.Files.Key), ("answer file", ExerciseClass.Files.Blank), ("spec", ExerciseClass.Files.Spec),
    ];

    private static readonly (string Label, string File)[] MarkdownLinks =
    [
        ("sheet", ExerciseClass.Files.SheetMarkdown), ("solution", ExerciseClass.Files.SolutionMarkdown),
        ("key", ExerciseClass.Files.Key), ("answer file", ExerciseClass.Files.Blank), ("spec", ExerciseClass.Files.Spec),
    ];

    /// <summary>The index as one self-contained HTML page; <paramref name="pdfSheets"/>: link the sheets' and solutions' PDFs too.</summary>
    public static string Html(ExerciseClass c, bool pdfSheets = false)
    {
        var html = new StringBuilder();
        string title = WebUtility.HtmlEncode($"Exercise: {c.Template.Spec.Name ?? c.Template.Name}");
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").Append(title).Append("</title>\n<style>\n")
            .Append("body { font-family: Georgia, \"Times New Roman\", serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #1a1a1a; }\n")
            .Append("table { border-collapse: collapse; } th, td { border: 1px solid #aaa; padding: 0.25em 0.7em; text-align: left; } th { background: #f0f0f0; }\n")
            .Append("</style>\n</head>\n<body>\n<h1>").Append(title).Append("</h1>\n<p>").Append(WebUtility.HtmlEncode(Summary(c))).Append("</p>\n")
            .Append("<table>\n<thead><tr><th>student</th><th>id</th><th>variant</th><th>files</th></tr></thead>\n<tbody>\n");
        foreach (var v in c.Variants)
        {
            string files = string.Join(" · ", Links.Select(l => $"<a href=\"{v.Student.Folder}/{l.File}\">{l.Label}</a>")) +
                (pdfSheets ? $" · <a href=\"{v.Student.Folder}/{ExerciseClass.Files.SheetPdf}\">sheet (pdf)</a> · <a href=\"{v.Student.Folder}/{ExerciseClass.Files.SolutionPdf}\">solution (pdf)</a>" : "");
            html.Append("<tr><td>").Append(WebUtility.HtmlEncode(v.Student.Name)).Append("</td><td>").Append(WebUtility.HtmlEncode(v.Student.Id))
                .Append("</td><td>").Append(v.Number).Append("</td><td>").Append(files).Append("</td></tr>\n");
        }

        return html.Append("</tbody>\n</table>\n</body>\n</html>\n").ToString();
    }

    /// <summary>The index as Markdown.</summary>
    public static string Markdown(ExerciseClass c)
    {
        var md = new StringBuilder();
        md.Append("# Exercise: ").Append(c.Template.Spec.Name ?? c.Template.Name).Append("\n\n").Append(Summary(c)).Append("\n\n")
            .Append("| student | id | variant | files |\n|---|---|---|---|\n");
        foreach (var v in c.Variants)
        {
            string files = string.Join(" · ", MarkdownLinks.Select(l => $"[{l.Label}]({v.Student.Folder}/{l.File})"));
            md.Append("| ").Append(Cell(v.Student.Name)).Append(" | ").Append(Cell(v.Student.Id)).Append(" | ").Append(v.Number).Append(" | ").Append(files).Append(" |\n");
        }

        return md.ToString();
    }

    private static string Summary(ExerciseClass c) =>
        $"Template {c.Template.Name}, seed {c.Options.Seed}: {c.Variants.Count} variant{(c.Variants.Count == 1 ? "" : "s")}, " +
        $"asking {Questions.Describe(c.Options.Ask)} of {(c.Options.Steps == 1 ? "one step" : $"{c.Options.Steps} steps")} to {c.Options.Decimals} decimals, " +
        $"{(c.Options.ByUnit ? "by-unit notation (W·x)" : "default notation (rows are examples)")}.";

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
