using System.IO.Compression;
using System.Text;
using Nabla.App;
using Nabla.Explain;
using Nabla.Explain.Checking;
using Nabla.Explain.Documents;
using Nabla.Explain.Rendering;
using Nabla.Explain.Writing;
using Nabla.Exercises;
using Nabla.Specs;

namespace Nabla.Playground.Training;

/// <summary>
/// The next training step of the page's network on chosen examples, worked out by the library's
/// explainer (the same trace, sections and MathML renderer as <c>nabla explain --format html</c>)
/// and checked by its answer checker (<c>nabla check</c>). The step is taken on a copy: the page's
/// network is not touched. Its spec — the current weights, the chosen examples inline, a batch
/// of all of them — is what <c>nabla explain</c> and <c>nabla check</c> reproduce outside the page.
/// </summary>
public sealed class WorkedStep
{
    /// <summary>Above this many weights the page writes out the first units only (a full worked solution would be slow to draw).</summary>
    public const int WrittenWeightLimit = 300;

    /// <summary>With a large network, this many units of each layer are shown.</summary>
    public const int FirstUnits = 4;

    /// <summary>At most this many examples in a worked batch (as <c>nabla explain</c> writes out in detail).</summary>
    public const int MaxExamples = ExplanationDocument.DetailedExampleLimit;

    /// <summary>Digits after the point in what the page shows.</summary>
    public const int Decimals = 4;

    private WorkedStep(ModelSpec spec, Explanation explanation, int[] rows)
    {
        Spec = spec;
        Explanation = explanation;
        Rows = rows;
    }

    /// <summary>The spec of this step alone (current weights, the examples inline, one batch).</summary>
    public ModelSpec Spec { get; }

    /// <summary>The library's explanation of the step.</summary>
    public Explanation Explanation { get; }

    /// <summary>The training rows (from 0) the step is taken on.</summary>
    public int[] Rows { get; }

    /// <summary>The step's trace: every named quantity.</summary>
    public StepTrace Trace => Explanation.Steps[0];

    /// <summary>True when the network is too big to write out in full (see <see cref="WrittenWeightLimit"/>).</summary>
    public bool Large => Explanation.WeightCount > WrittenWeightLimit;

    /// <summary>The names a learner can check: every quantity of the step but the data itself.</summary>
    public IEnumerable<string> Names => Trace.Names.Where(n => n is not ("X" or "Y"));

    /// <summary>Works out one step of <paramref name="session"/>'s network, as it is now, on training rows <paramref name="rows"/>.</summary>
    public static WorkedStep For(Session session, int[] rows)
    {
        if (rows.Length is 0 or > MaxExamples)
        {
            throw new NablaException($"A worked step takes 1 to {MaxExamples} examples; this asks for {rows.Length}.");
        }

        var spec = ModelBuilder.WithWeights(session.Spec, session.Network) with
        {
            Name = $"{session.Spec.Name}, after {session.Steps} steps: one step on {(rows.Length == 1 ? "example" : "examples")} {string.Join(", ", rows.Select(r => r + 1))}",
            File = "playground",
            Data = new DataSpec
            {
                X = [.. rows.Select(r => session.X.Row(r).ToArray())],
                Y = [.. rows.Select(r => session.Y.Row(r).ToArray())],
            },
            Classes = null,
            History = null,
            Result = null,
            Train = session.Spec.Train with { Batch = rows.Length, Shuffle = false, Epochs = 1 },
        };
        return new WorkedStep(spec, Explainer.Run(spec, 1), rows);
    }

    /// <summary>The step's spec as JSON (what <c>nabla explain</c> and <c>nabla check</c> read).</summary>
    public string SpecJson() => SpecWriter.ToJson(Spec);

    /// <summary>The stops of a walk through the forward or the backward pass of this step.</summary>
    public IReadOnlyList<PassStop> Stops(bool forward) => PassStop.Of(Explanation.Layers.Count, forward);

    /// <summary>
    /// The forward pass and the loss (forward) or the backward pass and the update, as the library's HTML renderer
    /// writes them; with <paramref name="stop"/>, only that stop's section of the pass.
    /// </summary>
    public string Html(bool forward, PassStop? stop = null)
    {
        var blocks = new List<Block>();
        ExplanationDocument.Pass(blocks, Explanation, Trace, new Notation(false), forward);
        return HtmlRenderer.RenderFragment(stop is null ? blocks : Section(blocks, stop.Heading), Decimals);
    }

    /// <summary>The blocks from the heading that starts with <paramref name="heading"/> to the next heading of its level or above.</summary>
    private static List<Block> Section(List<Block> blocks, string heading)
    {
        int start = blocks.FindIndex(b => b is Heading h && h.Text.StartsWith(heading, StringComparison.Ordinal));
        if (start < 0)
        {
            throw new InvalidOperationException($"The worked step has no section \"{heading}\".");
        }

        int level = ((Heading)blocks[start]).Level;
        int end = blocks.FindIndex(start + 1, b => b is Heading h && h.Level <= level);
        return blocks.GetRange(start, (end < 0 ? blocks.Count : end) - start);
    }

    /// <summary>The blank answer template of this step in <c>nabla check</c>'s format: every quantity's name, nothing after '='.</summary>
    public string BlankAnswers() => AnswerKey.Blank(Explanation, new ExerciseOptions(Decimals: Decimals));

    /// <summary>
    /// The step frozen as an exercise: a zip of the step's spec (<see cref="ExerciseClass.Files.Spec"/>) and its blank answer
    /// template (<see cref="ExerciseClass.Files.Blank"/>), the two files a student needs for <c>nabla check</c>.
    /// </summary>
    public byte[] ExerciseZip()
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in new[] { (ExerciseClass.Files.Spec, SpecJson()), (ExerciseClass.Files.Blank, BlankAnswers()) })
            {
                using var entry = zip.CreateEntry(name).Open();
                entry.Write(Encoding.UTF8.GetBytes(text));
            }
        }

        return stream.ToArray();
    }

    /// <summary>Checks <paramref name="answers"/> (in <c>nabla check</c>'s format) against this step.</summary>
    public CheckReport Check(string answers) => AnswerChecker.Check(Spec, AnswerFile.Parse(answers, "your answers"));
}
