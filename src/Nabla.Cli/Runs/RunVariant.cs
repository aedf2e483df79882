using System.Globalization;
using Nabla.Specs;

namespace Nabla.Cli.Runs;

/// <summary>What a compared run changes: the learning rate, the batch or the optimizer; one setting per comparison.</summary>
public enum Compared
{
    /// <summary>η (--lr 0.1,0.5,0.8).</summary>
    LearningRate,
    /// <summary>Examples per step (--batch full,32,1).</summary>
    Batch,
    /// <summary>The update rule (--optimizer sgd,momentum,adam).</summary>
    Optimizer,
}

/// <summary>One run of a comparison: the setting it changes and its value (shown as "lr 0.5", "batch 32", "optimizer adam").</summary>
public sealed record RunVariant(Compared Setting, string Value)
{
    /// <summary>"lr 0.5", "batch full", "optimizer adam".</summary>
    public string Label => $"{Key} {Value}";

    /// <summary>The sub-folder of a compared run: "lr-0.5", "batch-32", "optimizer-adam".</summary>
    public string Folder => $"{Key}-{Value}";

    /// <summary>The column heading of the results tables: "learning rate", "batch", "optimizer".</summary>
    public string Heading => Setting switch
    {
        Compared.LearningRate => "learning rate",
        Compared.Batch => "batch",
        _ => "optimizer",
    };

    private string Key => Setting switch
    {
        Compared.LearningRate => "lr",
        Compared.Batch => "batch",
        _ => "optimizer",
    };

    /// <summary>A run at learning rate η.</summary>
    public static RunVariant Rate(double eta) => new(Compared.LearningRate, Format(eta));

    /// <summary>A run with batches of k examples (0: the full data set).</summary>
    public static RunVariant Batch(int k) => new(Compared.Batch, k == 0 ? "full" : k.ToString(CultureInfo.InvariantCulture));

    /// <summary>A run by the named optimizer.</summary>
    public static RunVariant Optimizer(string name) => new(Compared.Optimizer, name);

    /// <summary>The comparison's spec with this run's setting.</summary>
    public ModelSpec ApplyTo(ModelSpec spec) => spec with
    {
        Train = Setting switch
        {
            Compared.LearningRate => spec.Train with { LearningRate = double.Parse(Value, CultureInfo.InvariantCulture) },
            Compared.Batch => spec.Train with { Batch = Value == "full" ? 0 : int.Parse(Value, CultureInfo.InvariantCulture) },
            _ => spec.Train.WithOptimizer(Value), // (with ε and λ defaults of its own, as a spec naming it gets)
        },
    };

    /// <summary>η as the run folders and tables write it.</summary>
    public static string Format(double v) => v.ToString("0.######", CultureInfo.InvariantCulture);
}
