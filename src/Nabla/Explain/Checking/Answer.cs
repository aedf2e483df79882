namespace Nabla.Explain.Checking;

/// <summary>One answer line checked against the network: the quantity, and its values in Nabla's layout.</summary>
public sealed record Answer(AnswerLine Source, IReadOnlyList<AnswerElement> Elements)
{
    public string Name => Source.Name;

    public int Step => Source.Step;

    public int Line => Source.Line;

    /// <summary>True when the line gave the whole quantity rather than one element.</summary>
    public bool IsWhole => !Source.HasIndex && Elements.Count > 1;
}
