using Nabla.Explain.Checking;
using Nabla.Specs;

namespace Nabla.Exercises.Grading;

/// <summary>
/// <c>nabla grade</c>: each submission (a file named by the student's id, e.g. <c>s17.txt</c>) is
/// checked against that student's variant as <c>nabla check</c> does, and every quantity asked for
/// is marked right, wrong at the root (with its likely slip), inherited, or unanswered. A missing
/// submission, an unreadable one and one for no student on the roster are named; the rest are still marked.
/// </summary>
public static class ClassGrader
{
    /// <summary>Marks the submissions in <paramref name="submissionsDir"/> against the class folder <paramref name="classDir"/>.</summary>
    public static ClassGrade Grade(string classDir, string submissionsDir)
    {
        var manifest = ExerciseManifest.Read(classDir);
        if (!Directory.Exists(submissionsDir))
        {
            throw new NablaException($"{submissionsDir}: no such folder of submissions. Fix: give the folder holding one answer file per student, named by the student's id.");
        }

        var byName = new Dictionary<string, Student>(StringComparer.OrdinalIgnoreCase);
        foreach (var s in manifest.Students)
        {
            byName.TryAdd(s.Folder, s);
            byName.TryAdd(s.Id, s);
        }

        var unknown = new List<(string, string)>();
        var files = new Dictionary<Student, string>();
        foreach (string file in Directory.EnumerateFiles(submissionsDir).Order(StringComparer.Ordinal))
        {
            string name = Path.GetFileName(file);
            if (name.StartsWith('.'))
            {
                continue; // hidden files (an editor's backup, a folder's metadata)
            }

            string stem = name.Contains('.', StringComparison.Ordinal) ? name[..name.IndexOf('.', StringComparison.Ordinal)] : name;
            if (!byName.TryGetValue(stem, out var student))
            {
                unknown.Add((name, $"no student with the id \"{stem}\" is in the class"));
            }
            else if (files.TryGetValue(student, out string? first))
            {
                unknown.Add((name, $"a second submission for {student.Id} (marked: {Path.GetFileName(first)})"));
            }
            else
            {
                files[student] = file;
            }
        }

        var grades = manifest.Students.Select((s, i) => GradeOne(classDir, manifest.Options, s, i + 1, files.GetValueOrDefault(s))).ToList();
        return new ClassGrade(classDir, submissionsDir, manifest, grades, unknown);
    }

    private static StudentGrade GradeOne(string classDir, ExerciseOptions options, Student student, int variant, string? file)
    {
        var spec = SpecReader.ReadFile(Path.Combine(classDir, student.Folder, ExerciseClass.Files.Spec));
        var asked = Enumerable.Range(1, options.Steps)
            .SelectMany(step => Questions.Names(options.Ask, [.. spec.Layers.Select(l => l.HasBias)]).Select(name => (Step: step, Name: name)))
            .ToList();
        if (file is null)
        {
            return new StudentGrade(student, variant, null, [.. asked.Select(q => new QuantityMark(q.Step, q.Name, Mark.Missing, []))], null, "no submission");
        }

        AnswerFile answers;
        try
        {
            answers = AnswerFile.Parse(File.ReadAllText(file), Path.GetFileName(file)); // (a line left blank is unanswered, not an error)
        }
        catch (Exception e) when (e is NablaException or IOException or UnauthorizedAccessException or System.Text.DecoderFallbackException)
        {
            return Unreadable(student, variant, file, asked, e.Message);
        }

        if (answers.Lines.Count == 0)
        {
            return new StudentGrade(student, variant, file, [.. asked.Select(q => new QuantityMark(q.Step, q.Name, Mark.Unanswered, []))], null, null);
        }

        CheckReport report;
        try
        {
            report = AnswerChecker.Check(spec, answers);
        }
        catch (NablaException e)
        {
            return Unreadable(student, variant, file, asked, e.Message);
        }

        var marks = asked.Select(q =>
        {
            var values = report.Values.Where(v => v.Step == q.Step && v.Name == q.Name).ToList();
            if (values.Count == 0)
            {
                return new QuantityMark(q.Step, q.Name, Mark.Unanswered, []);
            }

            var roots = values.Where(v => v.IsRootError).ToList();
            var mark = roots.Count > 0 ? Mark.Wrong : values.All(v => v.Right) ? Mark.Right : Mark.Inherited;
            return new QuantityMark(q.Step, q.Name, mark, [.. roots.Select(v => SlipName(v.Diagnosis)).Distinct()]);
        }).ToList();
        return new StudentGrade(student, variant, file, marks, report, null);
    }

    private static StudentGrade Unreadable(Student student, int variant, string file, List<(int Step, string Name)> asked, string why) =>
        new(student, variant, file, [.. asked.Select(q => new QuantityMark(q.Step, q.Name, Mark.Unreadable, []))], null, why);

    /// <summary>What the class summary calls a wrong value no usual slip explains.</summary>
    public const string NoUsualSlip = "no usual slip (to recompute)";

    /// <summary>The slip as the class summary counts it: "sign slip", "missing factor 1/m", "transposed matrix" …</summary>
    public static string SlipName(Diagnosis? d) => d is null
        ? NoUsualSlip
        : string.Join(" + ", d.Causes.Select(c => c switch
        {
            Causes.Factor when d.Detail is { } detail => detail.Split(',')[0],
            Causes.Unknown => NoUsualSlip,
            _ => c,
        }));

}
