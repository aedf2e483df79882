namespace Nabla.Explain.Checking;

/// <summary>
/// A value the learner would have written had they made this slip. Scale is what the 0.5 %
/// tolerance is taken of (the value itself, or for an update the step η·dW).
/// </summary>
public sealed record SlipCandidate(IReadOnlyList<string> Causes, string? Detail, double Value, double Scale, string Explanation);
