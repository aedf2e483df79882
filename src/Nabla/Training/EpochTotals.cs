using System.Numerics;
using Nabla.Losses;
using Nabla.Tensors;

namespace Nabla.Training;

/// <summary>
/// An epoch's row of the history, summed batch by batch: the training loss, then each monitor
/// (another loss, or accuracy), in the order of <see cref="Columns"/>.
/// </summary>
internal sealed class EpochTotals
{
    private readonly Loss lossOfTraining;
    private readonly Metric[] monitors;

    private readonly int validationAt;
    private readonly int testAt;

    /// <param name="withValidation">Add "val_loss" and a "val_" column per monitor: their values on the validation data after the epoch.</param>
    /// <param name="withRate">Add an "lr" column: the epoch's learning rate (under a schedule).</param>
    /// <param name="withTest">Add "test_loss" and a "test_" column per monitor, as the validation ones, on the test data (never watched by early stopping).</param>
    public EpochTotals(Loss loss, Metric[] monitors, bool withValidation, bool withRate, bool withTest = false)
    {
        (lossOfTraining, this.monitors) = (loss, monitors);
        List<string> train = ["loss", .. monitors.Select(m => m.Name)];
        validationAt = withValidation ? train.Count : -1;
        testAt = withTest ? train.Count * (withValidation ? 2 : 1) : -1;
        Columns =
        [
            .. train,
            .. withValidation ? train.Select(c => ValidationPrefix + c) : [],
            .. withTest ? train.Select(c => TestPrefix + c) : [],
            .. withRate ? [History.RateColumn] : Array.Empty<string>(),
        ];
        Sums = new double[Columns.Count];
    }

    /// <summary>What the validation columns' names start with.</summary>
    public const string ValidationPrefix = "val_";

    /// <summary>What the test columns' names start with.</summary>
    public const string TestPrefix = "test_";

    /// <summary>The epoch's learning rate, in the "lr" column (only where there is one).</summary>
    public double Rate
    {
        set => Sums[^1] = value;
    }

    /// <summary>"loss", then each monitor's name, then "lr" under a schedule.</summary>
    public List<string> Columns { get; }

    /// <summary>The totals so far this epoch, one per column.</summary>
    public double[] Sums { get; }

    /// <summary>Starts an epoch.</summary>
    public void Clear() => Array.Clear(Sums);

    /// <summary>Adds one batch of <paramref name="size"/> of the <paramref name="m"/> examples: its loss and monitors.</summary>
    public void Add<T>(double loss, Matrix<T> output, Matrix<T> yb, int size, int m)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // A mean loss is weighted by the batch's share of the examples, so a full epoch of
        // batches gives the loss's own reduction over all m examples; a sum just adds up.
        var sums = Sums;
        sums[0] += Weighted(lossOfTraining.Reduction, loss, size, m);
        for (int i = 0; i < monitors.Length; i++)
        {
            var monitor = monitors[i];
            sums[i + 1] += monitor.Loss is { } other
                ? Weighted(other.Reduction, double.CreateChecked(other.Value(output, yb)), size, m)
                : Accuracy.CountCorrect(output, yb) / (double)m;
        }
    }

    /// <summary>The validation columns: the loss and each monitor of the outputs Ŷ on all the validation examples (after the epoch's last update).</summary>
    public void Validate<T>(Matrix<T> output, Matrix<T> y)
        where T : unmanaged, IFloatingPointIeee754<T> => HeldOut(validationAt, output, y);

    /// <summary>The test columns, as <see cref="Validate"/> on the test examples.</summary>
    public void Test<T>(Matrix<T> output, Matrix<T> y)
        where T : unmanaged, IFloatingPointIeee754<T> => HeldOut(testAt, output, y);

    private void HeldOut<T>(int validationAt, Matrix<T> output, Matrix<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var sums = Sums;
        sums[validationAt] = double.CreateChecked(lossOfTraining.Value(output, y));
        for (int i = 0; i < monitors.Length; i++)
        {
            sums[validationAt + i + 1] = monitors[i].Loss is { } other
                ? double.CreateChecked(other.Value(output, y))
                : Accuracy.CountCorrect(output, y) / (double)y.Rows;
        }
    }

    private static double Weighted(Reduction reduction, double value, int size, int m) =>
        reduction == Reduction.Mean && size != m ? value * size / m : value;
}
