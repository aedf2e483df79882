using Nabla.Activations;
using Nabla.App;
using Nabla.Gradients;
using Nabla.Layers;
using Nabla.Losses;
using Nabla.Numerics;
using Nabla.Optimizers;
using Nabla.Specs;
using Nabla.Tensors;
using Nabla.Training;

namespace Nabla.Tests.Training;

/// <summary>Inverted dropout: A = f(Z) ⊙ M with M_ij ∈ {0, 1/(1 − p)} while training, nothing otherwise.</summary>
public class DropoutTests
{
    private static Network<double> Build(double p, Activation hidden, int width = 6)
    {
        var layers = new[]
        {
            new Dense<double>(3, width, hidden, seed: 5) { Dropout = p },
            new Dense<double>(width, 4, new Tanh(), seed: 6) { Dropout = p },
            new Dense<double>(4, 2, new Softmax(), seed: 7),
        };
        return new Network<double>(3, layers, new CategoricalCrossEntropy());
    }

    private static (Matrix<double> X, Matrix<double> Y) Data(int rows)
    {
        var random = new SeededRandom(9);
        var x = new Matrix<double>(rows, 3);
        var y = new Matrix<double>(rows, 2);
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                x[i, j] = random.NextNormal();
            }

            y[i, random.NextInt(2)] = 1;
        }

        return (x, y);
    }

    [Fact]
    public void TheMask_KeepsAboutOneMinusP_AndScalesWhatItKeeps()
    {
        var network = Build(0.3, new Relu(), width: 200);
        var (x, _) = Data(100);
        network.ForwardTraining(x, new SeededRandom(1));
        var layer = network.Layers[0];
        var mask = layer.Mask!.ToArray();
        Assert.All(mask, m => Assert.True(m == 0 || m == 1 / 0.7));
        double kept = mask.Count(m => m != 0) / (double)mask.Length;
        Assert.InRange(kept, 0.68, 0.72); // 20,000 draws: 1 − p within 1 %
        var undropped = network.Layers[0].Forward(x).ToArray();
        Assert.False(layer.DroppedOut);
        network.ForwardTraining(x, null); // the same mask again
        var dropped = layer.A.ToArray();
        for (int i = 0; i < dropped.Length; i++)
        {
            Assert.Equal(undropped[i] * mask[i], dropped[i]); // A = f(Z) ⊙ M
        }
    }

    [Theory]
    [InlineData("sigmoid")] // f′ from a = σ(z): the value before the mask
    [InlineData("relu")]
    [InlineData("tanh")]
    public void Backprop_WithTheMaskHeldFixed_AgreesWithFiniteDifferences(string hidden)
    {
        var network = Build(0.4, Activation.FromName(hidden)!);
        var (x, y) = Data(5);
        var results = GradientCheck.Run(network, x, y);
        Assert.All(results, r => Assert.True(r.Agrees, $"{r.Name}: relative error {r.MaxRelativeError:G3}"));
        Assert.True(network.Layers[0].DroppedOut);
        Assert.Contains(network.Layers[0].Mask!.ToArray(), m => m == 0); // some units really were dropped
        Assert.Contains(network.Layers[1].DZ.ToArray(), d => d != 0);
    }

    [Fact]
    public void Training_IsTheLongWayRoundBitForBit_AndReproducible()
    {
        var (x, y) = Data(26); // (the last batch of an epoch is short: its mask has fewer rows)
        var options = new TrainOptions { Epochs = 4, BatchSize = 8, Shuffle = true, Seed = 3 };
        var trained = Build(0.25, new Relu());
        var history = new Trainer<double>(trained, new Sgd<double>(0.1), options).Fit(x, y).History;

        var plain = Build(0.25, new Relu());
        var (epochLoss, _) = PlainSgd.Train(plain, x, y, options, 0.1);
        Assert.Equal(Theta.Values(plain), Theta.Values(trained));
        Assert.Equal(epochLoss, history.Series("loss"));

        var again = Build(0.25, new Relu());
        new Trainer<double>(again, new Sgd<double>(0.1), options).Fit(x, y);
        Assert.Equal(Theta.Values(trained), Theta.Values(again));

        var otherSeed = Build(0.25, new Relu());
        new Trainer<double>(otherSeed, new Sgd<double>(0.1), options with { Seed = 4 }).Fit(x, y);
        Assert.NotEqual(Theta.Values(trained), Theta.Values(otherSeed));

        var without = Build(0, new Relu());
        new Trainer<double>(without, new Sgd<double>(0.1), options).Fit(x, y);
        Assert.NotEqual(Theta.Values(trained), Theta.Values(without));
    }

    [Fact]
    public void OneExampleSteps_AndOtherOptimizers_DropOutToo()
    {
        var (x, y) = Data(10);
        var options = new TrainOptions { Epochs = 2, BatchSize = 1, Seed = 3 };
        var trained = Build(0.5, new Sigmoid());
        new Trainer<double>(trained, new Sgd<double>(0.1), options).Fit(x, y);
        var plain = Build(0.5, new Sigmoid());
        PlainSgd.Train(plain, x, y, options, 0.1);
        Assert.Equal(Theta.Values(plain), Theta.Values(trained));

        var adam = Build(0.5, new Sigmoid());
        var history = new Trainer<double>(adam, new Adam<double>(0.01), options with { BatchSize = 5 }).Fit(x, y).History;
        Assert.True(double.IsFinite(history.Series("loss")[^1]));
    }

    [Fact]
    public void PredictingAndValidating_UseTheWholeNetwork()
    {
        var (x, y) = Data(30);
        var network = Build(0.5, new Relu());
        var trainer = new Trainer<double>(network, new Sgd<double>(0.1), new TrainOptions { Epochs = 3, BatchSize = 10 });
        var history = trainer.Fit(x, y, (x, y)).History;
        var first = network.Predict(x).ToArray();
        Assert.Equal(first, network.Predict(x).ToArray()); // no mask: the same answer every time
        Assert.False(network.Layers[0].DroppedOut);
        Assert.Equal(double.CreateChecked(network.Loss.Value(network.Forward(x), y)), history.Series("val_loss")[^1], 12);
    }

    [Fact]
    public void TheSpec_ReadsAndWritesDropout_AndRefusesItOnTheOutputLayer()
    {
        var spec = SpecReader.Parse("""
            { "inputs": 2, "layers": [ { "units": 4, "activation": "relu", "dropout": 0.2 }, { "units": 1, "activation": "sigmoid" } ], "loss": "bce" }
            """);
        Assert.Equal(0.2, spec.Layers[0].Dropout);
        Assert.Contains("\"dropout\": 0.2", SpecWriter.ToJson(spec));
        Assert.Equal(0.2, ModelBuilder.BuildNetwork<double>(spec).Layers[0].Dropout);

        var output = Assert.Throws<SpecException>(() => SpecReader.Parse("""
            { "inputs": 2, "layers": [ { "units": 1, "activation": "sigmoid", "dropout": 0.5 } ], "loss": "bce" }
            """));
        Assert.Contains("$.layers[0].dropout", output.Message);
        Assert.Contains("hidden layer", output.Message);
        var range = Assert.Throws<SpecException>(() => SpecReader.Parse("""
            { "inputs": 2, "layers": [ { "units": 4, "dropout": 1 }, { "units": 1 } ], "loss": "mse" }
            """));
        Assert.Contains("outside [0, 1)", range.Message);
    }
}
