using Nabla.Specs;

namespace Nabla.Cli.Runs;

/// <summary>
/// Command-line settings that replace the spec's own (null = keep the spec's). A list of learning rates, batches
/// or optimizers with more than one value is a comparison: one run per value, all from the same initial weights.
/// </summary>
public sealed record TrainOverrides(IReadOnlyList<double>? LearningRates = null, int? Epochs = null, IReadOnlyList<int>? Batches = null, ulong? Seed = null, IReadOnlyList<string>? Optimizers = null)
{
    /// <summary>The spec with epochs, seed and every single-valued setting applied to its "train" section, and the runs to make.</summary>
    public (ModelSpec Spec, IReadOnlyList<RunVariant> Runs) ApplyTo(ModelSpec spec)
    {
        var compared = Compared();
        spec = spec with { Train = spec.Train with { Epochs = Epochs ?? spec.Train.Epochs, Seed = Seed ?? spec.Train.Seed } };
        foreach (var single in Lists().Where(l => l.Count == 1))
        {
            spec = single[0].ApplyTo(spec);
        }

        return (spec, compared ?? [RunVariant.Rate(spec.Train.LearningRate)]);
    }

    /// <summary>The runs of the comparison these settings ask for, or null for a single run; refuses two compared settings at once.</summary>
    public IReadOnlyList<RunVariant>? Compared()
    {
        var compared = Lists().Where(l => l.Count > 1).ToList();
        if (compared.Count > 1)
        {
            throw new NablaException(
                $"{string.Join(" and ", compared.Select(l => $"--{Option(l[0].Setting)}"))} each list several values: a comparison changes one setting at a time. " +
                "Fix: give several values to one of them only, e.g. --optimizer sgd,momentum,adam --lr 0.05.");
        }

        return compared.Count == 1 ? compared[0] : null;
    }

    private List<RunVariant>[] Lists() =>
    [
        [.. (LearningRates ?? []).Select(RunVariant.Rate)],
        [.. (Batches ?? []).Select(RunVariant.Batch)],
        [.. (Optimizers ?? []).Select(RunVariant.Optimizer)],
    ];

    private static string Option(Compared setting) => setting switch
    {
        Runs.Compared.LearningRate => "lr",
        Runs.Compared.Batch => "batch",
        _ => "optimizer",
    };
}
