using System.Numerics;
using Nabla.Activations;
using Nabla.Data;
using Nabla.Layers;
using Nabla.Losses;
using Nabla.Numerics;
using Nabla.Optimizers;
using Nabla.Specs;
using Nabla.Tensors;
using Nabla.Training;

namespace Nabla.App;

/// <summary>Turns a checked <see cref="ModelSpec"/> into the objects that compute: network, data, optimizer.</summary>
public static class ModelBuilder
{
    /// <summary>
    /// The spec with the weights it leaves out drawn, in layer order, from one generator seeded by
    /// train.seed, and missing biases as zeros (so a model file holds every starting value).
    /// </summary>
    public static ModelSpec FillMissingWeights(ModelSpec spec)
    {
        var random = new SeededRandom(spec.Train.Seed);
        int inputs = spec.Inputs;
        var layers = new List<LayerSpec>();
        foreach (var layer in spec.Layers)
        {
            var filled = layer;
            if (layer.Weights is null)
            {
                var init = layer.Init is null ? Initializer.DefaultFor(layer.Activation) : Initializer.Parse(layer.Init)!;
                double[] w = init.Draw(inputs, layer.Units, random);
                filled = filled with { Weights = [.. Enumerable.Range(0, inputs).Select(i => w.AsSpan(i * layer.Units, layer.Units).ToArray())] };
            }

            if (layer.HasBias && layer.Bias is null)
            {
                filled = filled with { Bias = new double[layer.Units] };
            }

            layers.Add(filled);
            inputs = layer.Units;
        }

        return spec with { Layers = layers };
    }

    /// <summary>The loss a spec names, with its reduction and Huber's δ when the spec gives them.</summary>
    public static Loss BuildLoss(LossSpec loss) =>
        Loss.FromName(loss.Name, loss.Reduction, loss.Delta) ?? throw new NablaException($"Unknown loss \"{loss.Name}\".");

    /// <summary>The network with the spec's weights (those it leaves out drawn as <see cref="FillMissingWeights"/> draws them).</summary>
    public static Network<T> BuildNetwork<T>(ModelSpec spec)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        spec = FillMissingWeights(spec);
        var layers = new List<Dense<T>>();
        int inputs = spec.Inputs;
        foreach (var ls in spec.Layers)
        {
            var activation = Activation.FromName(ls.Activation, ls.Alpha)!;
            var layer = new Dense<T>(inputs, ls.Units, activation, ls.HasBias)
            {
                TrainWeights = ls.Trainable,
                TrainBias = ls.TrainBias,
                Dropout = ls.Dropout,
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

    /// <summary>The spec with the network's current weights and biases.</summary>
    public static ModelSpec WithWeights<T>(ModelSpec spec, Network<T> network)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        spec.WithLayers((layer, l) => layer with { Weights = network.Layers[l].W.ToRows(), Bias = network.Layers[l].B?.ToArray() });

    /// <summary>The optimizer "train" names, with its weight decay.</summary>
    public static Optimizer<T> BuildOptimizer<T>(TrainSpec t)
        where T : unmanaged, IFloatingPointIeee754<T> => t.Optimizer switch
        {
            "momentum" => new Momentum<T>(t.LearningRate, t.Momentum) { WeightDecay = t.WeightDecay, DecayBias = t.DecayBias },
            "nesterov" => new Momentum<T>(t.LearningRate, t.Momentum, nesterov: true) { WeightDecay = t.WeightDecay, DecayBias = t.DecayBias },
            "adam" => new Adam<T>(t.LearningRate, t.Beta1, t.Beta2, t.Epsilon) { WeightDecay = t.WeightDecay, DecayBias = t.DecayBias },
            "adamw" => new Adam<T>(t.LearningRate, t.Beta1, t.Beta2, t.Epsilon) { WeightDecay = t.WeightDecay, DecayBias = t.DecayBias, Decoupled = true },
            "rmsprop" => new RmsProp<T>(t.LearningRate, t.Alpha, t.Epsilon, t.Momentum) { WeightDecay = t.WeightDecay, DecayBias = t.DecayBias },
            "adagrad" => new Adagrad<T>(t.LearningRate, t.Epsilon) { WeightDecay = t.WeightDecay, DecayBias = t.DecayBias },
            _ => new Sgd<T>(t.LearningRate) { WeightDecay = t.WeightDecay, DecayBias = t.DecayBias },
        };

    /// <summary>The metrics a spec records beside the training loss: accuracy, or other losses by name.</summary>
    public static List<Metric> BuildMetrics(ModelSpec spec) =>
        spec.Metrics.Select(name => name == "accuracy" ? Metric.Accuracy : Metric.OfLoss(Loss.FromName(name)!)).ToList();

    /// <summary>The trainer's options from a spec's train section: epochs, batch, shuffling, seed, clipping, schedule, early stopping.</summary>
    public static TrainOptions BuildOptions(TrainSpec t) =>
        new() { Epochs = t.Epochs, BatchSize = t.Batch, Shuffle = t.Shuffle, Seed = t.Seed, Schedule = t.Schedule, ClipNorm = t.ClipNorm, EarlyStopping = t.EarlyStopping };

    /// <summary>
    /// The spec's data (inline rows, a built-in set, or a CSV file relative to the spec), labels
    /// encoded for the last layer, split into training and test parts as "data.test" asks, with
    /// the standardisation measured on the training part. The parts hold the inputs as read.
    /// </summary>
    public static DataSplit LoadSplit(ModelSpec spec) => DataLoader.Load(spec);

    /// <summary>The training part, as the network sees it (standardised when the spec asks for it).</summary>
    public static Dataset LoadData(ModelSpec spec)
    {
        var split = LoadSplit(spec);
        return split.Standardization?.Apply(split.Train) ?? split.Train;
    }
}
