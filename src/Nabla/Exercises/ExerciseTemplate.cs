using Nabla.App;
using Nabla.Specs;

namespace Nabla.Exercises;

/// <summary>
/// What every variant of an exercise shares: the network (layers, activations, biases), the
/// loss, the optimizer and its settings, the number of examples and the kind of numbers its
/// inputs and targets are (<see cref="ValueKind"/>). Read from a spec file or a named seed template.
/// </summary>
public sealed class ExerciseTemplate
{
    /// <summary>The most examples a hand exercise holds.</summary>
    public const int MaxExamples = 8;

    /// <summary>The most weights a hand exercise holds (as many as a worked solution writes out one by one).</summary>
    public const int MaxWeights = Explain.Writing.ExplanationDocument.DetailedWeightLimit;

    private ExerciseTemplate(string name, ModelSpec spec, int examples, ValueKind inputs, ValueKind targets)
    {
        Name = name;
        Spec = spec;
        Examples = examples;
        Inputs = inputs;
        Targets = targets;
    }

    /// <summary>The template's name: the seed name or the spec file's name without its folder.</summary>
    public string Name { get; }

    /// <summary>The template's spec, its data made inline (read-only by convention: variants copy it).</summary>
    public ModelSpec Spec { get; }

    /// <summary>The number of examples each variant has.</summary>
    public int Examples { get; }

    /// <summary>The kind of numbers the inputs are.</summary>
    public ValueKind Inputs { get; }

    /// <summary>The kind of numbers the targets are.</summary>
    public ValueKind Targets { get; }

    /// <summary>The layers' bias flags, first layer first.</summary>
    public IReadOnlyList<bool> HasBias => Spec.Layers.Select(l => l.HasBias).ToList();

    /// <summary>A named seed template (<c>seed-000</c> … <c>seed-004</c>) or a spec file.</summary>
    public static ExerciseTemplate Load(string nameOrPath)
    {
        if (SeedTemplates.Find(nameOrPath) is { } seed)
        {
            return From(seed, nameOrPath.ToLowerInvariant());
        }

        if (!File.Exists(nameOrPath))
        {
            throw new NablaException($"{nameOrPath}: no such template. Fix: give a spec file, or one of the named templates {string.Join(", ", SeedTemplates.Names)}.");
        }

        return From(SpecReader.ReadFile(nameOrPath), Path.GetFileNameWithoutExtension(nameOrPath));
    }

    /// <summary>A template from a spec already read.</summary>
    public static ExerciseTemplate From(ModelSpec spec, string name)
    {
        if (spec.Data is null)
        {
            throw new NablaException($"{spec.File}: the template has no \"data\" section, so a variant has no examples to draw. Fix: add \"data\": {{ \"x\": [[…]], \"y\": [[…]] }} with up to {MaxExamples} examples.");
        }

        int weights = spec.Layers.Select((l, i) => (i == 0 ? spec.Inputs : spec.Layers[i - 1].Units) * l.Units).Sum();
        if (weights > MaxWeights)
        {
            throw new NablaException($"{spec.File}: the network has {weights} weights, more than the {MaxWeights} a hand calculation can hold. Fix: use a smaller network for an exercise.");
        }

        var data = ModelBuilder.LoadData(spec);
        if (data.Count > MaxExamples)
        {
            throw new NablaException($"{spec.File}: the data has {data.Count} examples, more than the {MaxExamples} a hand calculation can hold. Fix: give up to {MaxExamples} examples inline (\"x\" and \"y\").");
        }

        var inline = new DataSpec { X = data.X.ToRows(), Y = data.Y.ToRows() };
        var copy = spec with { Data = inline, Metrics = [], History = null, Result = null, Standardization = null };
        bool softmax = spec.Layers[^1].Activation == "softmax";
        return new ExerciseTemplate(name, copy, data.Count,
            ValueKinds.Of(inline.X, oneHotAllowed: false), ValueKinds.Of(inline.Y, oneHotAllowed: softmax));
    }
}
