using Nabla.App;
using Nabla.Specs;

namespace Nabla.Diagrams;

/// <summary>
/// What a network diagram needs: the inputs, and per layer its units, activation, bias and
/// (when known) weights. Built from a spec or model file, or from an explanation (<c>Explain.ExplanationShape</c>).
/// </summary>
public sealed record NetworkShape(string? Name, int Inputs, IReadOnlyList<LayerShape> Layers, string? Note)
{
    /// <summary>Above this many weights the edges are drawn without labels.</summary>
    public const int LabelledWeightLimit = 60;

    /// <summary>Number of weights (biases not counted).</summary>
    public int WeightCount => Layers.Select((l, i) => UnitsIn(i) * l.Units).Sum();

    /// <summary>True when every layer's weights are known.</summary>
    public bool HasWeights => Layers.All(l => l.Weights is not null);

    /// <summary>Units of column c: 0 is the inputs, c ≥ 1 is layer c.</summary>
    public int UnitsIn(int column) => column == 0 ? Inputs : Layers[column - 1].Units;

    /// <summary>
    /// From a spec or model file. Weights the spec leaves out are the initial ones that
    /// train.seed draws (the values <c>nabla train</c> and <c>nabla explain</c> start from),
    /// filled in, and <see cref="Note"/> says so.
    /// </summary>
    public static NetworkShape FromSpec(ModelSpec spec)
    {
        string? note = null;
        var missing = spec.Layers.Select((l, i) => (l, Number: i + 1)).Where(p => p.l.Weights is null).Select(p => p.Number).ToList();
        if (missing.Count > 0)
        {
            spec = ModelBuilder.FillMissingWeights(spec);
            string which = missing.Count == 1 ? $"Layer {missing[0]} has" : $"Layers {string.Join(", ", missing)} have";
            note = $"{which} no weights in the spec: shown are the initial ones train.seed = {spec.Train.Seed} draws.";
        }

        var layers = spec.Layers.Select(l => new LayerShape(
            l.Units, l.Activation, Activations.Activation.AlphaFor(l.Activation) is { } fallback ? l.Alpha ?? fallback : null,
            l.HasBias, l.Weights, l.HasBias ? l.Bias : null)).ToList();
        return new NetworkShape(spec.Name, spec.Inputs, layers, note);
    }
}
