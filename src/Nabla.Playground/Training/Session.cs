using Nabla.App;
using Nabla.Data;
using Nabla.Diagrams;
using Nabla.Optimizers;
using Nabla.Specs;
using Nabla.Tensors;
using Nabla.Training;

namespace Nabla.Playground.Training;

/// <summary>
/// One training run in the page: the spec the settings make, read and checked by the library's
/// spec reader, and the network, optimizer and data the library builds from it. Training goes an
/// epoch at a time (the page runs as many as fit between two frames); each epoch's shuffle is
/// seeded from the spec's seed and the epoch number, so the same settings give the same run
/// whatever the frame rate.
/// </summary>
public sealed class Session
{
    private readonly Matrix<double> x;
    private readonly Matrix<double> y;
    private readonly Matrix<double>? testX;
    private readonly Matrix<double>? testY;
    private readonly List<double> losses = [];
    private readonly List<double> testLosses = [];

    private Session(ModelSpec spec, Network<double> network, Optimizer<double> optimizer, DataSplit split)
    {
        Spec = spec;
        Network = network;
        Optimizer = optimizer;
        Classes = split.Classes;
        (x, y) = split.Train.As<double>();
        if (split.Test is { } test)
        {
            (testX, testY) = test.As<double>();
        }

        Refresh();
    }

    /// <summary>The spec the run was built from (its weights are the initial ones).</summary>
    public ModelSpec Spec { get; }

    public Network<double> Network { get; }

    public Optimizer<double> Optimizer { get; }

    /// <summary>The class names, when the data has labels.</summary>
    public IReadOnlyList<string>? Classes { get; }

    /// <summary>The training inputs (one example per row).</summary>
    public Matrix<double> X => x;

    /// <summary>The training targets, as the network learns them.</summary>
    public Matrix<double> Y => y;

    /// <summary>The held-out inputs, or null.</summary>
    public Matrix<double>? TestX => testX;

    /// <summary>The held-out targets, or null.</summary>
    public Matrix<double>? TestY => testY;

    /// <summary>Epochs trained so far.</summary>
    public int Epoch { get; private set; }

    /// <summary>Steps (batches) trained so far.</summary>
    public long Steps { get; private set; }

    /// <summary>Each epoch's training loss, the mean over its batches (as <c>nabla train</c>'s history).</summary>
    public IReadOnlyList<double> Losses => losses;

    /// <summary>The loss on the held-out part after each epoch (empty without one).</summary>
    public IReadOnlyList<double> TestLosses => testLosses;

    /// <summary>The fraction of training examples classified right by the current weights.</summary>
    public double Accuracy { get; private set; }

    /// <summary>The same on the held-out part, or null.</summary>
    public double? TestAccuracy { get; private set; }

    /// <summary>Why training stopped (divergence), or null while it can go on.</summary>
    public string? Stopped { get; private set; }

    /// <summary>The batch size a step takes (the whole set when the spec says "full").</summary>
    public int BatchSize => Spec.Train.Batch <= 0 || Spec.Train.Batch > x.Rows ? x.Rows : Spec.Train.Batch;

    /// <summary>Reads and checks <paramref name="json"/> (a spec), then builds its network, optimizer and data. Throws <see cref="NablaException"/> with a message fit to show.</summary>
    public static Session Start(string json)
    {
        var spec = SpecReader.Parse(json, "the playground's spec");
        var split = ModelBuilder.LoadSplit(spec);
        var network = ModelBuilder.BuildNetwork<double>(spec);
        var optimizer = ModelBuilder.BuildOptimizer<double>(spec.Train);
        return new Session(spec, network, optimizer, split);
    }

    /// <summary>Trains one epoch; false (and <see cref="Stopped"/> says why) when training diverged.</summary>
    public bool TrainEpoch()
    {
        if (Stopped is not null)
        {
            return false;
        }

        var options = new TrainOptions
        {
            Epochs = 1,
            BatchSize = Spec.Train.Batch,
            Shuffle = Spec.Train.Shuffle,
            Seed = EpochSeed(Spec.Train.Seed, Epoch),
        };
        var result = new Trainer<double>(Network, Optimizer, options).Fit(x, y);
        Steps += result.Steps;
        if (result.Diverged)
        {
            Stopped = result.StopMessage;
            return false;
        }

        Epoch++;
        losses.Add(result.History.Row(result.History.Count - 1)[0]);
        if (testX is not null && testY is not null)
        {
            var output = Network.Forward(testX);
            testLosses.Add(Network.Loss.Value(output, testY));
        }

        return true;
    }

    /// <summary>Measures the accuracies with the current weights (call before showing them).</summary>
    public void Refresh()
    {
        Accuracy = (double)Nabla.Training.Accuracy.CountCorrect(Network.Forward(x), y) / x.Rows;
        TestAccuracy = testX is not null && testY is not null
            ? (double)Nabla.Training.Accuracy.CountCorrect(Network.Forward(testX), testY) / testX.Rows
            : null;
    }

    /// <summary>The network as the library's diagram draws it, with the current weights (read straight from the layers: no copy of the spec).</summary>
    public NetworkShape Shape()
    {
        var layers = new List<LayerShape>(Network.Layers.Count);
        for (int l = 0; l < Network.Layers.Count; l++)
        {
            var layer = Network.Layers[l];
            var spec = Spec.Layers[l];
            double? alpha = spec.Activation == "leaky_relu" ? spec.Alpha ?? Activations.LeakyRelu.DefaultAlpha : null;
            layers.Add(new LayerShape(layer.Units, spec.Activation, alpha, layer.B is not null, layer.W.ToRows(), layer.B?.ToArray()));
        }

        return new NetworkShape(null, Network.Inputs, layers, null);
    }

    /// <summary>The network's outputs for each row of <paramref name="inputs"/> (a fresh matrix).</summary>
    public Matrix<double> Predict(Matrix<double> inputs) => Network.Predict(inputs);

    /// <summary>The shuffle seed of epoch <paramref name="epoch"/> (from 0): the spec's seed for the first, then a mix of both.</summary>
    internal static ulong EpochSeed(ulong seed, int epoch) =>
        epoch == 0 ? seed : seed ^ ((ulong)epoch * 0x9E3779B97F4A7C15UL);
}
