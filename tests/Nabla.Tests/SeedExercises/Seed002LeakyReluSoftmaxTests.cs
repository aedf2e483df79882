using Nabla.App;

namespace Nabla.Tests.SeedExercises;

/// <summary>Seed 002: 4-3-2 leaky ReLU/softmax without biases, bce over the two outputs, one step.</summary>
public class Seed002LeakyReluSoftmaxTests
{
    private const string Spec = "seed-002-leaky-relu-softmax.json";

    [Fact]
    public void ForwardPassAndLoss_MatchReference()
    {
        var (net, data) = Examples.Run(Spec, backward: false);

        Close.Equal([-0.5, 1.5, 3.3], net.Layers[0].Z.ToArray(), 1e-9, "net h");
        Close.Equal([-0.005, 1.5, 3.3], net.Layers[0].A.ToArray(), 1e-9, "leaky ReLU z");
        Close.Equal([-1.803, 0.211], net.Layers[1].Z.ToArray(), 1e-9, "o");
        Close.Equal([0.1177408304, 0.8822591696], net.Layers[1].A.ToArray(), 1e-9, "softmax p");
        Close.Equal(0.125269423, net.LossValue(data.Y), 1e-9, "L");
    }

    [Fact]
    public void Gradients_UseTheFullSoftmaxJacobian()
    {
        var (net, data) = Examples.Run(Spec, backward: true);

        Close.Equal([0.1177408304, -0.1177408304], net.Layers[1].DZ.ToArray(), 1e-9, "∂L/∂o");
        Close.Equal([-0.0005887041518, 0.0005887041518, 0.1766112455, -0.1766112455, 0.3885447402, -0.3885447402],
            net.Layers[1].DW.ToArray(), 1e-9, "∂L/∂W2");
        Close.Equal(
            [0.002825779928, -0.3179002419, -0.07064449821, 0.0009419266428, -0.1059667473, -0.02354816607,
             -0.0009419266428, 0.1059667473, 0.02354816607, 0.001883853286, -0.2119334946, -0.04709633214],
            net.Layers[0].DW.ToArray(), 1e-9, "∂L/∂W1");
    }

    [Fact]
    public void OneStep_MatchesReference()
    {
        var trained = SpecTrainer.Train(Examples.Load(Spec));
        var layers = trained.Model.Layers;
        Close.Equal([0.6000588704, -0.2000588704, -0.1176611246, 0.8176611246, -0.538854474, -0.261145526],
            layers[1].Weights!.SelectMany(r => r).ToArray(), 1e-9, "W2 after");
        Close.Equal(
            [-0.200282578, 0.9317900242, 0.4070644498, -0.1000941927, 0.3105966747, 0.4023548166,
             0.2000941927, 0.4894033253, -0.7023548166, 0.1998116147, -0.4788066505, 0.5047096332],
            layers[0].Weights!.SelectMany(r => r).ToArray(), 1e-9, "W1 after");
        Assert.Null(layers[0].Bias);
    }
}
