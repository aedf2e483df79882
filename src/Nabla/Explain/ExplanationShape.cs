using Nabla.Diagrams;

namespace Nabla.Explain;

/// <summary>
/// The network an explanation worked through, as a diagram draws it. An extension of
/// <see cref="NetworkShape"/> so that diagrams, which explanations draw, need not know explanations.
/// </summary>
public static class ExplanationShape
{
    extension(NetworkShape)
    {
        /// <summary>From an explanation, with the weights and biases its first step started from.</summary>
        public static NetworkShape FromExplanation(Explanation e)
        {
            var step = e.Steps[0];
            var layers = e.Layers.Select(l => new LayerShape(
                l.Units, l.Activation, l.Alpha, l.HasBias,
                step.TryGet($"W{l.Number}", out var w) ? w.ToRows() : null,
                l.HasBias && step.TryGet($"b{l.Number}", out var b) ? b.ToArray() : null)).ToList();
            return new NetworkShape(e.Spec.Name, e.Inputs, layers, null);
        }
    }
}
