using Nabla.Activations;
using Nabla.Layers;
using Nabla.Losses;
using Nabla.Optimizers;
using Nabla.Tensors;

namespace Nabla.Tests;

public class NetworkSmokeTests
{
    [Fact]
    public void Seed001_OneBatchStep_ThroughTheLibraryApi()
    {
        // 2-2-1 sigmoid/sigmoid on OR; weights given n_out × n_in in the seed, so W1 here is its transpose.
        var hidden = new Dense<double>(2, 2, new Sigmoid());
        Matrix<double>.FromArray(2, 2, 0.2, 0.3, 0.4, 0.5).CopyTo(hidden.W);
        Matrix<double>.FromArray(1, 2, 0.3, 0.5).CopyTo(hidden.B!);
        var output = new Dense<double>(2, 1, new Sigmoid());
        Matrix<double>.FromArray(2, 1, 0.4, 0.6).CopyTo(output.W);
        Matrix<double>.FromArray(1, 1, 0.5).CopyTo(output.B!);
        var net = new Network<double>(2, [hidden, output], new SquaredError(half: true, Reduction.Mean));
        var x = Matrix<double>.FromArray(4, 2, 0, 0, 0, 1, 1, 0, 1, 1);
        var y = Matrix<double>.FromArray(4, 1, 0, 1, 1, 1);

        var a2 = net.Forward(x).ToArray();
        Close.Equal([0.7508690497, 0.7695745162, 0.7618716739, 0.7783161939], a2, 1e-9, "A2");
        Close.Equal(0.09034363036, net.LossValue(y), 1e-9, "loss");

        net.Backward(y);
        new Sgd<double>(0.5).Step(net.Parameters);
        Close.Equal(0.4977314375, output.B![0, 0], 1e-9, "b2 after");
    }
}
