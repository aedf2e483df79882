using System.Numerics;
using Nabla.Layers;
using Nabla.Numerics;
using Nabla.Optimizers;
using Nabla.Tensors;
using Nabla.Tensors.Kernels;

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

    // All parameters as one vector and their gradients, during a Fit where that holds (see Network.FlatParameters):
    // flatCount values from flatAt in each array (plain fields: array segments cost a one-example step a few ns).
    private T[]? flatValues;
    private T[]? flatGradients;
    private (int Values, int Gradients) flatAt;
    private int flatCount;

    // The passes for one example at a time through small layers, during a Fit where they apply (see OneExampleStep).
    private OneExampleStep<T>? oneByOne;

    // Plain SGD on all parameters with nobody watching: each layer's update is taken inside the backward pass.
    private Sgd<T>? descent;

    // Batches large enough that the next one's rows of X are prefetched during each step (see PrefetchNext).
    private bool prefetch;

    // Two copies of all parameters: the last good weights and those at the epoch's start.
    private (T[] LastGood, T[] EpochStart) snapshots = ([], []);

    /// <summary>A trainer of <paramref name="network"/> by <paramref name="optimizer"/>, watching <paramref name="monitors"/> besides the loss.</summary>
    public Trainer(Network<T> network, Optimizer<T> optimizer, TrainOptions options, IReadOnlyList<Metric>? monitors = null)
    {
        this.network = network;
        this.optimizer = optimizer;
        this.options = options;
        this.monitors = monitors is null ? [] : [.. monitors];
        parameters = [.. network.Parameters];
    }

    /// <summary>Called after every epoch with (epoch number from 1, a copy of that epoch's history row).</summary>
    public Action<int, double[]>? EpochEnded { get; set; }

    /// <summary>True when the last Fit took its SGD updates inside the backward pass (see <see cref="Network{T}.BackwardDescending"/>).</summary>
    internal bool UpdatesInBackward => descent is not null;

    /// <summary>Sees every step (for explanations); null in ordinary training.</summary>
    public IStepObserver<T>? Observer { get; set; }

    /// <summary>Trains on inputs <paramref name="x"/> and targets <paramref name="y"/> for the options' epochs, or until <paramref name="cancel"/> asks it to stop after an epoch.</summary>
    public TrainResult Fit(Matrix<T> x, Matrix<T> y, CancellationToken cancel = default)
    {
        int m = x.Rows;
        if (m == 0 || y.Rows != m)
        {
            throw new NablaException($"Training needs examples: X has {x.Rows} rows and Y has {y.Rows}.");
        }

        int batch = options.BatchSize <= 0 || options.BatchSize > m ? m : options.BatchSize;

        // A batch is a view of X's rows when they lie together (unshuffled, or one example): no copy.
        // Only shuffled mini-batches are gathered into buffers of their own.
        bool gather = options.Shuffle && batch > 1;
        var xb = gather ? new Matrix<T>(batch, x.Cols) : Matrix<T>.RowsOf(x, 0, batch);
        var yb = gather ? new Matrix<T>(batch, y.Cols) : Matrix<T>.RowsOf(y, 0, batch);
        var order = new int[m];
        for (int i = 0; i < m; i++)
        {
            order[i] = i;
        }

        var flat = optimizer.UpdatesElementWise ? network.FlatParameters() : null;
        (flatValues, flatGradients, flatAt, flatCount) = flat is var (v, g) ? (v.Array, g.Array, (v.Offset, g.Offset), v.Count) : (null, null, (0, 0), 0);
        var random = new SeededRandom(options.Seed);
        // lastGood: the weights at the start of the last epoch whose losses were all finite.
        int parameterCount = flat is var (theta, _) ? theta.Count : parameters.Sum(p => p.Value.Length);
        if (snapshots.LastGood.Length != parameterCount)
        {
            snapshots = (new T[parameterCount], new T[parameterCount]); // (kept for the next Fit: a large θ is costly to allocate)
        }

        var (lastGood, epochStart) = snapshots;
        Save(lastGood);
        network.Reserve(batch);
        oneByOne = batch == 1 && Observer is null ? OneExampleStep<T>.For(network, xb) : null;
        descent = flat is not null && oneByOne is null && Observer is null ? optimizer as Sgd<T> : null;
        prefetch = (long)batch * x.Cols >= PrefetchFrom;

        var columns = new List<string> { "loss" };
        columns.AddRange(monitors.Select(mo => mo.Name));
        var history = new History(columns);
        var sums = new double[columns.Count];
        long steps = 0;

        for (int epoch = 1; epoch <= options.Epochs; epoch++)
        {
            if (cancel.IsCancellationRequested)
            {
                return new(history, epoch - 1, steps, false, true, $"Stopped after {epoch - 1} epochs, as asked.");
            }

            Save(epochStart);

            if (options.Shuffle)
            {
                random.Shuffle(order);
            }

            Array.Clear(sums);
            for (int start = 0; start < m; start += batch)
            {
                int size = Math.Min(batch, m - start);
                double loss = Step(x, y, xb, yb, gather, order, start, size, sums, steps);
                if (!double.IsFinite(loss))
                {
                    Restore(lastGood);
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

            if (epoch == options.Epochs && !Finite(lastGood))
            {
                // The last epoch's losses were finite but its updates were not; no later step will see it.
                Restore(epochStart);
                return new(history, epoch - 1, steps, true, false,
                    $"The weights became infinite or NaN in epoch {epoch}, the last: training diverged. " +
                    $"The model keeps the weights from the start of epoch {epoch}, the last whose loss was finite. " +
                    "Try a smaller learning rate or standardised inputs.");
            }

            (lastGood, epochStart) = (epochStart, lastGood); // this epoch was finite throughout
            history.Add(sums);
            EpochEnded?.Invoke(epoch, (double[])sums.Clone());
        }

        return new(history, options.Epochs, steps, false, false, null);
    }

    /// <summary>
    /// One step on the batch of rows order[start..start+size): Forward → loss → Backward → update.
    /// Returns the batch's loss; a non-finite loss returns at once, before any update.
    /// </summary>
    private double Step(Matrix<T> x, Matrix<T> y, Matrix<T> xb, Matrix<T> yb, bool gather, int[] order, int start, int size, double[] sums, long steps)
    {
        if (gather)
        {
            Gather(x, order, start, size, xb);
            Gather(y, order, start, size, yb);
        }
        else
        {
            int first = options.Shuffle ? order[start] : start; // (shuffled: a batch of one example)
            xb.ShowRows(x, first, size);
            yb.ShowRows(y, first, size);
        }

        var output = oneByOne is { } one ? one.Forward() : network.Forward(xb);
        double loss = double.CreateChecked(network.LossValue(yb));
        if (!double.IsFinite(loss))
        {
            return loss;
        }

        Accumulate(sums, loss, output, yb, size, x.Rows);
        if (prefetch)
        {
            PrefetchNext(x, order, start + size, size);
        }

        if (oneByOne is { } single)
        {
            single.Backward(yb);
        }
        else if (descent is { } sgd)
        {
            network.BackwardDescending(yb, sgd.Rate); // backward pass and W ← W − η·dW in one
            sgd.CountStep();
            return loss;
        }
        else
        {
            network.Backward(yb, computeInputGradient: Observer?.WantsInputGradient ?? false);
        }

        Observer?.BeforeUpdate(steps + 1, order.AsSpan(start, size), network, xb, yb);
        if (flatValues is not null)
        {
            optimizer.Step(flatValues, flatAt.Values, flatGradients!, flatAt.Gradients, flatCount); // every parameter in one pass
        }
        else
        {
            optimizer.Step(parameters);
        }

        Observer?.AfterUpdate(steps + 1, network, xb, yb);
        return loss;
    }

    /// <summary>
    /// Starts bringing the next batch's rows of X (rows order[next..] when shuffled) into the cache, so they
    /// arrive while this step's backward pass runs rather than stall the next forward product. Only for
    /// batches of at least <see cref="PrefetchFrom"/> values: a small X stays in cache anyway.
    /// </summary>
    private void PrefetchNext(Matrix<T> x, int[] order, int next, int size)
    {
        if (next >= x.Rows)
        {
            return; // (the epoch's last batch)
        }

        int count = Math.Min(size, x.Rows - next);
        if (!options.Shuffle)
        {
            Prefetch.Rows(x, next, count); // (unshuffled: the rows that follow)
            return;
        }

        for (int i = 0; i < count; i++)
        {
            Prefetch.Rows(x, order[next + i], 1);
        }
    }

    /// <summary>Batches of fewer values of X than this are not prefetched (<see cref="PrefetchNext"/>).</summary>
    private const int PrefetchFrom = 4096;

    /// <summary>Copies every parameter's values, one after another, into <paramref name="copy"/>.</summary>
    private void Save(T[] copy)
    {
        if (flatValues is not null)
        {
            flatValues.AsSpan(flatAt.Values, flatCount).CopyTo(copy);
            return;
        }

        var parameters = this.parameters;
        int at = 0;
        for (int p = 0; p < parameters.Length; p++)
        {
            var values = parameters[p].Value.Span;
            values.CopyTo(copy.AsSpan(at, values.Length));
            at += values.Length;
        }
    }

    /// <summary>Whether every parameter is finite, saving them into <paramref name="scratch"/> to look.</summary>
    private bool Finite(T[] scratch)
    {
        Save(scratch);
        foreach (var v in scratch)
        {
            if (!T.IsFinite(v))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Puts the values saved by <see cref="Save"/> back into the parameters.</summary>
    private void Restore(T[] copy)
    {
        if (flatValues is not null)
        {
            copy.AsSpan(0, flatCount).CopyTo(flatValues.AsSpan(flatAt.Values, flatCount));
            return;
        }

        var parameters = this.parameters;
        int at = 0;
        for (int p = 0; p < parameters.Length; p++)
        {
            var values = parameters[p].Value.Span;
            copy.AsSpan(at, values.Length).CopyTo(values);
            at += values.Length;
        }
    }

    /// <summary>Adds one batch's loss and monitors to the epoch totals.</summary>
    private void Accumulate(double[] sums, double loss, Matrix<T> output, Matrix<T> yb, int size, int m)
    {
        // A mean loss is weighted by the batch's share of the examples, so a full epoch of
        // batches gives the loss's own reduction over all m examples; a sum just adds up.
        sums[0] += Weighted(network.Loss.Reduction, loss, size, m);
        for (int i = 0; i < monitors.Length; i++)
        {
            var monitor = monitors[i];
            sums[i + 1] += monitor.Loss is { } other
                ? Weighted(other.Reduction, double.CreateChecked(other.Value(output, yb)), size, m)
                : Accuracy.CountCorrect(output, yb) / (double)m;
        }
    }

    private static double Weighted(Losses.Reduction reduction, double value, int size, int m) =>
        reduction == Losses.Reduction.Mean && size != m ? value * size / m : value;

    /// <summary>Copies rows order[start..start+size) of <paramref name="source"/> into the batch buffer.</summary>
    private static void Gather(Matrix<T> source, int[] order, int start, int size, Matrix<T> batch)
    {
        batch.SetRows(size);
        for (int i = 0; i < size; i++)
        {
            source.Row(order[start + i]).CopyTo(batch.Row(i));
        }
    }
}
