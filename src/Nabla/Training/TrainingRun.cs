using System.Numerics;
using Nabla.Layers;
using Nabla.Optimizers;
using Nabla.Tensors;

namespace Nabla.Training;

/// <summary>
/// Training one batch at a time, for a caller that must hand control back between steps (the
/// browser playground, which trains between frames). The batches, the shuffles, the step numbers
/// and the updates are those of <see cref="Trainer{T}.Fit(Matrix{T}, Matrix{T}, CancellationToken)"/>
/// with the same options: after k epochs the weights and each epoch's loss are Fit's after k epochs.
/// A non-finite loss stops the run with the weights of the last good epoch, as Fit does. The
/// options' epochs, step limit and early stopping are the caller's to apply (a run goes on while
/// it is stepped); validation data is not measured here.
/// </summary>
public sealed class TrainingRun<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Network<T> network;
    private readonly Optimizer<T> optimizer;
    private readonly TrainOptions options;
    private readonly Parameter<T>[] parameters;
    private readonly double baseRate;
    private readonly Batches<T> batches;
    private readonly StepPlan<T> plan;
    private readonly WeightSnapshots<T> guard;
    private readonly EpochTotals totals;
    private readonly List<double> losses = [];
    private readonly int batch;
    private int start;

    /// <summary>A run of <paramref name="network"/> on (<paramref name="x"/>, <paramref name="y"/>) by <paramref name="optimizer"/>, batched, shuffled and seeded as <paramref name="options"/> say.</summary>
    public TrainingRun(Network<T> network, Optimizer<T> optimizer, TrainOptions options, Matrix<T> x, Matrix<T> y)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        int m = x.Rows;
        if (m == 0 || y.Rows != m)
        {
            throw new NablaException($"Training needs examples: X has {x.Rows} rows and Y has {y.Rows}.");
        }

        (this.network, this.optimizer, this.options) = (network, optimizer, options);
        parameters = [.. network.Parameters];
        baseRate = optimizer.LearningRate;
        batch = options.BatchSize <= 0 || options.BatchSize > m ? m : options.BatchSize;
        batches = new Batches<T>(x, y, batch, options.Shuffle, options.Seed);
        var flat = optimizer.UpdatesAsOneVector ? network.FlatParameters() : null;
        guard = new WeightSnapshots<T>(parameters, flat?.Values ?? default);
        guard.SaveLastGood();
        plan = new StepPlan<T>(new StepSetup<T>(network, optimizer, parameters, flat, null, options.ClipNorm, Trainer<T>.DropoutMasks(network, options)), batches.Xb, batch); // (Fit's masks)
        totals = new EpochTotals(network.Loss, [], withValidation: false, withRate: false);
        StartEpoch();
    }

    /// <summary>Epochs completed.</summary>
    public int Epoch { get; private set; }

    /// <summary>Steps (batches) taken, over all epochs.</summary>
    public long Steps { get; private set; }

    /// <summary>Examples in a batch (the last batch of an epoch may hold fewer).</summary>
    public int BatchSize => batch;

    /// <summary>Batches in an epoch.</summary>
    public int BatchesPerEpoch => (batches.Count + batch - 1) / batch;

    /// <summary>Batches taken in the epoch under way (0 between epochs).</summary>
    public int BatchInEpoch => (start + batch - 1) / batch;

    /// <summary>The rows of the training data in the batch the next step takes.</summary>
    public ReadOnlySpan<int> NextBatch => batches.Rows(start, Math.Min(batch, batches.Count - start));

    /// <summary>Each completed epoch's training loss: the mean over its batches, as Fit's history has it.</summary>
    public IReadOnlyList<double> Losses => losses;

    /// <summary>Why the run stopped (it diverged), or null while it can go on.</summary>
    public string? StopMessage { get; private set; }

    /// <summary>
    /// One step on the next batch: forward, loss, backward, update. True when it completed an epoch.
    /// A non-finite loss restores the weights of the last good epoch, sets <see cref="StopMessage"/>
    /// and returns false; so does every later call.
    /// </summary>
    public bool Step()
    {
        if (StopMessage is not null)
        {
            return false;
        }

        int m = batches.Count, size = Math.Min(batch, m - start);
        batches.Load(start, size);
        var output = plan.Forward(batches.Xb);
        double loss = double.CreateChecked(network.LossValue(batches.Yb));
        if (!double.IsFinite(loss))
        {
            guard.RestoreLastGood();
            StopMessage = $"The loss became {loss} in epoch {Epoch + 1} (step {Steps + 1}): training diverged. " +
                $"The model keeps the weights from the start of epoch {Math.Max(Epoch, 1)}, the last whose loss was finite. " +
                "Try a smaller learning rate or standardised inputs.";
            return false;
        }

        totals.Add(loss, output, batches.Yb, size, m);
        batches.PrefetchNext(start + size);
        plan.Learn(batches, start, size, Steps + 1);
        Steps++;
        start += size;
        if (start < m)
        {
            return false;
        }

        if (!guard.WeightsFinite())
        {
            guard.RestoreEpochStart();
            StopMessage = $"The weights became infinite or NaN in epoch {Epoch + 1}: training diverged. " +
                $"The model keeps the weights from the start of epoch {Epoch + 1}, the last whose loss was finite. " +
                "Try a smaller learning rate or standardised inputs.";
            return false;
        }

        guard.EpochWasGood();
        losses.Add(totals.Sums[0]);
        Epoch++;
        StartEpoch();
        return true;
    }

    /// <summary>Steps to the end of the epoch under way (a whole epoch between epochs). False when the run stopped instead.</summary>
    public bool FinishEpoch()
    {
        while (StopMessage is null)
        {
            if (Step())
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The next epoch's order of the examples (the shuffle Fit makes at the epoch's start), its rate and its guard.</summary>
    private void StartEpoch()
    {
        start = 0;
        guard.SaveEpochStart();
        batches.StartEpoch();
        totals.Clear();
        if (options.Schedule is { } schedule)
        {
            optimizer.LearningRate = schedule.Rate(baseRate, Epoch);
        }
    }
}
