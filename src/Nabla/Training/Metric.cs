using Nabla.Losses;

namespace Nabla.Training;

/// <summary>
/// A quantity recorded per epoch beside the training loss: another loss (train on half_sse
/// while watching bce, as the seed-000 report does) or "accuracy".
/// </summary>
public sealed record Metric(string Name, Loss? Loss)
{
    /// <summary>The share of examples classified correctly.</summary>
    public static Metric Accuracy { get; } = new("accuracy", null);

    /// <summary>The value of <paramref name="loss"/>, watched as a metric.</summary>
    public static Metric OfLoss(Loss loss) => new(loss.Name, loss);
}
