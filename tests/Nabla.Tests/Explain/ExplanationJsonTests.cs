using System.Text.Json;
using Nabla.App;
using Nabla.Explain;
using Nabla.Specs;
using Nabla.Tensors;

namespace Nabla.Tests.Explain;

/// <summary>
/// The json explanation is the machine contract: every number in it must be exactly what the
/// core computes for the same spec (the trace reads the layers' own buffers).
/// </summary>
public class ExplanationJsonTests
{
    [Theory]
    [InlineData("seed-001-or-sigmoid.json")]
    [InlineData("seed-002-leaky-relu-softmax.json")]
    [InlineData("seed-003-xor-sigmoid.json")]
    [InlineData("seed-004-neuron-vectorised.json")]
    public void EveryNumber_EqualsTheCoresValues(string example)
    {
        var spec = Examples.Load(example);
        using var json = JsonDocument.Parse(ExplanationJson.Write(Explainer.Run(spec)));
        var q = json.RootElement.GetProperty("steps")[0].GetProperty("quantities");

        // The same spec through the core directly: Forward, Backward (the path training takes), one update.
        var (net, data) = Examples.Run(example, backward: true);
        int count = net.Layers.Count;
        Same(data.X, q, "X");
        Same(data.Y, q, "Y");
        for (int l = 1; l <= count; l++)
        {
            var layer = net.Layers[l - 1];
            Same(layer.Z, q, $"Z{l}");
            Same(layer.A, q, $"A{l}");
            Same(layer.DZ, q, $"dZ{l}");
            Same(layer.DW, q, $"dW{l}");
            if (layer.B is not null)
            {
                Same(layer.DB, q, $"db{l}");
            }

            if (l < count)
            {
                Same(net.Layers[l].DX, q, $"dA{l}");
            }
        }

        Same(net.Layers[0].DX, q, "dX");
        Assert.Equal(net.LossValue(data.Y), q.GetProperty("loss").GetDouble());

        var trained = SpecTrainer.Train(WithEpochs(spec, 1));
        if (spec.Train.Batch is 0 || spec.Train.Batch >= data.X.Rows)
        {
            for (int l = 1; l <= count; l++)
            {
                Assert.Equal(trained.Model.Layers[l - 1].Weights!.SelectMany(r => r), Rows(q, $"W{l}_next").SelectMany(r => r));
            }
        }
    }

    [Fact]
    public void Seed001_LossSumAndLocalDerivatives_AreNamed()
    {
        var e = Explainer.Run(Examples.Load("seed-001-or-sigmoid.json"));
        var s = e.Steps[0];
        Close.Equal(0.7227490429, s.Scalar("loss_sum"), 1e-9, "Σ (a2 − y)²");
        Close.Equal(0.09034363036, s.Scalar("loss"), 1e-9, "loss");
        // σ′(z) = a(1 − a)
        var a2 = s["A2"].ToArray();
        Close.Equal(a2.Select(a => a * (1 - a)).ToArray(), s["dAdZ2"].ToArray(), 1e-15, "σ′(Z2)");
        Close.Equal(0.1098823258, Explainer.Run(Examples.Load("seed-004-neuron-one-example.json")).Steps[0].Scalar("loss_next"), 1e-9, "L after the step");
        Assert.True(e.GradientCheck.All(g => g.MaxRelativeError < 1e-6));
    }

    [Fact]
    public void Softmax_RecordsTheFullJacobian_AndSeveralStepsChain()
    {
        var e = Explainer.Run(Examples.Load("seed-002-leaky-relu-softmax.json"), steps: 3);
        Assert.Equal(3, e.Steps.Count);
        var j = e.Steps[0].Jacobians[2][0];
        double p1 = 0.1177408304, p2 = 0.8822591696;
        Close.Equal([p1 * (1 - p1), -p1 * p2, -p1 * p2, p2 * (1 - p2)], j.ToArray(), 1e-9, "∂p/∂o");
        Assert.Equal(e.Steps[0]["W1_next"].ToArray(), e.Steps[1]["W1"].ToArray());
        Assert.Equal(e.Steps[1]["W2_next"].ToArray(), e.Steps[2]["W2"].ToArray());
    }

    private static ModelSpec WithEpochs(ModelSpec spec, int epochs)
    {
        return spec with { Train = spec.Train with { Epochs = epochs } };
    }

    private static void Same(Matrix<double> expected, JsonElement q, string name) =>
        Assert.Equal(expected.ToRows().SelectMany(r => r), Rows(q, name).SelectMany(r => r));

    private static double[][] Rows(JsonElement q, string name) =>
        q.GetProperty(name).EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();
}
