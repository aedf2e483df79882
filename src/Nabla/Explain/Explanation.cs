using Nabla.Gradients;
using Nabla.Specs;

namespace Nabla.Explain;

/// <summary>One layer as an explanation describes it.</summary>
/// <param name="Dropout">p of dropout on the layer's output while training (0: none).</param>
public sealed record LayerInfo(int Number, int Inputs, int Units, string Activation, double? Alpha, bool HasBias, double Dropout = 0);

/// <summary>
/// What <c>nabla explain</c> shows: the network, the loss, and the trace of N training steps,
/// plus a gradient check at the weights of the last step. Every renderer (md, text, html,
/// json) draws from this one object.
/// </summary>
public sealed record Explanation(
    ModelSpec Spec,
    IReadOnlyList<LayerInfo> Layers,
    string LossName,
    string LossFormula,
    Losses.Reduction Reduction,
    string Optimizer,
    double LearningRate,
    string Precision,
    IReadOnlyList<StepTrace> Steps,
    IReadOnlyList<GradientComparison> GradientCheck,
    string? StopMessage)
{
    internal int Inputs => Spec.Inputs;

    /// <summary>Number of weights (biases not counted) in the whole network.</summary>
    public int WeightCount => Layers.Sum(l => l.Inputs * l.Units);

    internal LayerInfo Output => Layers[^1];

    /// <summary>The loss itself (for its normaliser N), rebuilt from its name and reduction.</summary>
    public Losses.Loss Loss => Losses.Loss.FromName(LossName, Reduction)!;
}
