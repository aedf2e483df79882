using System.Numerics;
using Nabla.App;
using Nabla.Gradients;
using Nabla.Specs;
using Nabla.Tensors;
using Nabla.Training;

namespace Nabla.Explain;

/// <summary>
/// Runs N training steps of a spec with a <see cref="Trace{T}"/> attached — the same Trainer,
/// Forward, Backward and optimizer that <c>nabla train</c> uses — and gathers the explanation.
/// </summary>
public static class Explainer
{
    /// <summary>The most steps a worked solution writes out: it is read by a person (train runs longer).</summary>
    public const int MaxSteps = 1000;

    /// <summary>
    /// Trains a copy of <paramref name="spec"/> (the spec itself is not changed) for <paramref name="steps"/> steps,
    /// 1 to <see cref="MaxSteps"/>, in the spec's precision with the trace on, and returns what every step computed
    /// (in double) and a gradient check at the weights the last step started from. Fewer steps are traced when
    /// training stops early (see <see cref="Explanation.StopMessage"/>).
    /// </summary>
    /// <exception cref="NablaException">
    /// When <paramref name="steps"/> is out of range, the spec's data cannot be loaded, the first step already diverged,
    /// or the steps would hold more than <see cref="Trace{T}.ValueBudget"/> numbers.
    /// </exception>
    public static Explanation Run(ModelSpec spec, int steps = 1)
    {
        if (steps is < 1 or > MaxSteps)
        {
            throw new NablaException($"--steps must be between 1 and {MaxSteps} (got {steps}). Fix: a worked solution is for reading; use `nabla train` for longer runs.");
        }

        spec = ModelBuilder.FillMissingWeights(spec); // (the explanation shows the starting weights)
        return spec.Train.Precision == "float32" ? Run<float>(spec, steps) : Run<double>(spec, steps);
    }

    private static Explanation Run<T>(ModelSpec spec, int steps)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var data = ModelBuilder.LoadData(spec);
        var network = ModelBuilder.BuildNetwork<T>(spec);
        var (x, y) = data.As<T>();
        var trace = new Trace<T>();
        var options = ModelBuilder.BuildOptions(spec.Train) with { Epochs = steps, MaxSteps = steps };
        var optimizer = ModelBuilder.BuildOptimizer<T>(spec.Train);
        if (!spec.Train.IsPlainSgd)
        {
            int batch = options.BatchSize <= 0 || options.BatchSize > x.Rows ? x.Rows : options.BatchSize; // as Fit takes it
            trace.Watch(optimizer, network, options.ClipNorm, (x.Rows + batch - 1) / batch);
        }

        var trainer = new Trainer<T>(network, optimizer, options) { Observer = trace };
        var result = trainer.Fit(x, y);
        if (trace.Steps.Count == 0)
        {
            throw new NablaException($"{spec.File}: the first step already diverged ({result.StopMessage}).");
        }

        var layers = spec.Layers.Select((l, i) => new LayerInfo(
            i + 1, i == 0 ? spec.Inputs : spec.Layers[i - 1].Units, l.Units, l.Activation,
            Activations.Activation.AlphaFor(l.Activation) is { } fallback ? l.Alpha ?? fallback : null, l.HasBias, l.Dropout)).ToList();
        var loss = network.Loss;
        return new Explanation(
            spec, layers, loss.Name, loss.Formula, loss.Reduction, spec.Train.Optimizer, spec.Train.LearningRate,
            spec.Train.Precision, trace.Steps, CheckLastStep(spec, trace.Steps[^1]),
            trace.Steps.Count < steps ? result.StopMessage : null);
    }

    /// <summary>The gradient check at the weights the last step started from, on that step's batch.</summary>
    private static IReadOnlyList<GradientComparison> CheckLastStep(ModelSpec spec, StepTrace step)
    {
        var copy = spec.WithLayers((layer, i) => layer with
        {
            Weights = step[$"W{i + 1}"].ToRows(),
            Bias = step.TryGet($"b{i + 1}", out var b) ? b.ToArray() : layer.Bias,
        });
        var network = ModelBuilder.BuildNetwork<double>(copy);
        return GradientCheck.Run(network, step["X"].Clone(), step["Y"].Clone());
    }
}
