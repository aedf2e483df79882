using System.Numerics;
using Nabla.Specs;
using Nabla.Tensors;
using Nabla.Training;

namespace Nabla.App;

/// <summary>
/// Trains the network a spec describes on the training part of the spec's data, in the
/// precision it asks for (train.precision: float64 or float32), evaluates it on the held-out
/// test part when there is one, and returns the model file's contents.
/// </summary>
public static class SpecTrainer
{
    /// <param name="onEpoch">Called after each epoch with (epoch, column names, values).</param>
    public static TrainedModel Train(ModelSpec spec, Action<int, IReadOnlyList<string>, double[]>? onEpoch = null, CancellationToken cancel = default) =>
        spec.Train.Precision == "float32"
            ? Train<float>(spec, onEpoch, cancel)
            : Train<double>(spec, onEpoch, cancel);

    private static TrainedModel Train<T>(ModelSpec spec, Action<int, IReadOnlyList<string>, double[]>? onEpoch, CancellationToken cancel)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var split = ModelBuilder.LoadSplit(spec);
        long examples = split.Train.Count + (split.Test?.Count ?? 0);
        if (MemoryEstimate.Check(spec, examples, MemoryEstimate.Budget) is var (_, problem, fix))
        {
            throw new NablaException($"{spec.File}: {problem}. Fix: {fix}.");
        }

        var scale = split.Standardization;
        var network = ModelBuilder.BuildNetwork<T>(spec);
        var (x, y) = (scale?.Apply(split.Train) ?? split.Train).As<T>();
        var metrics = ModelBuilder.BuildMetrics(spec);
        var trainer = new Trainer<T>(network, ModelBuilder.BuildOptimizer<T>(spec.Train), ModelBuilder.BuildOptions(spec.Train), metrics);
        if (onEpoch is not null)
        {
            trainer.EpochEnded = (epoch, row) => onEpoch(epoch, trainer.Columns, row);
        }

        var validation = split.Validation is { } v ? (scale?.Apply(v) ?? v).As<T>() : ((Matrix<T>, Matrix<T>)?)null;
        var testPart = split.Test is { } tp ? (scale?.Apply(tp) ?? tp).As<T>() : ((Matrix<T>, Matrix<T>)?)null;
        var result = trainer.Fit(x, y, validation, testPart, cancel); // (the test curve is drawn, never watched)

        // The final state: loss and metrics of the final weights over all the training examples, then the test examples.
        var (predictions, final) = Evaluate(network, x, y, metrics);
        double[][]? testPredictions = null;
        Dictionary<string, double>? testFinal = null;
        if (split.Test is { } test)
        {
            var (xt, yt) = (scale?.Apply(test) ?? test).As<T>();
            (testPredictions, testFinal) = Evaluate(network, xt, yt, metrics);
        }

        var model = ModelBuilder.WithWeights(spec, network) with
        {
            Classes = split.Classes?.ToList(),
            InputNames = split.InputNames?.ToList(),
            Standardization = scale,
            Imputation = split.Imputation,
            Categories = split.Categories,
            History = result.History.ToColumns(), // (with an "epoch" column when a long run's history was thinned)
            Result = new RunSummary(result.EpochsRun, result.Steps, final["loss"], result.Diverged, result.StopMessage, testFinal) { KeptEpoch = result.KeptEpoch },
        };
        return new TrainedModel(model, result, split.Train, predictions, final, split.Test, testPredictions, testFinal, split.Classes) { Notes = split.Notes };
    }

    /// <summary>The outputs Ŷ on (X, Y), the loss L(Ŷ, Y) and each metric.</summary>
    private static (double[][] Outputs, Dictionary<string, double> Values) Evaluate<T>(Network<T> network, Matrix<T> x, Matrix<T> y, List<Metric> metrics)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var output = network.Forward(x);
        var values = new Dictionary<string, double> { ["loss"] = double.CreateChecked(network.Loss.Value(output, y)) };
        foreach (var m in metrics)
        {
            values[m.Name] = m.Loss is { } loss
                ? double.CreateChecked(loss.Value(output, y))
                : Accuracy.CountCorrect(output, y) / (double)y.Rows;
        }

        return (output.ToRows(), values);
    }
}
