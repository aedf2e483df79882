using System.Globalization;
using System.Numerics;
using System.Text;
using Nabla.App;
using Nabla.Losses;
using Nabla.Onnx;
using Nabla.Optimizers;
using Nabla.Specs;
using Nabla.Tensors;
using Nabla.Training;

namespace Nabla.Models;

/// <summary>
/// What a network built in code needs besides its forward and backward passes: training on
/// arrays, predicting, evaluating, a summary of its layers, and saving and loading it in the
/// model file format the command line reads and writes.
/// </summary>
public static class NetworkExtensions
{
    /// <param name="network">The network.</param>
    extension<T>(Network<T> network)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>
        /// Trains the network on inputs <paramref name="x"/> (one row per example) and targets
        /// <paramref name="y"/> for <paramref name="epochs"/> passes over the data with
        /// <paramref name="optimizer"/>, the full batch at each step. Training stops early, keeping the
        /// last good weights, when the loss turns NaN or ∞ (see <see cref="TrainResult.Diverged"/>).
        /// </summary>
        public TrainResult Fit(double[][] x, double[][] y, Optimizer<T> optimizer, int epochs) =>
            network.Fit(x, y, optimizer, new TrainOptions { Epochs = epochs });

        /// <summary>
        /// Trains the network on inputs <paramref name="x"/> (one row per example) and targets
        /// <paramref name="y"/> with <paramref name="optimizer"/> as <paramref name="options"/> say: the number
        /// of epochs, the batch size (0: the full batch at each step), shuffling, the seed, a learning-rate
        /// schedule, clipping and early stopping. <paramref name="progress"/> is called after each epoch with
        /// its number (from 1) and loss; <paramref name="cancel"/> stops training after the current epoch.
        /// Training stops early, keeping the last good weights, when the loss turns NaN or ∞ (see <see cref="TrainResult.Diverged"/>).
        /// </summary>
        public TrainResult Fit(double[][] x, double[][] y, Optimizer<T> optimizer, TrainOptions options, Action<int, double>? progress = null, CancellationToken cancel = default)
        {
            var (xm, ym) = Batch(network, x, y);
            var trainer = new Trainer<T>(network, optimizer, options);
            if (progress is not null)
            {
                trainer.EpochEnded = (epoch, row) => progress(epoch, row[0]);
            }

            return trainer.Fit(xm, ym, cancel);
        }

        /// <summary>The network's outputs for inputs <paramref name="x"/>, one row per example.</summary>
        public double[][] Predict(double[][] x) => network.Predict(Inputs(network, x)).ToRows();

        /// <summary>
        /// The loss on inputs <paramref name="x"/> and targets <paramref name="y"/>, and for a classifier
        /// (a cross-entropy loss) the accuracy: the largest output picks the class, or for one output unit ŷ ≥ ½.
        /// </summary>
        public Evaluation Evaluate(double[][] x, double[][] y)
        {
            var (xm, ym) = Batch(network, x, y);
            network.Forward(xm);
            double loss = double.CreateChecked(network.LossValue(ym));
            if (network.Loss is BinaryCrossEntropy or CategoricalCrossEntropy)
            {
                int correct = Accuracy.CountCorrect(network.Layers[^1].A, ym);
                return new Evaluation(loss, (double)correct / x.Length, correct, x.Length);
            }

            return new Evaluation(loss, null, null, x.Length);
        }

        /// <summary>A table of the layers: each one's units, activation, output shape and parameter count, and the totals.</summary>
        public string Summary()
        {
            var text = new StringBuilder();
            text.AppendLine(CultureInfo.InvariantCulture, $"{"layer",-8}{"units",7}  {"activation",-12}{"output",-12}{"parameters",12}");
            text.AppendLine(CultureInfo.InvariantCulture, $"{"input",-8}{network.Inputs,7}  {"",-12}{$"(m, {network.Inputs})",-12}{0,12}");
            long total = 0;
            for (int l = 0; l < network.Layers.Count; l++)
            {
                var layer = network.Layers[l];
                long count = ((long)layer.Inputs * layer.Units) + (layer.B is null ? 0 : layer.Units);
                total += count;
                text.AppendLine(CultureInfo.InvariantCulture, $"{$"dense {l + 1}",-8}{layer.Units,7}  {layer.Activation.Name,-12}{$"(m, {layer.Units})",-12}{count,12:N0}");
            }

            text.AppendLine(CultureInfo.InvariantCulture, $"{network.Inputs}-{string.Join("-", network.Layers.Select(l => l.Units))}, loss {network.Loss.Name}, {typeof(T).Name.ToLowerInvariant()}: {total:N0} parameters");
            return text.ToString();
        }

        /// <summary>
        /// Writes the network (layers, weights, loss and precision) as a model file at <paramref name="path"/>,
        /// the format <c>nabla predict</c>, <c>diagram</c>, <c>explain</c> and <c>export</c> read; written
        /// to a temporary file and renamed, so a failed write leaves nothing half-written.
        /// </summary>
        /// <exception cref="NablaException">When the file cannot be written.</exception>
        public void Save(string path, string? name = null) => SpecWriter.WriteFile(NetworkSpec.Of(network, name), path);

        /// <summary>
        /// Writes the network as an ONNX model at <paramref name="path"/> (see <see cref="OnnxExporter"/>),
        /// in the network's own precision: input "x" (batch × inputs), output "y" (batch × outputs).
        /// </summary>
        /// <exception cref="NablaException">When the file cannot be written.</exception>
        public void ExportOnnx(string path) => OnnxExporter.Write(NetworkSpec.Of(network, null), path);

        /// <summary>
        /// Reads the model (or spec) file at <paramref name="path"/>, written by <c>Save</c> or by
        /// <c>nabla train</c>, or an ONNX file (<c>.onnx</c>: see <see cref="OnnxImporter"/>), as a network in precision <typeparamref name="T"/>. A spec without
        /// weights gets the initial weights its seed draws. A model file's standardisation and class
        /// names are not part of the network: <see cref="SpecPredictor"/> applies them.
        /// </summary>
        /// <exception cref="NablaException">When the file is missing or not a valid spec, with a message naming it and the fix.</exception>
        public static Network<T> Load(string path) => ModelBuilder.BuildNetwork<T>(
            path.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase) ? OnnxImporter.ReadFile(path) : SpecReader.ReadFile(path));
    }

    private static Matrix<T> Inputs<T>(Network<T> network, double[][] x)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        for (int i = 0; i < x.Length; i++)
        {
            if (x[i].Length != network.Inputs)
            {
                throw new ArgumentException($"Input row {i} has {x[i].Length} values; the network takes {network.Inputs}.", nameof(x));
            }
        }

        return Matrix<T>.FromRows(x, network.Inputs);
    }

    private static (Matrix<T> X, Matrix<T> Y) Batch<T>(Network<T> network, double[][] x, double[][] y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(y);
        if (x.Length != y.Length)
        {
            throw new ArgumentException($"There are {x.Length} input rows but {y.Length} target rows.", nameof(y));
        }

        for (int i = 0; i < y.Length; i++)
        {
            if (y[i].Length != network.Outputs)
            {
                throw new ArgumentException($"Target row {i} has {y[i].Length} values; the network has {network.Outputs} outputs.", nameof(y));
            }
        }

        return (Inputs(network, x), Matrix<T>.FromRows(y, network.Outputs));
    }
}
