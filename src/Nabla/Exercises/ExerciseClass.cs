using System.Text;
using Nabla.Explain;
using Nabla.Explain.Rendering;
using Nabla.Explain.Writing;
using Nabla.Specs;

namespace Nabla.Exercises;

/// <summary>
/// A class's exercise: one variant per student and every file of the class folder. Per student
/// (in the student's folder): <c>sheet.html</c>/<c>sheet.md</c> (the problem),
/// <c>solution.html</c>/<c>solution.md</c> (the worked solution), <c>key.answers</c> (the answer
/// key, <c>nabla check</c>'s format), <c>answers.txt</c> (the blank answer file) and
/// <c>spec.json</c> (the variant's spec); at the top, <c>index.html</c>/<c>index.md</c> and
/// <see cref="ExerciseManifest.FileName"/>. The same template, students, and options give the
/// same bytes.
/// </summary>
public sealed class ExerciseClass
{
    private ExerciseClass(ExerciseTemplate template, ExerciseOptions options, IReadOnlyList<Variant> variants)
    {
        Template = template;
        Options = options;
        Variants = variants;
    }

    /// <summary>The exercise's template.</summary>
    public ExerciseTemplate Template { get; }

    /// <summary>How the exercise is asked.</summary>
    public ExerciseOptions Options { get; }

    /// <summary>One variant per student, in the roster's order.</summary>
    public IReadOnlyList<Variant> Variants { get; }

    /// <summary>The file names in each student's folder.</summary>
    public static class Files
    {
        /// <summary>The problem sheet, HTML.</summary>
        public const string SheetHtml = "sheet.html";
        /// <summary>The problem sheet printed to PDF (only with <c>--pdf</c>).</summary>
        public const string SheetPdf = "sheet.pdf";

        /// <summary>The problem sheet, Markdown.</summary>
        public const string SheetMarkdown = "sheet.md";
        /// <summary>The worked solution, HTML.</summary>
        public const string SolutionHtml = "solution.html";
        /// <summary>The worked solution printed to PDF (only with <c>--pdf</c>).</summary>
        public const string SolutionPdf = "solution.pdf";

        /// <summary>The worked solution, Markdown.</summary>
        public const string SolutionMarkdown = "solution.md";
        /// <summary>The answer key, in <c>nabla check</c>'s format.</summary>
        public const string Key = "key.answers";
        /// <summary>The blank answer file the student fills in.</summary>
        public const string Blank = "answers.txt";
        /// <summary>The variant's spec.</summary>
        public const string Spec = "spec.json";
        /// <summary>The class index, HTML (at the top of the folder).</summary>
        public const string IndexHtml = "index.html";
        /// <summary>The class index, Markdown (at the top of the folder).</summary>
        public const string IndexMarkdown = "index.md";
    }

    /// <summary>Draws the variants of a class (this is where a template unfit for hand work is refused).</summary>
    public static ExerciseClass Create(ExerciseTemplate template, IReadOnlyList<Student> students, ExerciseOptions options) =>
        new(template, options, VariantDrawer.Draw(template, students, options));

    /// <summary>Every file of the class folder: relative path → text.</summary>
    /// <param name="pdfSheets">The index links each student's <see cref="Files.SheetPdf"/> too (made by whoever prints the sheets).</param>
    public IReadOnlyDictionary<string, string> Render(bool pdfSheets = false)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var v in Variants)
        {
            string Under(string name) => $"{v.Student.Folder}/{name}";
            var sheet = ProblemSheet.Build(v, Options);
            files[Under(Files.SheetHtml)] = PrintStyle.Add(HtmlRenderer.Render(sheet, Options.Decimals), PrintStyle.Sheet);
            files[Under(Files.SheetMarkdown)] = MarkdownRenderer.Render(sheet, Options.Decimals);
            var solution = ExplanationDocument.Build(v.Explanation, Options.ByUnit);
            files[Under(Files.SolutionHtml)] = PrintStyle.Add(HtmlRenderer.Render(solution, Options.Decimals));
            files[Under(Files.SolutionMarkdown)] = MarkdownRenderer.Render(solution, Options.Decimals);
            files[Under(Files.Key)] = AnswerKey.Key(v, Options);
            files[Under(Files.Blank)] = AnswerKey.Blank(v, Options);
            files[Under(Files.Spec)] = SpecWriter.ToJson(v.Spec);
        }

        files[Files.IndexHtml] = ClassIndex.Html(this, pdfSheets);
        files[Files.IndexMarkdown] = ClassIndex.Markdown(this);
        files[ExerciseManifest.FileName] = new ExerciseManifest(Template.Name, Options, [.. Variants.Select(v => v.Student)]).ToJson();
        return files;
    }

    /// <summary>Writes the class folder <paramref name="dir"/> all at once (<see cref="ClassFolder"/>).</summary>
    /// <param name="dir">The class folder.</param>
    /// <param name="finish">Run on the finished files' temporary folder before it becomes <paramref name="dir"/> (see <see cref="ClassFolder.Write"/>).</param>
    /// <param name="pdfSheets">Passed to <see cref="Render"/>: <paramref name="finish"/> prints the sheets.</param>
    public void WriteTo(string dir, Action<string>? finish = null, bool pdfSheets = false) => ClassFolder.Write(dir, Render(pdfSheets), finish);

    /// <summary>The worked solution of a spec: what <c>nabla explain --format json</c> writes for it.</summary>
    public static string ExplainJson(ModelSpec spec, int steps) => ExplanationJson.Write(Explainer.Run(spec, steps));
}
