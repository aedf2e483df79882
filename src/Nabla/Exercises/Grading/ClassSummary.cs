using System.Globalization;
using System.Net;
using System.Text;

namespace Nabla.Exercises.Grading;

/// <summary>
/// The class summary (HTML and Markdown): the distribution of scores, the slips the class made
/// most often with the students who made each, the problems with submissions (missing,
/// unreadable, unknown), and a line per student linked to their sheet and worked solution.
/// </summary>
public static class ClassSummary
{
    /// <summary>The score bands of the distribution, in percent of the quantities asked.</summary>
    private static readonly (int From, int To)[] Bands = [(0, 20), (20, 40), (40, 60), (60, 80), (80, 100), (100, 100)];

    /// <summary>The summary as one self-contained HTML page; links lead from <paramref name="reportDir"/> to the class folder.</summary>
    public static string Html(ClassGrade g, string reportDir)
    {
        static string E(string text) => WebUtility.HtmlEncode(text);
        string Anchor(StudentGrade s) => "student-" + s.Student.Folder;
        string Link(StudentGrade s) => $"<a href=\"#{Anchor(s)}\">{E(s.Student.Name)}</a>";
        var html = new StringBuilder();
        string title = E($"Marks: {g.Manifest.Template}");
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").Append(title).Append("</title>\n<style>\n")
            .Append("body { font-family: Georgia, \"Times New Roman\", serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #1a1a1a; }\n")
            .Append("table { border-collapse: collapse; margin: 1em 0; } th, td { border: 1px solid #aaa; padding: 0.25em 0.7em; text-align: left; vertical-align: top; } th { background: #f0f0f0; }\n")
            .Append(".bar { display: inline-block; height: 0.9em; background: #4a7ab5; } .right { color: #1d6b2c; } .wrong { color: #a11; } .inherited { color: #a60; }\n")
            .Append("@page { size: A4; margin: 16mm 14mm; } @media print { table, tr { break-inside: avoid; } }\n")
            .Append("</style>\n</head>\n<body>\n<h1>").Append(title).Append("</h1>\n<p>").Append(E(Headline(g))).Append("</p>\n");

        html.Append("<h2>Scores</h2>\n<table>\n<thead><tr><th>score</th><th>students</th><th></th></tr></thead>\n<tbody>\n");
        foreach (var (band, students) in Distribution(g))
        {
            html.Append("<tr><td>").Append(band).Append("</td><td>").Append(students.Count).Append("</td><td><span class=\"bar\" style=\"width: ")
                .Append((students.Count * 1.5).ToString("0.#", CultureInfo.InvariantCulture)).Append("em\"></span> ")
                .Append(string.Join(", ", students.Select(Link))).Append("</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n<h2>The slips made most often</h2>\n");
        var slips = g.SlipsByFrequency;
        if (slips.Count == 0)
        {
            html.Append("<p>No slips: every value marked is right or inherited.</p>\n");
        }
        else
        {
            html.Append("<table>\n<thead><tr><th>slip</th><th>students</th><th>who</th></tr></thead>\n<tbody>\n");
            foreach (var (slip, students) in slips)
            {
                html.Append("<tr><td>").Append(E(slip)).Append("</td><td>").Append(students.Count).Append("</td><td>")
                    .Append(string.Join(", ", students.Select(Link))).Append("</td></tr>\n");
            }

            html.Append("</tbody>\n</table>\n");
        }

        var problems = Problems(g);
        if (problems.Count > 0)
        {
            html.Append("<h2>Submissions not marked</h2>\n<ul>\n");
            foreach (string p in problems)
            {
                html.Append("<li>").Append(E(p)).Append("</li>\n");
            }

            html.Append("</ul>\n");
        }

        html.Append("<h2>Students</h2>\n<table>\n<thead><tr><th>student</th><th>score</th><th>right</th><th>wrong</th><th>inherited</th><th>unanswered</th><th>slips</th><th>files</th></tr></thead>\n<tbody>\n");
        foreach (var s in g.Students)
        {
            string folder = Path.GetRelativePath(reportDir, Path.Combine(g.ClassDir, s.Student.Folder)).Replace('\\', '/');
            html.Append("<tr id=\"").Append(Anchor(s)).Append("\"><td>").Append(E(s.Student.Name)).Append(" (").Append(E(s.Student.Id)).Append(")</td><td>")
                .Append(s.Marked ? Percent(s.Score) : E(s.Problem is null ? "" : Kind(s))).Append("</td><td class=\"right\">").Append(Count(s, Mark.Right))
                .Append("</td><td class=\"wrong\">").Append(Count(s, Mark.Wrong)).Append("</td><td class=\"inherited\">").Append(Count(s, Mark.Inherited))
                .Append("</td><td>").Append(Count(s, Mark.Unanswered)).Append("</td><td>").Append(E(WrongList(s)))
                .Append("</td><td><a href=\"").Append(folder).Append('/').Append(ExerciseClass.Files.SheetHtml).Append("\">sheet</a> · <a href=\"")
                .Append(folder).Append('/').Append(ExerciseClass.Files.SolutionHtml).Append("\">solution</a></td></tr>\n");
        }

        return html.Append("</tbody>\n</table>\n</body>\n</html>\n").ToString();
    }

    /// <summary>The summary as Markdown; links lead from <paramref name="reportDir"/> to the class folder.</summary>
    public static string Markdown(ClassGrade g, string reportDir)
    {
        static string C(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
        static string Link(StudentGrade s) => $"[{C(s.Student.Name)}](#student-{s.Student.Folder.ToLowerInvariant()})";
        var md = new StringBuilder();
        md.Append("# Marks: ").Append(g.Manifest.Template).Append("\n\n").Append(Headline(g)).Append("\n\n## Scores\n\n| score | students | who |\n|---|---|---|\n");
        foreach (var (band, students) in Distribution(g))
        {
            md.Append("| ").Append(band).Append(" | ").Append(students.Count).Append(' ').Append(new string('█', students.Count)).Append(" | ")
                .Append(string.Join(", ", students.Select(Link))).Append(" |\n");
        }

        md.Append("\n## The slips made most often\n\n");
        var slips = g.SlipsByFrequency;
        if (slips.Count == 0)
        {
            md.Append("No slips: every value marked is right or inherited.\n");
        }
        else
        {
            md.Append("| slip | students | who |\n|---|---|---|\n");
            foreach (var (slip, students) in slips)
            {
                md.Append("| ").Append(C(slip)).Append(" | ").Append(students.Count).Append(" | ").Append(string.Join(", ", students.Select(Link))).Append(" |\n");
            }
        }

        var problems = Problems(g);
        if (problems.Count > 0)
        {
            md.Append("\n## Submissions not marked\n\n");
            foreach (string p in problems)
            {
                md.Append("- ").Append(p).Append('\n');
            }
        }

        md.Append("\n## Students\n");
        foreach (var s in g.Students)
        {
            string folder = Path.GetRelativePath(reportDir, Path.Combine(g.ClassDir, s.Student.Folder)).Replace('\\', '/');
            md.Append("\n### student-").Append(s.Student.Folder.ToLowerInvariant()).Append("\n\n")
                .Append(s.Student.Name).Append(" (").Append(s.Student.Id).Append("): ")
                .Append(s.Marked ? $"{Percent(s.Score)}; {Count(s, Mark.Right)} right, {Count(s, Mark.Wrong)} wrong, {Count(s, Mark.Inherited)} inherited, {Count(s, Mark.Unanswered)} unanswered" : Kind(s))
                .Append(". ").Append(WrongList(s) is { Length: > 0 } w ? w + ". " : "")
                .Append($"[sheet]({folder}/{ExerciseClass.Files.SheetMarkdown}) · [solution]({folder}/{ExerciseClass.Files.SolutionMarkdown})\n");
        }

        return md.ToString();
    }

    private static string Headline(ClassGrade g)
    {
        var marked = g.Marked;
        string mean = marked.Count == 0 ? "" : $", mean score {Percent(marked.Average(s => s.Score))}";
        return $"{marked.Count} of {g.Students.Count} students marked{mean}; each scored on the {g.Students.FirstOrDefault()?.Marks.Count ?? 0} quantities asked " +
            $"({Questions.Describe(g.Manifest.Options.Ask)}), a quantity right when every value of it is right at the precision written.";
    }

    private static List<(string Band, IReadOnlyList<StudentGrade> Students)> Distribution(ClassGrade g) =>
        [.. Bands.Select(b => (
            b.From == b.To ? "100%" : $"{b.From}–{b.To}%",
            (IReadOnlyList<StudentGrade>)[.. g.Marked.Where(s => b.From == b.To ? s.Score >= 100 : s.Score >= b.From && s.Score < b.To)]))];

    private static List<string> Problems(ClassGrade g) =>
        [.. g.Students.Where(s => s.Problem is not null).Select(s => s.Submission is null
                ? $"{s.Student.Name} ({s.Student.Id}): no submission."
                : $"{s.Student.Name} ({s.Student.Id}): {Path.GetFileName(s.Submission)} is unreadable: {s.Problem}"),
         .. g.Unknown.Select(u => $"{u.File}: {u.Why}.")];

    private static string Kind(StudentGrade s) => s.Submission is null ? "missing" : "unreadable";

    private static int Count(StudentGrade s, Mark mark) => s.Marks.Count(m => m.Mark == mark);

    private static string Percent(double score) => score.ToString("0", CultureInfo.InvariantCulture) + "%";

    private static string WrongList(StudentGrade s) => string.Join("; ", s.Marks.Where(m => m.Mark == Mark.Wrong)
        .Select(m => $"{m.Name}{(s.Marks.Any(x => x.Step != 1) ? $" (step {m.Step})" : "")}: {string.Join(" and ", m.Slips)}"));
}
