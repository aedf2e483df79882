using Nabla.Exercises;
using Nabla.Exercises.Grading;
using Nabla.Explain;
using Nabla.Numerics;
using Nabla.Tensors;
using Nabla.Tests.Cli;

namespace Nabla.Tests.Exercises;

/// <summary>
/// `grade` on synthetic classes whose submissions are keys altered by known slips: a sign slip, a
/// missing 1/m (with the gradients that inherit it), a transposed matrix, the diagonal-only
/// softmax Jacobian; and a blank, a missing, an unreadable and an unknown submission.
/// </summary>
public class GradeTests
{
    private static (string Dir, string Submissions, ExerciseClass Class) Class(string template, string roster)
    {
        string root = CliProcess.TempFolder();
        var exercise = ExerciseClass.Create(ExerciseTemplate.Load(template), Roster.Parse(roster), new ExerciseOptions(Seed: 5));
        string dir = Path.Combine(root, "class");
        exercise.WriteTo(dir);
        string submissions = Path.Combine(root, "handed-in");
        Directory.CreateDirectory(submissions);
        return (dir, submissions, exercise);
    }

    /// <summary>A student's answer file: every quantity asked, written to 5 decimals, some replaced.</summary>
    private static string Answers(Variant v, params (string Name, Matrix<double> Value)[] replaced)
    {
        var step = v.Explanation.Steps[0];
        var names = Questions.Names(QuestionParts.All, [.. v.Spec.Layers.Select(l => l.HasBias)]);
        return string.Join("\n", names.Select(name =>
        {
            var m = replaced.FirstOrDefault(r => r.Name == name).Value ?? step[name];
            return $"{name} = " + string.Join("; ", Enumerable.Range(0, m.Rows).Select(r => string.Join(", ", Enumerable.Range(0, m.Cols).Select(c => NumberFormat.Format(m[r, c], 5)))));
        })) + "\n";
    }

    private static Matrix<double> Map(Matrix<double> m, Func<int, int, double, double> f)
    {
        var copy = new Matrix<double>(m.Rows, m.Cols);
        for (int r = 0; r < m.Rows; r++)
        {
            for (int c = 0; c < m.Cols; c++)
            {
                copy[r, c] = f(r, c, m[r, c]);
            }
        }

        return copy;
    }

    /// <summary>Aᵀ·B.</summary>
    private static Matrix<double> TransposeTimes(Matrix<double> a, Matrix<double> b) =>
        Map(new Matrix<double>(a.Cols, b.Cols), (i, j, _) => Enumerable.Range(0, a.Rows).Sum(k => a[k, i] * b[k, j]));

    private static Mark MarkOf(ClassGrade g, string id, string name) =>
        g.Students.Single(s => s.Student.Id == id).Marks.Single(m => m.Name == name).Mark;

    [Fact]
    public void SignSlip_MissingOneOverM_WithItsHeirs_AndATransposedMatrix_AreEachFoundAndCounted()
    {
        var (dir, submissions, exercise) = Class("seed-001", "id,name\nright,Rita\nsign,Sam\noverm,Otto\ntransposed,Tess\nblank,Bea\nabsent,Al\ngarbled,Gus\n");
        StepTrace S(string id) => exercise.Variants.Single(v => v.Student.Id == id).Explanation.Steps[0];
        Variant V(string id) => exercise.Variants.Single(v => v.Student.Id == id);
        void Hand(string file, string text) => File.WriteAllText(Path.Combine(submissions, file), text);

        Hand("right.txt", Answers(V("right")));
        Hand("sign.txt", Answers(V("sign"), ("dW2", Map(S("sign")["dW2"], (r, c, x) => r == 0 && c == 0 ? -x : x))));
        var dZ2TimesM = Map(S("overm")["dZ2"], (_, _, x) => x * 4);
        Hand("overm.answers", Answers(V("overm"),
            ("dZ2", dZ2TimesM),
            ("dW2", TransposeTimes(S("overm")["A1"], dZ2TimesM)),
            ("db2", Map(new Matrix<double>(1, 1), (_, _, _) => Enumerable.Range(0, 4).Sum(k => dZ2TimesM[k, 0])))));
        Hand("transposed.txt", Answers(V("transposed"), ("dW1", Map(S("transposed")["dW1"], (r, c, _) => S("transposed")["dW1"][c, r]))));
        Hand("blank.txt", File.ReadAllText(Path.Combine(dir, "blank", ExerciseClass.Files.Blank)));
        Hand("garbled.txt", "A2 = 0.7x1, 0.2\n");
        Hand("stranger.txt", "loss = 0.1\n");

        var g = ClassGrader.Grade(dir, submissions);

        Assert.Equal(
            [("missing factor 1/m", new[] { "overm" }), ("sign slip", ["sign"]), ("transposed matrix", ["transposed"])],
            g.SlipsByFrequency.Select(s => (s.Slip, s.Students.Select(x => x.Student.Id).ToArray())).OrderBy(s => s.Slip, StringComparer.Ordinal));
        Assert.Equal(100, g.Students.Single(s => s.Student.Id == "right").Score);
        Assert.Equal(Mark.Wrong, MarkOf(g, "sign", "dW2"));
        Assert.Equal(Mark.Right, MarkOf(g, "sign", "W2_next"));
        Assert.Equal(Mark.Wrong, MarkOf(g, "overm", "dZ2"));
        Assert.Equal(Mark.Inherited, MarkOf(g, "overm", "dW2"));
        Assert.Equal(Mark.Inherited, MarkOf(g, "overm", "db2"));
        Assert.Equal(Mark.Wrong, MarkOf(g, "transposed", "dW1"));
        Assert.All(g.Students.Single(s => s.Student.Id == "blank").Marks, m => Assert.Equal(Mark.Unanswered, m.Mark));
        Assert.All(g.Students.Single(s => s.Student.Id == "absent").Marks, m => Assert.Equal(Mark.Missing, m.Mark));
        var garbled = g.Students.Single(s => s.Student.Id == "garbled");
        Assert.All(garbled.Marks, m => Assert.Equal(Mark.Unreadable, m.Mark));
        Assert.Contains("\"0.7x1\" is not a number", garbled.Problem);
        Assert.Equal([("stranger.txt", "no student with the id \"stranger\" is in the class")], g.Unknown);
        int asked = Questions.Names(QuestionParts.All, [true, true]).Count;
        Assert.Equal((asked - 1) * 100.0 / asked, g.Students.Single(s => s.Student.Id == "sign").Score, 9);
        Assert.Equal((asked - 3) * 100.0 / asked, g.Students.Single(s => s.Student.Id == "overm").Score, 9);

        string csv = MarksCsv.Write(g);
        Assert.Contains("overm,Otto,3,1,dZ2,wrong,missing factor 1/m\n", csv);
        Assert.Contains("overm,Otto,3,1,dW2,inherited,\n", csv);
        Assert.Contains("absent,Al,6,1,loss,missing,\n", csv);
        Assert.Equal(1 + (7 * asked), csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);

        string report = Path.Combine(Path.GetDirectoryName(dir)!, "grades");
        string html = ClassSummary.Html(g, report);
        Assert.Contains("<tr><td>sign slip</td><td>1</td><td><a href=\"#student-sign\">Sam</a></td></tr>", html);
        Assert.Contains("<a href=\"../class/overm/solution.html\">solution</a>", html);
        Assert.Contains("Gus (garbled): garbled.txt is unreadable", html);
        Assert.Contains("Al (absent): no submission.", html);
        Assert.Contains("stranger.txt: no student with the id", html);
        Assert.Contains("| missing factor 1/m | 1 | [Otto](#student-overm) |", ClassSummary.Markdown(g, report));
    }

    [Fact]
    public void TheDiagonalOnlySoftmaxJacobian_IsFound_AndWhatFollowsFromItIsInherited()
    {
        var (dir, submissions, exercise) = Class("seed-002", "id\nd1\nd2\nok\n");
        foreach (var v in exercise.Variants)
        {
            var s = v.Explanation.Steps[0];
            if (v.Student.Id == "ok")
            {
                File.WriteAllText(Path.Combine(submissions, "ok.txt"), Answers(v));
                continue;
            }

            // dZ2 = dA2 ⊙ p(1 − p): the diagonal of the softmax Jacobian only; dW2 = A1ᵀ·dZ2 from it.
            var diagonal = Map(s["dA2"], (r, c, x) => x * s["A2"][r, c] * (1 - s["A2"][r, c]));
            File.WriteAllText(Path.Combine(submissions, v.Student.Id + ".txt"), Answers(v, ("dZ2", diagonal), ("dW2", TransposeTimes(s["A1"], diagonal))));
        }

        var g = ClassGrader.Grade(dir, submissions);

        var (slip, students) = Assert.Single(g.SlipsByFrequency);
        Assert.Equal("diagonal-only softmax Jacobian", slip);
        Assert.Equal(["d1", "d2"], students.Select(x => x.Student.Id));
        Assert.Equal(Mark.Wrong, MarkOf(g, "d1", "dZ2"));
        Assert.Equal(Mark.Inherited, MarkOf(g, "d1", "dW2"));
        Assert.Equal(100, g.Students.Single(s => s.Student.Id == "ok").Score);
    }

    [Fact]
    public void TheCommand_WritesMarksAndSummary_AndNamesWhatItCouldNotMark()
    {
        var (dir, submissions, exercise) = Class("seed-004", "id\na\nb\n");
        File.WriteAllText(Path.Combine(submissions, "a.txt"), Answers(exercise.Variants[0]));
        File.WriteAllText(Path.Combine(submissions, "zed.txt"), "loss = 1\n");
        string report = Path.Combine(Path.GetDirectoryName(dir)!, "report");

        var r = CliProcess.Run("grade", dir, submissions, "-o", report);

        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Contains("1 of 2 students marked, mean score 100%.", r.Out);
        Assert.Contains("b: no submission", r.Out);
        Assert.Contains("zed.txt: no student with the id \"zed\"", r.Out);
        Assert.StartsWith(MarksCsv.Header + "\na,a,1,1,Z1,right,", File.ReadAllText(Path.Combine(report, "marks.csv")));
        Assert.True(File.Exists(Path.Combine(report, "summary.html")));
        Assert.True(File.Exists(Path.Combine(report, "summary.md")));

        var notAClass = CliProcess.Run("grade", submissions, submissions, "-o", report);
        Assert.Equal(1, notAClass.ExitCode);
        Assert.Contains("is not a class folder", notAClass.Error);
    }
}
