using Nabla.App;

namespace Nabla.Tests.SeedExercises;

/// <summary>Seed 001: 2-2-1 sigmoid/sigmoid on OR, one full-batch step, loss (1/2m) Σ (a2 − y)².</summary>
public class Seed001OrSigmoidTests
{
    private const string Spec = "seed-001-or-sigmoid.json";

    [Fact]
    public void ForwardPass_MatchesReference()
    {
        var (net, data) = Examples.Run(Spec, backward: false);
        var (h, o) = (net.Layers[0], net.Layers[1]);

        Close.Equal([0.3, 0.7, 0.5, 0.9], Examples.Column(h.Z, 0), 1e-9, "Z1 unit 1");
        Close.Equal([0.5, 1.0, 0.8, 1.3], Examples.Column(h.Z, 1), 1e-9, "Z1 unit 2");
        Close.Equal([0.5744425168, 0.6681877722, 0.6224593312, 0.7109495026], Examples.Column(h.A, 0), 1e-9, "A1 unit 1");
        Close.Equal([0.6224593312, 0.7310585786, 0.6899744811, 0.785834983], Examples.Column(h.A, 1), 1e-9, "A1 unit 2");
        Close.Equal([1.103252605, 1.205910256, 1.162968421, 1.255880791], o.Z.ToArray(), 1e-9, "Z2");
        Close.Equal([0.7508690497, 0.7695745162, 0.7618716739, 0.7783161939], o.A.ToArray(), 1e-9, "A2");
        Close.Equal(0.09034363036, net.LossValue(data.Y), 1e-9, "loss = (1/2m) Σ (a2 − y)²");
        Close.Equal(0.7227490429, 8 * net.LossValue(data.Y), 1e-9, "Σ (a2 − y)²");
    }

    [Fact]
    public void BackwardPass_MatchesReference()
    {
        var (net, data) = Examples.Run(Spec, backward: true);
        var (h, o) = (net.Layers[0], net.Layers[1]);

        Close.Equal([0.03511527712, -0.01021531358, -0.0108005023, -0.009562336307], o.DZ.ToArray(), 1e-9, "δ2");
        // The reference lists ∂L/∂W1 as n_out × n_in; Nabla stores n_in × n_out, the transpose.
        Close.Equal([-0.001801288474, -0.002351794627, -0.00169197183, -0.002170666856], h.DW.ToArray(), 1e-9, "dW1");
        Close.Equal([0.0007264534594, 0.001394466129], h.DB.ToArray(), 1e-9, "db1");
        Close.Equal([-0.0001752511383, -0.0005766500782], o.DW.ToArray(), 1e-9, "dW2");
        Close.Equal([0.004537124928], o.DB.ToArray(), 1e-9, "db2");
    }

    [Fact]
    public void OneStep_UpdatesEveryParameter()
    {
        var trained = SpecTrainer.Train(Examples.Load(Spec));
        var layers = trained.Model.Layers;
        Close.Equal([0.2009006442, 0.3011758973, 0.4008459859, 0.5010853334], layers[0].Weights!.SelectMany(r => r).ToArray(), 1e-9, "W1 after");
        Close.Equal([0.2996367733, 0.4993027669], layers[0].Bias!, 1e-9, "b1 after");
        Close.Equal([0.4000876256, 0.600288325], layers[1].Weights!.SelectMany(r => r).ToArray(), 1e-9, "W2 after");
        Close.Equal([0.4977314375], layers[1].Bias!, 1e-9, "b2 after");
        Close.Equal(0.09034363036, trained.Model.History!["loss"][0], 1e-9, "loss recorded for the step");
    }
}
