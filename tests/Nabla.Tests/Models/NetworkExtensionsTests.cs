using Nabla.Activations;
using Nabla.Layers;
using Nabla.Losses;
using Nabla.Models;
using Nabla.Optimizers;
using Nabla.Training;

namespace Nabla.Tests.Models;

public class NetworkExtensionsTests
{
    private static readonly double[][] X = [[0, 0], [0, 1], [1, 0], [1, 1]];
    private static readonly double[][] Y = [[0], [1], [1], [0]];

    private static Network<double> Xor() =>
        new(2, [new Dense<double>(2, 4, new Tanh(), seed: 1), new Dense<double>(4, 1, new Sigmoid(), seed: 2)], new BinaryCrossEntropy());

    [Fact]
    public void A_layer_built_in_code_starts_from_the_default_initialisation_of_a_spec()
    {
        var tanh = new Dense<double>(3, 5, new Tanh(), seed: 7);
        var relu = new Dense<double>(3, 5, new Relu(), seed: 7);

        Assert.Equal(new Initializer("xavier").Draw(3, 5, new Nabla.Numerics.SeededRandom(7)), tanh.W.ToArray());
        Assert.Equal(new Initializer("he").Draw(3, 5, new Nabla.Numerics.SeededRandom(7)), relu.W.ToArray());
        Assert.All(tanh.B!.ToArray(), b => Assert.Equal(0, b));
        Assert.Contains(tanh.W.ToArray(), w => w != 0);
        Assert.Equal(new double[15], new Dense<double>(3, 5, new Tanh(), init: new Initializer("zeros")).W.ToArray());
    }

    [Fact]
    public void Xor_built_in_code_learns_the_truth_table()
    {
        var net = Xor();
        var result = net.Fit(X, Y, new Adam<double>(0.05), epochs: 500);
        var evaluation = net.Evaluate(X, Y);

        Assert.False(result.Diverged);
        Assert.Equal(500, result.EpochsRun);
        Assert.Equal(1.0, evaluation.Accuracy);
        Assert.Equal(4, evaluation.Correct);
        Assert.True(evaluation.Loss < 0.05, $"loss {evaluation.Loss}");
        double[][] p = net.Predict(X);
        Assert.Equal([false, true, true, false], p.Select(r => r[0] >= 0.5));
    }

    [Fact]
    public void Fit_reports_every_epoch_and_stops_when_cancelled()
    {
        var net = Xor();
        var losses = new List<(int Epoch, double Loss)>();
        using var cancel = new CancellationTokenSource();
        var result = net.Fit(X, Y, new Sgd<double>(0.5), new TrainOptions { Epochs = 100 }, progress: (e, l) =>
        {
            losses.Add((e, l));
            if (e == 10)
            {
                cancel.Cancel();
            }
        }, cancel: cancel.Token);

        Assert.True(result.Cancelled);
        Assert.Equal(Enumerable.Range(1, 10), losses.Select(l => l.Epoch));
        Assert.Equal(result.History.Series("loss"), losses.Select(l => l.Loss));
    }

    [Fact]
    public void Evaluate_gives_the_loss_the_network_computes()
    {
        var net = Xor();
        var evaluation = net.Evaluate(X, Y);
        net.Forward(Nabla.Tensors.Matrix<double>.FromRows(X));
        double expected = net.LossValue(Nabla.Tensors.Matrix<double>.FromRows(Y));
        double[][] p = net.Predict(X);
        int correct = Enumerable.Range(0, 4).Count(i => (p[i][0] >= 0.5) == (Y[i][0] >= 0.5));

        Assert.Equal(expected, evaluation.Loss);
        Assert.Equal(correct, evaluation.Correct);
        Assert.Equal(4, evaluation.Count);
    }

    [Fact]
    public void Evaluate_has_no_accuracy_for_a_regression()
    {
        var net = new Network<double>(1, [new Dense<double>(1, 1, new Identity())], new SquaredError(half: false, Reduction.Mean));
        net.Layers[0].W[0, 0] = 2;
        var evaluation = net.Evaluate([[1], [2]], [[1], [1]]);

        Assert.Null(evaluation.Accuracy);
        Assert.Equal((1.0 + 9.0) / 2, evaluation.Loss, 12); // ŷ = 2, 4
    }

    [Fact]
    public void Summary_counts_the_parameters_of_each_layer()
    {
        var net = new Network<float>(4, [new Dense<float>(4, 8, new Tanh()), new Dense<float>(8, 3, new Softmax(), hasBias: false)], new CategoricalCrossEntropy());
        string[] lines = net.Summary().Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Contains("40", lines[2], StringComparison.Ordinal);      // 4·8 + 8
        Assert.EndsWith("24", lines[3].TrimEnd(), StringComparison.Ordinal); // 8·3, no bias
        Assert.Contains("4-8-3, loss cce, single: 64 parameters", lines[4], StringComparison.Ordinal);
    }

    [Fact]
    public void Save_then_Load_gives_the_same_outputs_bit_for_bit()
    {
        string dir = Directory.CreateTempSubdirectory("nabla-save").FullName;
        try
        {
            var net = new Network<double>(2, [new Dense<double>(2, 3, new LeakyRelu(0.2), seed: 3), new Dense<double>(3, 2, new Softmax(), seed: 4)],
                new CategoricalCrossEntropy(Reduction.Sum));
            net.Fit(X, [[1, 0], [0, 1], [0, 1], [1, 0]], new Sgd<double>(0.1), epochs: 20);
            string path = Path.Combine(dir, "net.json");
            net.Save(path, "xor in code");
            var loaded = Network<double>.Load(path);

            Assert.Equal(net.Predict(X), loaded.Predict(X));
            Assert.Equal(0.2, ((LeakyRelu)loaded.Layers[0].Activation).Alpha);
            Assert.Equal(Reduction.Sum, loaded.Loss.Reduction);
            Assert.Equal("xor in code", Nabla.Specs.SpecReader.ReadFile(path).Name);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void A_float_network_is_saved_as_float32()
    {
        string dir = Directory.CreateTempSubdirectory("nabla-save").FullName;
        try
        {
            var net = new Network<float>(2, [new Dense<float>(2, 2, new Sigmoid())], new SquaredError(half: true, Reduction.Mean));
            string path = Path.Combine(dir, "net.json");
            net.Save(path);

            Assert.Equal("float32", Nabla.Specs.SpecReader.ReadFile(path).Train.Precision);
            Assert.Equal(net.Predict(X), Network<float>.Load(path).Predict(X));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Loading_a_missing_file_names_it()
    {
        string path = Path.Combine(Path.GetTempPath(), "nabla-no-such-model.json");
        var error = Assert.ThrowsAny<NablaException>(() => Network<double>.Load(path));

        Assert.Contains("nabla-no-such-model.json", error.Message, StringComparison.Ordinal);
    }
}
