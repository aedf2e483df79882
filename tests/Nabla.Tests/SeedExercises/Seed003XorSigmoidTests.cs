using Nabla.App;
using Nabla.Gradients;

namespace Nabla.Tests.SeedExercises;

/// <summary>
/// Seed 003: the lecture's 2-2-1 sigmoid/sigmoid XOR network with the summed cross-entropy J.
/// It derives ∂J/∂z2 = ŷ − y, the hidden-layer chain rule and the input gradient ∂J/∂x;
/// here those are checked numerically, and the network learns XOR.
/// </summary>
public class Seed003XorSigmoidTests
{
    private const string Spec = "seed-003-xor-sigmoid.json";

    [Fact]
    public void OutputDelta_IsPredictionMinusLabel_OnBothPaths()
    {
        var spec = Examples.Load(Spec);
        var data = ModelBuilder.LoadData(spec);
        foreach (bool fused in new[] { true, false })
        {
            var net = ModelBuilder.BuildNetwork<double>(spec);
            net.UseFusedOutputDelta = fused;
            net.Forward(data.X);
            net.Backward(data.Y, computeInputGradient: true);
            var output = net.Layers[1];
            var expected = Enumerable.Range(0, 4).Select(i => output.A[i, 0] - data.Y[i, 0]).ToArray();
            Close.Equal(expected, output.DZ.ToArray(), 1e-9, fused ? "fused δ2" : "general δ2");
            Close.Equal(expected.Sum(), output.DB[0, 0], 1e-9, "∂J/∂b2 = Σ (ŷ − y)");
        }
    }

    [Fact]
    public void AllGradientsIncludingInputs_MatchCentralDifferences()
    {
        var spec = Examples.Load(Spec);
        var data = ModelBuilder.LoadData(spec);
        var net = ModelBuilder.BuildNetwork<double>(spec);
        var results = GradientCheck.Run(net, data.X, data.Y);

        Assert.Equal(["W1", "b1", "W2", "b2", "X"], results.Select(r => r.Name));
        Assert.True(GradientCheck.MaxRelativeError(results) < 1e-6,
            string.Join("; ", results.Select(r => $"{r.Name} {r.MaxRelativeError:E2}")));
    }

    [Fact]
    public void LearnsXor()
    {
        var trained = SpecTrainer.Train(Examples.Load(Spec));
        AssertXor(trained);
    }

    internal static void AssertXor(TrainedModel trained)
    {
        for (int i = 0; i < trained.Data.Count; i++)
        {
            double y = trained.Data.Y[i, 0];
            double p = trained.Predictions[i][0];
            Assert.True(y == 1 ? p > 0.5 : p < 0.5, $"example {i + 1}: y = {y}, ŷ = {p}");
        }
    }
}
