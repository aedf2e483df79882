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
/// spec reader, and the network, optimizer and data the library builds from it. Training goes a
/// batch at a time through the library's <see cref="TrainingRun{T}"/> (the page runs as many as fit
/// between two frames): the same batches, shuffles and updates as <c>nabla train</c> with the same
/// spec, so the same settings give the CLI's run whatever the frame rate.
/// </summary>
public sealed class Session
{
    private readonly Matrix<double> x;
    private readonly Matrix<double> y;
    private readonly Matrix<double>? testX;
    private readonly Matrix<double>? testY;
    private readonly List<double> testLosses = [];
    private readonly TrainingRun<double> run;

    private Session(ModelSpec spec, Network<double> network, Optimizer<double> optimizer, DataSplit split)
    {
        Spec = spec;
        Network = network;
        Optimizer = optimizer;
        Classes = split.Classes;
        Standardization = split.Standardization;
        (x, y) = (Standardization?.Apply(split.Train) ?? split.Train).As<double>(); // (standardised as nabla train does, when the spec asks)
        if (split.Test is { } test)
        {
            (testX, testY) = (Standardization?.Apply(test) ?? test).As<double>();
        }

        run = new TrainingRun<double>(network, optimizer, ModelBuilder.BuildOptions(spec.Train), x, y);
        Refresh();
    }

    /// <summary>Each input's mean and standard deviation over the training part, when the spec standardises the inputs: <see cref="X"/> is standardised with them.</summary>
    public Data.Standardization? Standardization { get; }

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

    /// <summary>Epochs trained so far (complete ones).</summary>
    public int Epoch => run.Epoch;

    /// <summary>Steps (batches) trained so far.</summary>
    public long Steps => run.Steps;

    /// <summary>Batches taken in the epoch under way.</summary>
    public int BatchInEpoch => run.BatchInEpoch;

    /// <summary>Batches in an epoch.</summary>
    public int BatchesPerEpoch => run.BatchesPerEpoch;

    /// <summary>The training rows the next step takes (its batch).</summary>
    public int[] NextBatch => run.NextBatch.ToArray();

    /// <summary>Each epoch's training loss, the mean over its batches (as <c>nabla train</c>'s history).</summary>
    public IReadOnlyList<double> Losses => run.Losses;

    /// <summary>The loss on the held-out part after each epoch (empty without one).</summary>
    public IReadOnlyList<double> TestLosses => testLosses;

    /// <summary>The fraction of training examples classified right by the current weights.</summary>
    public double Accuracy { get; private set; }

    /// <summary>The same on the held-out part, or null.</summary>
    public double? TestAccuracy { get; private set; }

    /// <summary>Why training stopped (divergence), or null while it can go on.</summary>
    public string? Stopped => run.StopMessage;

    /// <summary>The batch size a step takes (the whole set when the spec says "full").</summary>
    public int BatchSize => run.BatchSize;

    /// <summary>Reads and checks <paramref name="json"/> (a spec, from <paramref name="file"/>), then builds its network, optimizer and data. Throws <see cref="NablaException"/> with a message fit to show.</summary>
    public static Session Start(string json, string file = "the playground's spec")
    {
        var spec = SpecReader.Parse(json, file);
        var split = ModelBuilder.LoadSplit(spec);
        var network = ModelBuilder.BuildNetwork<double>(spec);
        var optimizer = ModelBuilder.BuildOptimizer<double>(spec.Train);
        return new Session(spec, network, optimizer, split);
    }

    /// <summary>Trains to the end of the epoch under way (a whole epoch between epochs); false (and <see cref="Stopped"/> says why) when training diverged.</summary>
    public bool TrainEpoch()
    {
        if (!run.FinishEpoch())
        {
            return false;
        }

        EpochEnded();
        return true;
    }

    /// <summary>Trains one batch; false (and <see cref="Stopped"/> says why) when training diverged.</summary>
    public bool TrainBatch()
    {
        bool ended = run.Step();
        if (ended)
        {
            EpochEnded();
        }

        return ended || run.StopMessage is null;
    }

    private void EpochEnded()
    {
        if (testX is not null && testY is not null)
        {
            var output = Network.Forward(testX);
            testLosses.Add(Network.Loss.Value(output, testY));
        }
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
            double? alpha = Activations.Activation.AlphaFor(spec.Activation) is { } fallback ? spec.Alpha ?? fallback : null;
            layers.Add(new LayerShape(layer.Units, spec.Activation, alpha, layer.B is not null, layer.W.ToRows(), layer.B?.ToArray()));
        }

        return new NetworkShape(null, Network.Inputs, layers, null);
    }

    /// <summary>The trained model as <c>nabla train</c> writes its model.json: the spec with the current weights and the loss history (<c>nabla predict</c>, <c>evaluate</c> and <c>explain</c> read it).</summary>
    public string ModelJson()
    {
        var model = ModelBuilder.WithWeights(Spec, Network) with { History = new Dictionary<string, double[]> { ["loss"] = [.. Losses] }, Standardization = Standardization };
        return SpecWriter.ToJson(model);
    }

    /// <summary>The network's outputs for each row of <paramref name="inputs"/>, given as <see cref="X"/> is (standardised when the spec asks): a fresh matrix.</summary>
    public Matrix<double> Predict(Matrix<double> inputs) => Network.Predict(inputs);
}
