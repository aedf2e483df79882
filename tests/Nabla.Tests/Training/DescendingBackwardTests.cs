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
/// Plain SGD in the trainer takes each layer's update inside the backward pass, the large layers' inside
/// the dW product (<see cref="Network{T}.BackwardDescending"/>). The parameters and the losses must be
/// bit for bit those of the network's own Forward, Backward and Sgd.Step, one parameter at a time.
/// </summary>
public class DescendingBackwardTests
{
    private static Network<T> Build<T>(string shape)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new SeededRandom(19);
        (Dense<T>[] Layers, Loss Loss) net = shape switch
        {
            // products large enough for the packed kernel, a 3-column output through the narrow width
            "relu-softmax" => ([new(40, 70, new Relu()), new(70, 30, new Relu()), new(30, 3, new Softmax())], new CategoricalCrossEntropy()),
            // no bias; batches of 520 rows: the dW products sum over more than one kc block
            "tanh-sigmoid" => ([new(20, 30, new Tanh(), hasBias: false), new(30, 1, new Sigmoid(), hasBias: false)], new BinaryCrossEntropy()),
            // every product small: the plain loops, then the update
            _ => ([new(3, 4, new LeakyRelu(0.1)), new(4, 2, new Identity())], (Loss)new SquaredError(false, Reduction.Mean)),
        };
        var (layers, loss) = net;
        foreach (var p in new Network<T>(layers[0].Inputs, layers, loss).Parameters)
        {
            for (int i = 0; i < p.Value.Length; i++)
            {
                p.Value.Span[i] = T.CreateChecked(random.Uniform(-0.3, 0.3));
            }
        }

        return new Network<T>(layers[0].Inputs, layers, loss);
    }

    private static (Matrix<T> X, Matrix<T> Y) Data<T>(int rows, int inputs, int outputs)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new SeededRandom(5);
        var x = new Matrix<T>(rows, inputs);
        var y = new Matrix<T>(rows, outputs);
        for (int i = 0; i < x.Length; i++)
        {
            x.Span[i] = T.CreateChecked(random.NextNormal());
        }

        for (int i = 0; i < rows; i++)
        {
            y[i, outputs == 1 ? 0 : random.NextInt(outputs)] = outputs == 1 ? T.CreateChecked(random.NextInt(2)) : T.One;
        }

        return (x, y);
    }

    public static TheoryData<string, int, int, bool> Runs() => new()
    {
        { "relu-softmax", 96, 16, false },
        { "relu-softmax", 100, 16, true },  // shuffled, gathered batches, a short last batch
        { "tanh-sigmoid", 1100, 520, true },
        { "small", 12, 4, false },
    };

    [Theory]
    [MemberData(nameof(Runs))]
    public void Sgd_TakenInTheBackwardPass_GivesTheBitsOfBackwardThenStep(string shape, int rows, int batch, bool shuffle)
    {
        Same<double>(shape, rows, batch, shuffle);
        Same<float>(shape, rows, batch, shuffle);
    }

    private static void Same<T>(string shape, int rows, int batch, bool shuffle)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var trained = Build<T>(shape);
        var (x, y) = Data<T>(rows, trained.Inputs, trained.Outputs);
        var options = new TrainOptions { Epochs = 3, BatchSize = batch, Shuffle = shuffle, Seed = 8 };
        var sgd = new Sgd<T>(0.05);
        var trainer = new Trainer<T>(trained, sgd, options);
        var history = trainer.Fit(x, y).History;
        Assert.True(trainer.UpdatesInBackward);

        // The same steps through Forward, Backward and Sgd.Step over each parameter.
        var plain = Build<T>(shape);
        var (epochLoss, optimizer) = PlainSgd.Train(plain, x, y, options, 0.05);

        var values = Theta.Values(trained);
        Assert.Equal(Theta.Values(plain), values);
        Assert.NotEqual(Theta.Values(Build<T>(shape)), values);
        Assert.Equal(epochLoss, history.Series("loss"));
        Assert.Equal(optimizer.Steps, sgd.Steps);
    }

    [Fact]
    public void OtherOptimizers_AndObservedRuns_UpdateAfterTheBackwardPass()
    {
        var network = Build<double>("relu-softmax");
        var (x, y) = Data<double>(32, network.Inputs, network.Outputs);
        var options = new TrainOptions { Epochs = 1, BatchSize = 16 };
        var momentum = new Trainer<double>(network, new Momentum<double>(0.05, 0.9, nesterov: false), options);
        momentum.Fit(x, y);
        Assert.False(momentum.UpdatesInBackward);

        var sgd = new Trainer<double>(network, new Sgd<double>(0.05), options);
        sgd.Fit(x, y);
        Assert.True(sgd.UpdatesInBackward);
        network.Layers[0].TrainWeights = false; // a frozen parameter: no single vector to update
        sgd.Fit(x, y);
        Assert.False(sgd.UpdatesInBackward);
    }
}
