namespace Nabla.Explain.Checking;

/// <summary>One answer line checked against the network: the quantity, and its values in Nabla's layout.</summary>
public sealed record Answer(AnswerLine Source, IReadOnlyList<AnswerElement> Elements)
{
    internal string Name => Source.Name;

    internal int Step => Source.Step;

    internal int Line => Source.Line;

    /// <summary>True when the line gave the whole quantity rather than one element.</summary>
    public bool IsWhole => !Source.HasIndex && Elements.Count > 1;
}
