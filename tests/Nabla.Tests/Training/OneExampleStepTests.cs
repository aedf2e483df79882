using System.Numerics;
using Nabla.Activations;
using Nabla.Layers;
using Nabla.Losses;
using Nabla.Numerics;
using Nabla.Optimizers;
using Nabla.Tensors;
using Nabla.Training;

namespace Nabla.Tests.Training;

/// <summary>
/// Stochastic descent on a small network takes the one-example passes (<see cref="OneExampleStep{T}"/>),
/// which skip the layers' own calls; they must leave exactly the bits the layers' passes leave.
/// </summary>
public class OneExampleStepTests
{
    private static Network<T> Build<T>(string shape, Loss loss, bool bias)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new SeededRandom(11);
        Dense<T>[] layers = shape switch
        {
            "relu-sigmoid" => [new(2, 2, new Relu(), bias), new(2, 1, new Sigmoid(), bias)],
            "leaky-identity" => [new(3, 4, new LeakyRelu(0.1), bias), new(4, 3, new Relu(), bias), new(3, 2, new Identity(), bias)],
            _ => [new(3, 3, new Sigmoid(), bias), new(3, 1, new Sigmoid(), bias)],
        };
        foreach (var layer in layers)
        {
            foreach (var p in layer.B is null ? new[] { layer.W } : [layer.W, layer.B])
            {
                for (int i = 0; i < p.Length; i++)
                {
                    p.Span[i] = T.CreateChecked(random.Uniform(-1, 1));
                }
            }
        }

        return new Network<T>(layers[0].Inputs, layers, loss);
    }

    private static (Matrix<T> X, Matrix<T> Y) Data<T>(int inputs, int outputs)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new SeededRandom(3);
        var x = new Matrix<T>(7, inputs);
        var y = new Matrix<T>(7, outputs);
        for (int i = 0; i < x.Length; i++)
        {
            x.Span[i] = T.CreateChecked(random.NextNormal());
        }

        for (int i = 0; i < y.Length; i++)
        {
            y.Span[i] = T.CreateChecked(random.NextInt(2));
        }

        return (x, y);
    }

    public static TheoryData<string, string, bool, bool> Runs() => new()
    {
        { "relu-sigmoid", "bce", true, false },      // the seed's XOR network: fused output delta
        { "relu-sigmoid", "bce", true, true },
        { "relu-sigmoid", "half_mse", false, true }, // dA ⊙ σ′ at the output, no bias
        { "leaky-identity", "mse", true, true },
        { "sigmoid", "sse", true, false },
    };

    [Theory]
    [MemberData(nameof(Runs))]
    public void Trainer_OneExampleAtATime_GivesTheBitsOfTheLayersOwnPasses(string shape, string loss, bool bias, bool shuffle)
    {
        Same<double>(shape, loss, bias, shuffle);
        Same<float>(shape, loss, bias, shuffle);
    }

    private static void Same<T>(string shape, string lossName, bool bias, bool shuffle)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var loss = Loss.FromName(lossName)!;
        var trained = Build<T>(shape, loss, bias);
        var (x, y) = Data<T>(trained.Inputs, trained.Outputs);
        Assert.NotNull(OneExampleStep<T>.For(trained, Matrix<T>.RowsOf(x, 0, 1)));
        var options = new TrainOptions { Epochs = 5, BatchSize = 1, Shuffle = shuffle, Seed = 4 };
        var trainer = new Trainer<T>(trained, new Sgd<T>(0.2), options);
        var history = trainer.Fit(x, y).History;
        Assert.True(trainer.UpdatesInBackward); // (SGD's update taken inside the scalar backward loop)

        // The same steps through the network's own Forward and Backward, one parameter updated at a time.
        var plain = Build<T>(shape, loss, bias);
        var (epochLoss, _) = PlainSgd.Train(plain, x, y, options, 0.2);

        var (values, gradients) = (Theta.Values(trained), Theta.Gradients(trained));
        Assert.Equal(Theta.Values(plain), values);
        Assert.Equal(Theta.Gradients(plain), gradients);   // every dW and db of the last step
        for (int l = 0; l < trained.Layers.Count; l++)
        {
            Assert.Equal(plain.Layers[l].Z.ToArray(), trained.Layers[l].Z.ToArray());
            Assert.Equal(plain.Layers[l].DZ.ToArray(), trained.Layers[l].DZ.ToArray());
        }

        Assert.NotEqual(Theta.Values(Build<T>(shape, loss, bias)), values);
        Assert.Equal(epochLoss, history.Series("loss"));
    }

    [Fact]
    public void AFrozenLayer_StaysPut_WhenTheUpdateWouldOtherwiseRideInTheBackwardLoop()
    {
        var trained = Build<double>("relu-sigmoid", new BinaryCrossEntropy(), bias: true);
        var frozen = trained.Layers[0].W.ToArray();
        trained.Layers[0].TrainWeights = false;
        var (x, y) = Data<double>(trained.Inputs, trained.Outputs);
        var trainer = new Trainer<double>(trained, new Sgd<double>(0.2), new TrainOptions { Epochs = 3, BatchSize = 1 });
        trainer.Fit(x, y);
        Assert.False(trainer.UpdatesInBackward);
        Assert.Equal(frozen, trained.Layers[0].W.ToArray());
        Assert.NotEqual(Build<double>("relu-sigmoid", new BinaryCrossEntropy(), bias: true).Layers[1].W.ToArray(), trained.Layers[1].W.ToArray());
    }

    [Fact]
    public void LayersWithoutAScalarActivation_OrTooLargeForThePlainLoop_KeepTheLayersOwnPasses()
    {
        var x = new Matrix<double>(1, 4);
        Assert.Null(OneExampleStep<double>.For(new Network<double>(4, [new Dense<double>(4, 3, new Tanh()), new Dense<double>(3, 1, new Sigmoid())], new BinaryCrossEntropy()), x));
        Assert.Null(OneExampleStep<double>.For(new Network<double>(4, [new Dense<double>(4, 3, new Softmax())], new CategoricalCrossEntropy()), x));
        Assert.Null(OneExampleStep<double>.For(new Network<double>(4, [new Dense<double>(4, 16, new Sigmoid())], new BinaryCrossEntropy()), x));
        var wide = new Matrix<double>(1, 64);
        Assert.Null(OneExampleStep<double>.For(new Network<double>(64, [new Dense<double>(64, 64, new Relu())], new SquaredError(false, Reduction.Mean)), wide));
        Assert.NotNull(OneExampleStep<double>.For(new Network<double>(4, [new Dense<double>(4, 15, new Sigmoid())], new BinaryCrossEntropy()), x));
    }
}
