namespace Nabla.Exercises.Grading;

/// <summary>A class marked: a grade per student on the roster, and the submissions that belong to no one.</summary>
/// <param name="Students">Every student of the class folder, in the roster's order.</param>
/// <param name="Unknown">Submission files whose name matches no student (file name, and why it was set aside).</param>
public sealed record ClassGrade(string ClassDir, string SubmissionsDir, ExerciseManifest Manifest, IReadOnlyList<StudentGrade> Students, IReadOnlyList<(string File, string Why)> Unknown)
{
    /// <summary>The students whose submission was read and marked.</summary>
    public IReadOnlyList<StudentGrade> Marked => [.. Students.Where(s => s.Marked)];

    /// <summary>Each slip with the students who made it, the most frequent first (ties by name).</summary>
    public IReadOnlyList<(string Slip, IReadOnlyList<StudentGrade> Students)> SlipsByFrequency =>
        [.. Students.SelectMany(s => s.Slips.Select(slip => (slip, s)))
            .GroupBy(p => p.slip, StringComparer.Ordinal)
            .Select(g => (g.Key, (IReadOnlyList<StudentGrade>)[.. g.Select(p => p.s)]))
            .OrderByDescending(g => g.Item2.Count).ThenBy(g => g.Key, StringComparer.Ordinal)];
}
