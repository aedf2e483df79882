using System.Numerics;
using Nabla.Data;
using Nabla.Tensors;
using Nabla.Training;

namespace Nabla.Specs;

/// <summary>What training a spec produced: the model (spec + final weights + history) and its outputs.</summary>
public sealed record TrainedModel(ModelSpec Model, TrainResult Result, Dataset Data, double[][] Predictions, IReadOnlyDictionary<string, double> Final);

/// <summary>
/// Trains the network a spec describes on the spec's data, in the precision it asks for
/// (train.precision: float64 or float32), and returns the model file's contents.
/// </summary>
public static class SpecTrainer
{
    /// <param name="onEpoch">Called after each epoch with (epoch, column names, values).</param>
    public static TrainedModel Train(ModelSpec spec, Action<int, IReadOnlyList<string>, double[]>? onEpoch = null, CancellationToken cancel = default) =>
        spec.Train.Precision == "float32"
            ? Train<float>(spec, onEpoch, cancel)
            : Train<double>(spec, onEpoch, cancel);

    /// <summary>A deep copy of a spec (through its JSON form, which round-trips every number).</summary>
    public static ModelSpec Copy(ModelSpec spec)
    {
        var copy = SpecReader.Parse(SpecWriter.ToJson(spec), spec.File);
        copy.File = spec.File;
        return copy;
    }

    private static TrainedModel Train<T>(ModelSpec spec, Action<int, IReadOnlyList<string>, double[]>? onEpoch, CancellationToken cancel)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var data = ModelBuilder.LoadData(spec);
        var network = ModelBuilder.BuildNetwork<T>(spec); // also fills the spec's missing starting weights
        var (x, y) = data.As<T>();
        var metrics = ModelBuilder.BuildMetrics(spec);
        var trainer = new Trainer<T>(network, ModelBuilder.BuildOptimizer<T>(spec.Train), ModelBuilder.BuildOptions(spec.Train), metrics);
        if (onEpoch is not null)
        {
            var columns = new List<string> { "loss" };
            columns.AddRange(metrics.Select(m => m.Name));
            trainer.EpochEnded = (epoch, row) => onEpoch(epoch, columns, row);
        }

        var result = trainer.Fit(x, y, cancel);

        // The final state: loss and metrics of the final weights over all the data.
        var output = network.Forward(x);
        var final = new Dictionary<string, double> { ["loss"] = double.CreateChecked(network.Loss.Value(output, y)) };
        foreach (var m in metrics)
        {
            final[m.Name] = m.Loss is { } loss
                ? double.CreateChecked(loss.Value(output, y))
                : Accuracy.CountCorrect(output, y) / (double)y.Rows;
        }

        double[][] predictions = output.ToRows();
        var model = Copy(spec);
        ModelBuilder.StoreWeights(network, model);
        model.History = result.History.Columns.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => result.History.Rows.Select(r => r[p.i]).ToArray());
        model.Result = new RunSummary(result.EpochsRun, result.Steps, final["loss"], result.Diverged, result.StopMessage);
        return new TrainedModel(model, result, data, predictions, final);
    }
}
