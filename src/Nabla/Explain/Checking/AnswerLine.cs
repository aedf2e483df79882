namespace Nabla.Explain.Checking;

/// <summary>
/// One quantity line of an answer file, as written: <c>A2 = 0.752, 0.770</c> (whole quantity,
/// rows separated by ';') or <c>dW2[2,1] = 0.0883</c> (one element; Row and Col count from 1
/// in the line's notation, Col null for a vector's <c>[k]</c>).
/// </summary>
public sealed record AnswerLine(
    string File,
    int Line,
    string Name,
    int? Row,
    int? Col,
    IReadOnlyList<IReadOnlyList<WrittenNumber>> Rows,
    bool ByUnit,
    int Step)
{
    /// <summary>True for an element line (<c>NAME[i,j] = v</c> or a scalar).</summary>
    public bool HasIndex => Row is not null;

    /// <summary>All the numbers of the line in the order written.</summary>
    public IEnumerable<WrittenNumber> Numbers => Rows.SelectMany(r => r);

    /// <summary>"answers.txt:12".</summary>
    public string Where => $"{File}:{Line}";

    internal NablaException Error(string problem, string fix) => new($"{Where}: {problem}. Fix: {fix}.");
}
