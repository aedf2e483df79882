namespace Nabla.Playground.Training;

/// <summary>
/// One stop of a walk through a pass of the worked step: a layer (forward from the first, backward from the last),
/// the loss after the forward pass, or the update after the backward pass.
/// </summary>
/// <param name="Title">What the stop computes, as the page names it.</param>
/// <param name="Layer">The layer highlighted in the diagram (from 1), or 0 for the loss and the update.</param>
/// <param name="Heading">The start of the heading of the stop's section in the library's worked step.</param>
public sealed record PassStop(string Title, int Layer, string Heading)
{
    /// <summary>The stops of the forward pass (layer 1 to L, then the loss) or of the backward pass (layer L to 1, then the update).</summary>
    public static IReadOnlyList<PassStop> Of(int layers, bool forward) =>
        forward
            ? [.. Enumerable.Range(1, layers).Select(l => new PassStop($"layer {l}: Z{l} = A{l - 1}·W{l} + b{l}, A{l} = f(Z{l})", l, $"Layer {l}:")), new("the loss", 0, "Loss")]
            : [.. Enumerable.Range(1, layers).Reverse().Select(l => new PassStop($"layer {l}: δ{l}, dW{l}, db{l} and the gradient passed down", l, $"Layer {l} (")), new("the update", 0, "Update")];
}
