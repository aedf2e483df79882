namespace Nabla.Exercises.Grading;

/// <summary>How one quantity of a submission was marked.</summary>
public enum Mark
{
    /// <summary>Every value of it right at the precision written.</summary>
    Right,

    /// <summary>Wrong at the root: some value of it wrong though the values it was computed from were right.</summary>
    Wrong,

    /// <summary>Wrong only because it was computed from the student's own earlier wrong values (the step itself right).</summary>
    Inherited,

    /// <summary>Left blank or out of the answer file.</summary>
    Unanswered,

    /// <summary>No submission from the student.</summary>
    Missing,

    /// <summary>The submission could not be read.</summary>
    Unreadable,
}

/// <summary>One quantity of one student's exercise, marked; Slips name the likely slips of a wrong one.</summary>
public sealed record QuantityMark(int Step, string Name, Mark Mark, IReadOnlyList<string> Slips);
