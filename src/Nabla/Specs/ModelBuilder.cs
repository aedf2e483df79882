using System.Numerics;
using Nabla.Activations;
using Nabla.Data;
using Nabla.Layers;
using Nabla.Losses;
using Nabla.Optimizers;
using Nabla.Tensors;
using Nabla.Training;

namespace Nabla.Specs;

/// <summary>Turns a checked <see cref="ModelSpec"/> into the objects that compute: network, data, optimizer.</summary>
public static class ModelBuilder
{
    /// <summary>
    /// Draws the weights the spec leaves out, in layer order, from one generator seeded by
    /// train.seed, and writes them into the spec (so a model file holds every starting value).
    /// </summary>
    public static void FillMissingWeights(ModelSpec spec)
    {
        var random = new SeededRandom(spec.Train.Seed);
        int inputs = spec.Inputs;
        foreach (var layer in spec.Layers)
        {
            if (layer.Weights is null)
            {
                var init = layer.Init is null ? Initializer.DefaultFor(layer.Activation) : Initializer.Parse(layer.Init)!;
                double[] w = init.Draw(inputs, layer.Units, random);
                layer.Weights = Enumerable.Range(0, inputs).Select(i => w.AsSpan(i * layer.Units, layer.Units).ToArray()).ToArray();
            }

            if (layer.HasBias && layer.Bias is null)
            {
                layer.Bias = new double[layer.Units];
            }

            inputs = layer.Units;
        }
    }

    public static Loss BuildLoss(LossSpec loss) =>
        Loss.FromName(loss.Name, loss.Reduction) ?? throw new NablaException($"Unknown loss \"{loss.Name}\".");

    /// <summary>The network with the spec's weights (call <see cref="FillMissingWeights"/> first).</summary>
    public static Network<T> BuildNetwork<T>(ModelSpec spec)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        FillMissingWeights(spec);
        var layers = new List<Dense<T>>();
        int inputs = spec.Inputs;
        foreach (var ls in spec.Layers)
        {
            var activation = Activation.FromName(ls.Activation, ls.Alpha ?? LeakyRelu.DefaultAlpha)!;
            var layer = new Dense<T>(inputs, ls.Units, activation, ls.HasBias)
            {
                TrainWeights = ls.Trainable,
                TrainBias = ls.TrainBias,
            };
            Matrix<T>.FromRows(ls.Weights!, ls.Units).CopyTo(layer.W);
            if (layer.B is not null)
            {
                Matrix<T>.FromRows([ls.Bias!], ls.Units).CopyTo(layer.B);
            }

            layers.Add(layer);
            inputs = ls.Units;
        }

        return new Network<T>(spec.Inputs, layers, BuildLoss(spec.Loss));
    }

    /// <summary>Copies the network's current weights and biases back into the spec.</summary>
    public static void StoreWeights<T>(Network<T> network, ModelSpec spec)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int l = 0; l < network.Layers.Count; l++)
        {
            spec.Layers[l].Weights = network.Layers[l].W.ToRows();
            spec.Layers[l].Bias = network.Layers[l].B?.ToArray();
        }
    }

    public static Optimizer<T> BuildOptimizer<T>(TrainSpec t)
        where T : unmanaged, IFloatingPointIeee754<T> => t.Optimizer switch
        {
            "momentum" => new Momentum<T>(t.LearningRate, t.Momentum),
            "nesterov" => new Momentum<T>(t.LearningRate, t.Momentum, nesterov: true),
            "adam" => new Adam<T>(t.LearningRate, t.Beta1, t.Beta2, t.Epsilon),
            _ => new Sgd<T>(t.LearningRate),
        };

    public static List<Metric> BuildMetrics(ModelSpec spec) =>
        spec.Metrics.Select(name => name == "accuracy" ? Metric.Accuracy : Metric.OfLoss(Loss.FromName(name)!)).ToList();

    public static TrainOptions BuildOptions(TrainSpec t) =>
        new() { Epochs = t.Epochs, BatchSize = t.Batch, Shuffle = t.Shuffle, Seed = t.Seed };

    /// <summary>The spec's data: inline rows, a built-in gate, or a CSV file (relative to the spec).</summary>
    public static Dataset LoadData(ModelSpec spec)
    {
        var data = spec.Data ?? throw new NablaException($"{spec.File}: the spec has no \"data\" section. Fix: add \"data\": {{ \"dataset\": \"xor\" }} or inline \"x\" and \"y\".");
        if (data.Dataset is not null)
        {
            return LogicGates.Find(data.Dataset)!;
        }

        if (data.Csv is not null)
        {
            string dir = Path.GetDirectoryName(Path.GetFullPath(spec.File)) ?? ".";
            string path = Path.IsPathRooted(data.Csv) ? data.Csv : Path.Combine(dir, data.Csv);
            var set = CsvData.Load(path, data.Label!);
            CheckLoaded(set, spec, path);
            return set;
        }

        return new Dataset("inline", Matrix<double>.FromRows(data.X!), Matrix<double>.FromRows(data.Y!));
    }

    private static void CheckLoaded(Dataset set, ModelSpec spec, string path)
    {
        if (set.X.Cols != spec.Inputs)
        {
            throw new NablaException($"{path}: the CSV has {set.X.Cols} feature columns but the network has \"inputs\": {spec.Inputs}. Fix: make \"inputs\" {set.X.Cols}.");
        }

        if (set.Y.Cols != spec.Layers[^1].Units)
        {
            throw new NablaException($"{path}: the labels have {set.Y.Cols} columns (classes) but the last layer has {spec.Layers[^1].Units} units. Fix: make the last layer's \"units\" {set.Y.Cols}.");
        }

        if (BuildLoss(spec.Loss).CheckLabels(set.Y) is { } problem)
        {
            throw new NablaException($"{path}: {problem}. Fix: use labels that fit \"{spec.Loss.Name}\", or pick another loss.");
        }
    }
}
