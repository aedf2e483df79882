namespace Nabla.Models;

/// <summary>How well a network does on a set of examples.</summary>
/// <param name="Loss">The network's loss on the examples.</param>
/// <param name="Accuracy">The share of examples classified correctly, for a classifier (a cross-entropy loss); otherwise null.</param>
/// <param name="Correct">The number of examples classified correctly, for a classifier; otherwise null.</param>
/// <param name="Count">The number of examples.</param>
public sealed record Evaluation(double Loss, double? Accuracy, int? Correct, int Count)
{
    /// <inheritdoc/>
    public override string ToString() => Accuracy is { } accuracy
        ? FormattableString.Invariant($"loss {Loss:G6}, accuracy {accuracy:P1} ({Correct} of {Count})")
        : FormattableString.Invariant($"loss {Loss:G6} ({Count} examples)");
}
