using System.Numerics;
using Nabla.Losses;
using Nabla.Numerics;
using Nabla.Optimizers;
using Nabla.Tensors;
using Nabla.Training;

namespace Nabla.Tests.Training;

/// <summary>
/// The trainer's SGD steps done the long way, as the reference its fast paths must match bit for bit:
/// the same batches in the same order, each through the network's own Forward, Backward and Sgd.Step
/// over each parameter.
/// </summary>
internal static class PlainSgd
{
    /// <summary>
    /// Trains <paramref name="network"/> as a <see cref="Trainer{T}"/> with <paramref name="options"/> and
    /// SGD at <paramref name="rate"/> would; returns each epoch's loss as the trainer's history has it, and the optimizer.
    /// </summary>
    public static (double[] EpochLoss, Sgd<T> Optimizer) Train<T>(Network<T> network, Matrix<T> x, Matrix<T> y, TrainOptions options, double rate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int rows = x.Rows, batch = options.BatchSize;
        var optimizer = new Sgd<T>(rate);
        var random = new SeededRandom(options.Seed);
        var dropout = new SeededRandom(options.Seed + Trainer<T>.DropoutStream); // (the masks, for layers with dropout)
        int[] order = [.. Enumerable.Range(0, rows)];
        var epochLoss = new double[options.Epochs];
        for (int epoch = 0; epoch < options.Epochs; epoch++)
        {
            if (options.Shuffle)
            {
                random.Shuffle(order);
            }

            for (int start = 0; start < rows; start += batch)
            {
                int size = Math.Min(batch, rows - start);
                var xb = new Matrix<T>(size, x.Cols);
                var yb = new Matrix<T>(size, y.Cols);
                for (int i = 0; i < size; i++)
                {
                    x.Row(order[start + i]).CopyTo(xb.Row(i));
                    y.Row(order[start + i]).CopyTo(yb.Row(i));
                }

                network.ForwardTraining(xb, dropout);
                double value = double.CreateChecked(network.LossValue(yb));
                epochLoss[epoch] += network.Loss.Reduction == Reduction.Mean && size != rows ? value * size / rows : value; // the trainer's epoch loss
                network.Backward(yb);
                optimizer.Step(network.Parameters);
            }
        }

        return (epochLoss, optimizer);
    }
}
