using Nabla.Explain.Checking;

namespace Nabla.Exercises.Grading;

/// <summary>
/// One student's marks: every quantity asked for, the check report of their submission (null
/// when it is missing or unreadable), and what was wrong with the file, if anything.
/// </summary>
public sealed record StudentGrade(Student Student, int Variant, string? Submission, IReadOnlyList<QuantityMark> Marks, CheckReport? Report, string? Problem)
{
    /// <summary>The quantities marked right.</summary>
    public int RightCount => Marks.Count(m => m.Mark == Mark.Right);

    /// <summary>Right quantities out of those asked, 0 … 100.</summary>
    public double Score => Marks.Count == 0 ? 0 : 100.0 * RightCount / Marks.Count;

    /// <summary>True when a submission was read and marked.</summary>
    public bool Marked => Submission is not null && Problem is null;

    /// <summary>The distinct slips the student made (each counted once).</summary>
    public IReadOnlyList<string> Slips => [.. Marks.SelectMany(m => m.Slips).Distinct()];
}
