using Nabla.Data;
using Nabla.Specs;
using Nabla.Training;

namespace Nabla.App;

/// <summary>
/// What training a spec produced: the model (spec + final weights + history), the training
/// examples with the network's outputs on them and the final loss and metrics; and, when the
/// spec holds out a test part, the same for the test examples. Data and Test hold the inputs
/// as read (not standardised): Predictions[i] is what <see cref="SpecPredictor.Predict"/> gives
/// for Data.X row i. Classes names the output columns (null for inline data, logic gates and numeric targets).
/// </summary>
public sealed record TrainedModel(
    ModelSpec Model,
    TrainResult Result,
    Dataset Data,
    double[][] Predictions,
    IReadOnlyDictionary<string, double> Final,
    Dataset? Test = null,
    double[][]? TestPredictions = null,
    IReadOnlyDictionary<string, double>? TestFinal = null,
    IReadOnlyList<string>? Classes = null)
{
    /// <summary>Things the user should hear about how the data was read (a semicolon-separated file, say).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}
