namespace Nabla.Explain.Checking;

/// <summary>
/// The most likely slip behind a wrong value: one cause, or a pair (a sign slip on top of
/// another); Detail names the factor or the ratio; Explanation is one sentence with numbers.
/// </summary>
public sealed record Diagnosis(IReadOnlyList<string> Causes, string? Detail, string Explanation)
{
    /// <summary>"diagonal-only softmax Jacobian (half the true value)", "… + sign slip".</summary>
    public string Title => string.Join(" + ", Causes) + (Detail is null ? "" : $" ({Detail})");

    internal bool Has(string cause) => Causes.Contains(cause);
}
