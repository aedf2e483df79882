using Nabla.App;

namespace Nabla.Tests.SeedExercises;

/// <summary>Seed 004: one sigmoid neuron on OR with the squared-error loss, one example and vectorised.</summary>
public class Seed004SigmoidNeuronTests
{
    [Fact]
    public void OneExample_ChainRuleValues()
    {
        var (net, data) = Examples.Run("seed-004-neuron-one-example.json", backward: true, fused: false);
        var n = net.Layers[0];

        Close.Equal(0.5, n.A[0, 0], 1e-9, "ŷ");
        Close.Equal(0.125, net.LossValue(data.Y), 1e-9, "L");
        Close.Equal(0.5, net.OutputGradient[0, 0], 1e-9, "∂L/∂ŷ");
        Close.Equal(0.25, n.Activation.Derivative(n.Z[0, 0], n.A[0, 0]), 1e-9, "∂ŷ/∂z");
        Close.Equal(0.125, n.DZ[0, 0], 1e-9, "∂L/∂z");
        Assert.Equal([0.0, 0.0], n.DW.ToArray());
        Close.Equal(0.125, n.DB[0, 0], 1e-9, "∂L/∂b");
    }

    [Fact]
    public void OneExample_StepAndNewLoss()
    {
        var trained = SpecTrainer.Train(Examples.Load("seed-004-neuron-one-example.json"));
        Close.Equal(-0.125, trained.Model.Layers[0].Bias![0], 1e-9, "b after");
        Close.Equal([0.1, 0.6], trained.Model.Layers[0].Weights!.SelectMany(r => r).ToArray(), 1e-12, "w unchanged (x = 0)");
        Close.Equal(0.4687906266, trained.Predictions[0][0], 1e-9, "ŷ after");
        Close.Equal(0.1098823258, trained.Final["loss"], 1e-9, "L after");
    }

    [Fact]
    public void Vectorised_StepMatchesReference()
    {
        var (net, data) = Examples.Run("seed-004-neuron-vectorised.json", backward: false);
        Close.Equal([0.5, 0.6456563062, 0.5249791875, 0.6681877722], net.Layers[0].A.ToArray(), 1e-9, "ŷ");
        Close.Equal(0.08891294752, net.LossValue(data.Y), 1e-9, "cost");
        net.Backward(data.Y);
        Close.Equal([-0.04800646292, -0.03865882382], net.Layers[0].DW.ToArray(), 1e-9, "∂cost/∂W");
        Close.Equal(-0.03702352613, net.Layers[0].DB[0, 0], 1e-9, "∂cost/∂b");

        var trained = SpecTrainer.Train(Examples.Load("seed-004-neuron-vectorised.json"));
        Close.Equal([0.1480064629, 0.6386588238], trained.Model.Layers[0].Weights!.SelectMany(r => r).ToArray(), 1e-9, "W after");
        Close.Equal(0.03702352613, trained.Model.Layers[0].Bias![0], 1e-9, "b after");
        Close.Equal([0.5092548244, 0.6627743624, 0.5461259745, 0.6950188112], trained.Predictions.Select(r => r[0]).ToArray(), 1e-9, "ŷ after");
        Close.Equal(0.0840095954, trained.Final["loss"], 1e-9, "cost after");
    }
}
