using System.Numerics;
using Nabla.Layers;
using Nabla.Numerics;
using Nabla.Optimizers;
using Nabla.Tensors;

namespace Nabla.Training;

/// <summary>
/// Runs gradient descent: for each epoch, for each batch, Forward → loss → Backward → update.
/// Full batch, mini-batches of k, or one example at a time; with or without shuffling.
/// A non-finite loss stops the run and restores the parameters of the epoch's start.
/// </summary>
public sealed class Trainer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Network<T> network;
    private readonly Optimizer<T> optimizer;
    private readonly TrainOptions options;
    private readonly Metric[] monitors;
    private readonly Parameter<T>[] parameters;
    private readonly double baseRate;

    // The last fit's step plan, and the guard's copies of the weights (kept for the next fit: a large θ is costly to allocate).
    private StepPlan<T>? plan;
    private WeightSnapshots<T>? snapshots;

    /// <summary>A trainer of <paramref name="network"/> by <paramref name="optimizer"/>, watching <paramref name="monitors"/> besides the loss.</summary>
    public Trainer(Network<T> network, Optimizer<T> optimizer, TrainOptions options, IReadOnlyList<Metric>? monitors = null)
    {
        this.network = network;
        this.optimizer = optimizer;
        this.options = options;
        this.monitors = monitors is null ? [] : [.. monitors];
        parameters = [.. network.Parameters];
        baseRate = optimizer.LearningRate; // η₀ of a schedule
    }

    /// <summary>Called after every epoch with (epoch number from 1, a copy of that epoch's history row).</summary>
    public Action<int, double[]>? EpochEnded { get; set; }

    /// <summary>True when the last Fit took its SGD updates inside the backward pass (see <see cref="Network{T}.BackwardDescending"/>).</summary>
    internal bool UpdatesInBackward => plan?.UpdatesInBackward ?? false;

    /// <summary>The history's columns in the current (or last) fit: "loss", each monitor, "val_" ones with validation data, "lr" under a schedule.</summary>
    public IReadOnlyList<string> Columns { get; private set; } = [];

    /// <summary>Sees every step (for explanations); null in ordinary training.</summary>
    public IStepObserver<T>? Observer { get; set; }

    /// <summary>
    /// Trains on (X, Y) for the options' epochs. Each epoch: save the weights (the divergence guard), shuffle
    /// when asked, then one step per batch; a non-finite loss ends the run with the last good weights.
    /// </summary>
    public TrainResult Fit(Matrix<T> x, Matrix<T> y, CancellationToken cancel = default) => Fit(x, y, null, cancel);

    /// <summary>
    /// As <see cref="Fit(Matrix{T}, Matrix{T}, CancellationToken)"/>, measuring the loss and monitors on
    /// <paramref name="validation"/> after every epoch (the history's "val_" columns), which early stopping may watch.
    /// </summary>
    public TrainResult Fit(Matrix<T> x, Matrix<T> y, (Matrix<T> X, Matrix<T> Y)? validation, CancellationToken cancel = default) =>
        Fit(x, y, validation, null, cancel);

    /// <summary>
    /// As <see cref="Fit(Matrix{T}, Matrix{T}, ValueTuple{Matrix{T}, Matrix{T}}?, CancellationToken)"/>, measuring the loss and
    /// monitors on <paramref name="test"/> too after every epoch (the history's "test_" columns: a curve to look at, which
    /// nothing in training reads).
    /// </summary>
    public TrainResult Fit(Matrix<T> x, Matrix<T> y, (Matrix<T> X, Matrix<T> Y)? validation, (Matrix<T> X, Matrix<T> Y)? test, CancellationToken cancel = default)
    {
        int m = x.Rows;
        if (m == 0 || y.Rows != m)
        {
            throw new NablaException($"Training needs examples: X has {x.Rows} rows and Y has {y.Rows}.");
        }

        int batch = options.BatchSize <= 0 || options.BatchSize > m ? m : options.BatchSize;
        var batches = new Batches<T>(x, y, batch, options.Shuffle, options.Seed);
        var flat = optimizer.UpdatesAsOneVector ? network.FlatParameters() : null;
        var flatValues = flat?.Values ?? default;
        if (snapshots is null || !snapshots.Fits(parameters, flatValues))
        {
            snapshots = new WeightSnapshots<T>(parameters, flatValues);
        }

        var guard = snapshots;
        guard.SaveLastGood();
        var setup = new StepSetup<T>(network, optimizer, parameters, flat, Observer, options.ClipNorm, DropoutMasks(network, options));
        var step = plan = new StepPlan<T>(setup, batches.Xb, batch);
        var schedule = options.Schedule;
        var totals = new EpochTotals(network.Loss, monitors, withValidation: validation is not null, withRate: schedule is not null, withTest: test is not null);
        var history = new History(totals.Columns);
        Columns = totals.Columns;
        var stopping = options.EarlyStopping;
        int watched = stopping is null ? -1 : totals.Columns.IndexOf(stopping.Monitor);
        if (stopping is not null && watched < 0)
        {
            throw new NablaException($"Early stopping watches \"{stopping.Monitor}\", which the history does not have (its columns: {string.Join(", ", totals.Columns)}).");
        }

        var (best, bestEpoch, waited) = (double.NaN, 0, 0);
        long steps = 0;

        for (int epoch = 1; epoch <= options.Epochs; epoch++)
        {
            if (cancel.IsCancellationRequested)
            {
                return new(history, epoch - 1, steps, false, true, $"Stopped after {epoch - 1} epochs, as asked.");
            }

            guard.SaveEpochStart();
            batches.StartEpoch();
            totals.Clear();
            if (schedule is not null)
            {
                optimizer.LearningRate = schedule.Rate(baseRate, epoch - 1); // η of this epoch
                totals.Rate = optimizer.LearningRate;
            }

            for (int start = 0; start < m; start += batch)
            {
                int size = Math.Min(batch, m - start);
                double loss = Step(step, batches, totals, start, size, steps + 1);
                if (!double.IsFinite(loss))
                {
                    guard.RestoreLastGood();
                    return new(history, epoch - 1, steps, true, false,
                        $"The loss became {loss} in epoch {epoch} (step {steps + 1}): training diverged. " +
                        $"The model keeps the weights from the start of epoch {Math.Max(epoch - 1, 1)}, the last whose loss was finite. " +
                        "Try a smaller learning rate or standardised inputs.");
                }

                steps++;
                if (options.MaxSteps > 0 && steps >= options.MaxSteps)
                {
                    return new(history, epoch - 1, steps, false, false, $"Stopped after {steps} steps, as asked.");
                }
            }

            if (epoch == options.Epochs && !guard.WeightsFinite())
            {
                // The last epoch's losses were finite but its updates were not; no later step will see it.
                guard.RestoreEpochStart();
                return new(history, epoch - 1, steps, true, false,
                    $"The weights became infinite or NaN in epoch {epoch}, the last: training diverged. " +
                    $"The model keeps the weights from the start of epoch {epoch}, the last whose loss was finite. " +
                    "Try a smaller learning rate or standardised inputs.");
            }

            guard.EpochWasGood();
            if (validation is var (xv, yv))
            {
                totals.Validate(network.Forward(xv), yv);
            }

            if (test is var (xt, yt))
            {
                totals.Test(network.Forward(xt), yt);
            }

            if (validation is not null || test is not null)
            {
                if (step.OneByOne)
                {
                    step = plan = new StepPlan<T>(setup, batches.Xb, batch);
                }
            }

            history.Add(totals.Sums);
            EpochEnded?.Invoke(epoch, (double[])totals.Sums.Clone());
            if (stopping is null)
            {
                continue;
            }

            double value = totals.Sums[watched];
            if (stopping.Improves(value, best))
            {
                (best, bestEpoch, waited) = (value, epoch, 0);
                if (stopping.RestoreBest)
                {
                    guard.SaveBest();
                }
            }
            else if (++waited >= stopping.Patience || epoch == options.Epochs)
            {
                bool early = epoch < options.Epochs;
                string why = early
                    ? $"Stopped early after epoch {epoch}: {stopping.Monitor} has not improved for {stopping.Patience} epochs."
                    : $"Ran all {epoch} epochs.";
                if (!stopping.RestoreBest || bestEpoch == 0)
                {
                    return new(history, epoch, steps, false, false, $"{why} The model keeps the weights of the last epoch.");
                }

                guard.RestoreBest();
                return new(history, epoch, steps, false, false,
                    $"{why} The model keeps the weights of epoch {bestEpoch}, the best {stopping.Monitor} ({best:G6}).")
                { KeptEpoch = bestEpoch };
            }
        }

        return new(history, options.Epochs, steps, false, false, null);
    }

    /// <summary>The dropout masks are drawn from the seed plus this (the seed itself orders the examples).</summary>
    internal const ulong DropoutStream = 0x9E3779B97F4A7C15;

    /// <summary>Where a fit draws its dropout masks: seeded from the options' seed, or null for a network without dropout.</summary>
    internal static SeededRandom? DropoutMasks(Network<T> network, TrainOptions options) =>
        network.HasDropout ? new SeededRandom(options.Seed + DropoutStream) : null;

    /// <summary>
    /// Step number <paramref name="number"/>, on the batch of <paramref name="size"/> examples from <paramref name="start"/>:
    /// forward → loss → backward → update. Returns the batch's loss; a non-finite loss returns at once, before any update.
    /// </summary>
    private double Step(StepPlan<T> step, Batches<T> batches, EpochTotals totals, int start, int size, long number)
    {
        batches.Load(start, size);
        var (xb, yb) = (batches.Xb, batches.Yb);
        var output = step.Forward(xb);
        double loss = double.CreateChecked(network.LossValue(yb));
        if (!double.IsFinite(loss))
        {
            return loss;
        }

        totals.Add(loss, output, yb, size, batches.Count);
        batches.PrefetchNext(start + size);
        step.Learn(batches, start, size, number);
        return loss;
    }
}
