using System.Numerics;
using FsCheck.Xunit;
using Nabla.Activations;
using Nabla.App;
using Nabla.Layers;
using Nabla.Losses;
using Nabla.Numerics;
using Nabla.Optimizers;
using Nabla.Specs;
using Nabla.Tensors;
using Nabla.Tests.Gradients;
using Nabla.Tests.Tensors;
using Nabla.Training;
using static Nabla.Tests.Gradients.GradientCheckPropertyTests;

namespace Nabla.Tests.Textbook;

/// <summary>
/// The engine (Network's Forward and Backward with every fast path, and the optimizer) against
/// <see cref="Nabla.Textbook"/>'s plain loops: the same Z, A, loss, dA, δ, dW, db, dX and updated
/// weights on random networks, fused output deltas on and off, one and two threads, float and double.
/// The engine sums in other orders (blocked products, vector registers, the fused δ = (A − Y)/N), so
/// values agree to a few ulp of each quantity's scale: 1e-12 in double and 1e-4 in float.
/// </summary>
[Collection(ThreadSettings.Name)]
public class TextbookTests
{
    [Property(Arbitrary = [typeof(Cases)], MaxTest = 100, Replay = "(1357924680,246813579)")]
    public void Engine_MatchesTheTextbook_OnRandomNetworks(GradientCase c)
    {
        foreach (int threads in new[] { 1, 2 })
        {
            foreach (bool fused in new[] { true, false })
            {
                GemmTests.WithThreads(threads, () =>
                {
                    var (net, x, y) = Build(c);
                    net.UseFusedOutputDelta = fused;
                    AssertSame(net, x, y, () => new Sgd<double>(0.3), 1e-12, c.ToString());
                });
            }
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Engine_MatchesTheTextbook_OnLayersLargeEnoughForThePackedProducts(int threads)
    {
        GemmTests.WithThreads(threads, () =>
        {
            AssertSame(Large<double>(out var xd, out var yd), xd, yd, () => new Sgd<double>(0.1), 1e-12, "double");
            AssertSame(Large<float>(out var xf, out var yf), xf, yf, () => new Sgd<float>(0.1), 1e-4, "float");
        });
    }

    [Fact]
    public void Engine_MatchesTheTextbook_UnderEveryOptimizer()
    {
        foreach (string name in new[] { "momentum", "adam" })
        {
            var spec = SpecReader.ReadFile(Examples.Path("seed-002-leaky-relu-softmax.json"));
            spec = spec with { Train = spec.Train with { Optimizer = name } };
            var net = ModelBuilder.BuildNetwork<double>(spec);
            var (x, y) = ModelBuilder.LoadData(spec).As<double>();
            AssertSame(net, x, y, () => ModelBuilder.BuildOptimizer<double>(spec.Train), 1e-12, name);
        }
    }

    /// <summary>
    /// On the seed exercises' networks (tiny layers: the engine's plain small-product loops, the sums
    /// in the textbook's own order) only the grouping of dA·a·(1 − a) differs: a few ulp at most.
    /// </summary>
    [Theory]
    [InlineData("seed-001-or-sigmoid.json")]
    [InlineData("seed-002-leaky-relu-softmax.json")]
    [InlineData("seed-003-xor-sigmoid.json")]
    [InlineData("seed-004-neuron-vectorised.json")]
    public void Engine_MatchesTheTextbook_WithinAFewUlp_OnTheSeedNetworks(string example)
    {
        var spec = SpecReader.ReadFile(Examples.Path(example));
        var net = ModelBuilder.BuildNetwork<double>(spec);
        net.UseFusedOutputDelta = false;
        var (x, y) = ModelBuilder.LoadData(spec).As<double>();
        AssertSame(net, x, y, () => ModelBuilder.BuildOptimizer<double>(spec.Train), 1e-15, example);
    }

    /// <summary>Runs the textbook step, then the engine's, and compares every quantity within <paramref name="tolerance"/> of its scale.</summary>
    /// <param name="optimizer">Makes a fresh optimizer: one for each side, so each starts from the same state.</param>
    private static void AssertSame<T>(Network<T> net, Matrix<T> x, Matrix<T> y, Func<Optimizer<T>> optimizer, double tolerance, string what)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var book = Nabla.Textbook.Step(net, x, y, optimizer());

        net.Forward(x);
        T loss = net.LossValue(y);
        net.Backward(y, computeInputGradient: true);
        var layers = net.Layers;
        Close(book.Loss, loss, tolerance, $"{what}: loss");
        for (int l = 1; l <= layers.Count; l++)
        {
            var layer = layers[l - 1];
            Close(book.Z[l], layer.Z, tolerance, $"{what}: Z{l}");
            Close(book.A[l], layer.A, tolerance, $"{what}: A{l}");
            Close(book.DZ[l], layer.DZ, tolerance, $"{what}: dZ{l}");
            Close(book.DW[l], layer.DW, tolerance, $"{what}: dW{l}");
            if (layer.B is not null)
            {
                Close(book.DB[l]!, layer.DB, tolerance, $"{what}: db{l}");
            }
        }

        Close(book.DX, layers[0].DX, tolerance, $"{what}: dX");
        optimizer().Step(net.Parameters);
        for (int l = 1; l <= layers.Count; l++)
        {
            Close(book.WNext[l], layers[l - 1].W, tolerance, $"{what}: W{l}_next");
        }
    }

    private static void Close<T>(Matrix<T> expected, Matrix<T> actual, double tolerance, string what)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Assert.Equal(expected.Rows, actual.Rows);
        Assert.Equal(expected.Cols, actual.Cols);
        double scale = 1;
        foreach (T v in expected.Span)
        {
            scale = Math.Max(scale, Math.Abs(double.CreateChecked(v)));
        }

        for (int i = 0; i < expected.Span.Length; i++)
        {
            double e = double.CreateChecked(expected.Span[i]), a = double.CreateChecked(actual.Span[i]);
            Assert.True(Math.Abs(e - a) <= tolerance * scale, $"{what}[{i}]: textbook {e:R}, engine {a:R}");
        }
    }

    private static void Close<T>(T expected, T actual, double tolerance, string what)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        double e = double.CreateChecked(expected), a = double.CreateChecked(actual);
        Assert.True(Math.Abs(e - a) <= tolerance * Math.Max(1, Math.Abs(e)), $"{what}: textbook {e:R}, engine {a:R}");
    }

    /// <summary>
    /// A 70-96-40-10 relu/tanh/softmax network on 64 examples: every product takes the packed kernels.
    /// Weights are scaled by 1/√n_in so the softmax does not saturate: where pᵢ underflows, the
    /// textbook's general path (dA = −Y/(m·P), then the Jacobian) loses all precision next to the fused (P − Y)/m.
    /// </summary>
    private static Network<T> Large<T>(out Matrix<T> x, out Matrix<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new SeededRandom(42);
        var layers = new List<Dense<T>>
        {
            new(70, 96, new Relu()),
            new(96, 40, new Tanh()),
            new(40, 10, new Softmax()),
        };
        foreach (var layer in layers)
        {
            var w = GemmTests.Random<T>(layer.W.Rows, layer.W.Cols, random);
            T scale = T.CreateChecked(1 / Math.Sqrt(layer.Inputs));
            for (int i = 0; i < w.Span.Length; i++)
            {
                layer.W.Span[i] = w.Span[i] * scale;
            }
        }

        x = GemmTests.Random<T>(64, 70, random);
        y = new Matrix<T>(64, 10);
        for (int i = 0; i < 64; i++)
        {
            y[i, random.NextInt(10)] = T.One;
        }

        return new Network<T>(70, layers, new CategoricalCrossEntropy());
    }
}
