using System.Numerics;
using Nabla.Activations;
using Nabla.Layers;
using Nabla.Losses;
using Nabla.Numerics;
using Nabla.Tensors;
using Nabla.Tensors.Kernels;
using static Nabla.Tests.Tensors.GemmTests;

namespace Nabla.Tests.Tensors;

/// <summary>
/// The forward and backward epilogues of the packed GEMM: Z = X·W + b with A = f(Z), and dA = dZ·Wᵀ
/// with δ = dA ⊙ f′(Z), for the piecewise-linear f (relu, leaky relu, identity), applied to each tile
/// in registers. Each must give, bit for bit, what the separate passes give (the product, then
/// RowVector.AddTo, then the activation's own pass), on every register width, across block edges
/// (partial tiles, k over one or two kc blocks, packed B), with any thread count, and on matrices
/// stored part-way into their arrays.
/// </summary>
[Collection(ThreadSettings.Name)]
public class FusedEpilogueTests
{
    private static readonly (int M, int K, int N)[] Shapes =
    [
        (12, 16, 32), (13, 300, 37), (64, 784, 256), (37, 5, 70), (200, 513, 3), (11, 260, 600), (400, 70, 45), (3, 4, 5), (20, 1100, 50),
    ];

    private static readonly double[] Slopes = [0, 0.01, 1];

    public static TheoryData<KernelWidth> Widths() => PackedGemmTests.Widths();

    /// <summary>Matrix <paramref name="source"/> copied into rows 3.. of a NaN-filled larger one: the view.</summary>
    private static Matrix<T> Displaced<T>(Matrix<T> source)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var big = Garbage<T>(source.Rows + 4, source.Cols, spare: 0);
        var view = Matrix<T>.RowsOf(big, 3, source.Rows);
        source.Span.CopyTo(view.Span);
        return view;
    }

    /// <summary>
    /// Random operands, so the product is about half negative and f and f′ take both branches; A's first row
    /// is zero, so the product's first row is exactly 0 (the kink of f).
    /// </summary>
    private static (Matrix<T> A, Matrix<T> B) Operands<T>(int m, int k, int n, bool transB, SeededRandom random)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var a = Random<T>(m, k, random);
        var b = transB ? Random<T>(n, k, random) : Random<T>(k, n, random);
        a.Row(0).Clear();
        return (a, b);
    }

    private static void CheckForward<T>(KernelWidth width, int m, int k, int n, int threads, double slopeValue, bool withBias, bool withActivation, ulong seed)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new SeededRandom(seed);
        var (x, w) = Operands<T>(m, k, n, transB: false, random);
        var bias = withBias ? Random<T>(1, n, random) : null;
        var slope = T.CreateChecked(slopeValue);

        // The separate passes: Z = X·W, Z += b row by row, A = f(Z).
        var z = new Matrix<T>(m, n);
        PackedGemm<T>.Multiply(false, false, m, n, k, x, w, z, width, threads: 1);
        if (bias is not null)
        {
            RowVector.AddTo(z, bias.Span);
        }

        var a = new Matrix<T>(m, n);
        Elementwise.PiecewiseLinear(z.Span, a.Span, slope);

        var fusedZ = Displaced(Garbage<T>(m, n, spare: 0));
        var fusedA = Displaced(Garbage<T>(m, n, spare: 0));
        var epilogue = Epilogue<T>.BiasActivation(bias is null ? null : Displaced(bias), withActivation ? fusedA : null, slope);
        PackedGemm<T>.Multiply(false, false, m, n, k, Displaced(x), Displaced(w), fusedZ, width, threads, epilogue);

        string what = $"{width} {typeof(T).Name} {m}×{k}×{n}, {threads} threads, slope {slopeValue}, bias {withBias}";
        Assert.True(z.Span.SequenceEqual(fusedZ.Span), $"{what}: Z differs");
        if (withActivation)
        {
            Assert.True(a.Span.SequenceEqual(fusedA.Span), $"{what}: A differs");
        }
    }

    private static void CheckBackward<T>(KernelWidth width, int m, int k, int n, int threads, double slopeValue, ulong seed)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // dA = dZ·Wᵀ (dZ is m × k, W is n × k), then δ = dA ⊙ f′(Z) for the layer below's Z (m × n).
        var random = new SeededRandom(seed);
        var (dz, w) = Operands<T>(m, k, n, transB: true, random);
        var zBelow = Random<T>(m, n, random);
        zBelow[m - 1, n - 1] = T.Zero;
        var slope = T.CreateChecked(slopeValue);

        var dA = new Matrix<T>(m, n);
        PackedGemm<T>.Multiply(false, true, m, n, k, dz, w, dA, width, threads: 1);
        var delta = new Matrix<T>(m, n);
        Elementwise.PiecewiseLinearBackward(zBelow.Span, dA.Span, delta.Span, slope);

        var fusedDA = Displaced(Garbage<T>(m, n, spare: 0));
        var fusedDelta = Displaced(Garbage<T>(m, n, spare: 0));
        PackedGemm<T>.Multiply(false, true, m, n, k, Displaced(dz), Displaced(w), fusedDA, width, threads, Epilogue<T>.Derivative(Displaced(zBelow), fusedDelta, slope));

        string what = $"{width} {typeof(T).Name} {m}×{k}×{n}, {threads} threads, slope {slopeValue}";
        Assert.True(dA.Span.SequenceEqual(fusedDA.Span), $"{what}: dA differs");
        Assert.True(delta.Span.SequenceEqual(fusedDelta.Span), $"{what}: δ differs");
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void BiasAndActivationInTheStore_EqualTheSeparatePasses_BitForBit(KernelWidth width)
    {
        ulong seed = 700;
        foreach (var (m, k, n) in Shapes)
        {
            foreach (int threads in new[] { 1, 2, 3 })
            {
                double slope = Slopes[(int)(seed % 3)];
                seed++;
                CheckForward<float>(width, m, k, n, threads, slope, withBias: true, withActivation: true, seed);
                CheckForward<double>(width, m, k, n, threads, slope, withBias: true, withActivation: true, seed);
            }

            // A bias alone (an output layer's softmax comes after), and an activation without a bias.
            CheckForward<float>(width, m, k, n, 2, 0, withBias: true, withActivation: false, seed);
            CheckForward<double>(width, m, k, n, 2, 0.01, withBias: false, withActivation: true, seed);
        }
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void DerivativeInTheStore_EqualsTheProductThenTheBackwardPass_BitForBit(KernelWidth width)
    {
        ulong seed = 900;
        foreach (var (m, k, n) in Shapes)
        {
            foreach (int threads in new[] { 1, 2, 3 })
            {
                double slope = Slopes[(int)(seed % 3)];
                seed++;
                CheckBackward<float>(width, m, k, n, threads, slope, seed);
                CheckBackward<double>(width, m, k, n, threads, slope, seed);
            }
        }
    }

    [Fact]
    public void Gemm_MultiplyActivate_MatchesTheSeparatePasses_SmallAndLarge()
    {
        var random = new SeededRandom(41);
        foreach (var (m, k, n) in new[] { (2, 3, 4), (64, 100, 70) })
        {
            var x = Random<double>(m, k, random);
            var w = Random<double>(k, n, random);
            var b = Random<double>(1, n, random);
            var z = new Matrix<double>(m, n);
            Gemm.Multiply(x, w, z, b);
            var a = new Matrix<double>(m, n);
            Elementwise.PiecewiseLinear(z.Span, a.Span, 0.1);

            var fusedZ = new Matrix<double>(m + 2, n);
            var fusedA = new Matrix<double>(m + 2, n);
            Gemm.MultiplyActivate(x, w, b, fusedZ, fusedA, 0.1);
            Assert.Equal(m, fusedZ.Rows);
            Assert.Equal(m, fusedA.Rows);
            Assert.Equal(z.ToArray(), fusedZ.ToArray());
            Assert.Equal(a.ToArray(), fusedA.ToArray());
        }
    }

    [Fact]
    public void Gemm_MultiplyTransposeBDerivative_MatchesTheSeparatePasses_SmallAndLarge()
    {
        var random = new SeededRandom(43);
        foreach (var (m, k, n) in new[] { (2, 3, 4), (64, 100, 70) })
        {
            var dz = Random<double>(m, k, random);
            var w = Random<double>(n, k, random);
            var zBelow = Random<double>(m, n, random);
            var dA = new Matrix<double>(m, n);
            Gemm.MultiplyTransposeB(dz, w, dA);
            var delta = new Matrix<double>(m, n);
            Elementwise.PiecewiseLinearBackward(zBelow.Span, dA.Span, delta.Span, 0.0);

            var fusedDA = new Matrix<double>(m, n);
            var fusedDelta = new Matrix<double>(m + 1, n);
            Gemm.MultiplyTransposeBDerivative(dz, w, fusedDA, zBelow, fusedDelta, 0.0);
            Assert.Equal(m, fusedDelta.Rows);
            Assert.Equal(dA.ToArray(), fusedDA.ToArray());
            Assert.Equal(delta.ToArray(), fusedDelta.ToArray());
        }
    }

    [Fact]
    public void FusedProducts_RejectMismatchedShapes()
    {
        var random = new SeededRandom(47);
        var x = Random<double>(8, 30, random);
        var w = Random<double>(30, 20, random);
        Assert.Throws<ArgumentException>(() => Gemm.MultiplyActivate(x, w, new Matrix<double>(1, 19), new Matrix<double>(8, 20), new Matrix<double>(8, 20), 0.0));
        Assert.Throws<ArgumentException>(() => Gemm.MultiplyActivate(x, w, null, new Matrix<double>(8, 20), new Matrix<double>(8, 21), 0.0));
        Assert.Throws<ArgumentException>(() => Gemm.MultiplyActivate(x, w, null, new Matrix<double>(8, 20), new Matrix<double>(7, 20), 0.0));

        var dz = Random<double>(8, 20, random);
        Assert.Throws<ArgumentException>(() => Gemm.MultiplyTransposeBDerivative(dz, w, new Matrix<double>(8, 30), new Matrix<double>(8, 29), new Matrix<double>(8, 30), 0.0));
        Assert.Throws<ArgumentException>(() => Gemm.MultiplyTransposeBDerivative(dz, w, new Matrix<double>(8, 30), new Matrix<double>(8, 30), new Matrix<double>(4, 30), 0.0));
    }

    /// <summary>
    /// A network whose hidden layers take the fused products (relu and leaky relu, identity below the
    /// output) gives, in every buffer, what the separate passes give: the product, the bias, f, and each
    /// layer's own Delta and BackwardFromDelta (which fuse nothing).
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Network_FusedForwardAndBackward_EqualTheSeparatePasses_BitForBit(int threads)
    {
        WithThreads(threads, () =>
        {
            Activation[] activations = [new Relu(), new LeakyRelu(0.05), new Identity(), new Softmax()];
            int[] sizes = [70, 300, 130, 40, 10];
            var random = new SeededRandom(51);
            var layers = new List<Dense<float>>();
            for (int l = 0; l < activations.Length; l++)
            {
                var layer = new Dense<float>(sizes[l], sizes[l + 1], activations[l]);
                Random<float>(sizes[l], sizes[l + 1], random).Span.CopyTo(layer.W.Span);
                Random<float>(1, sizes[l + 1], random).Span.CopyTo(layer.B!.Span);
                layers.Add(layer);
            }

            var network = new Network<float>(sizes[0], layers, new CategoricalCrossEntropy());
            var x = Random<float>(48, sizes[0], random);
            var y = new Matrix<float>(48, 10);
            for (int i = 0; i < 48; i++)
            {
                y[i, i % 10] = 1;
            }

            network.Forward(x);
            network.Backward(y, computeInputGradient: true);
            var fused = layers.Select(d => (Z: d.Z.ToArray(), A: d.A.ToArray(), DZ: d.DZ.ToArray(), DX: d.DX.ToArray(), DW: d.DW.ToArray(), DB: d.DB.ToArray())).ToList();

            // The separate passes, layer by layer.
            var input = x;
            foreach (var layer in layers)
            {
                Gemm.Multiply(input, layer.W, layer.Z, layer.B);
                layer.Activation.Forward(layer.Z, layer.A);
                layer.Remember(input);
                input = layer.A;
            }

            network.OutputDelta(y);
            for (int l = layers.Count - 1; l >= 0; l--)
            {
                layers[l].BackwardFromDelta(computeDx: true);
                if (l > 0)
                {
                    layers[l - 1].Delta(layers[l].DX);
                }
            }

            for (int l = 0; l < layers.Count; l++)
            {
                var d = layers[l];
                Assert.Equal(d.Z.ToArray(), fused[l].Z);
                Assert.Equal(d.A.ToArray(), fused[l].A);
                Assert.Equal(d.DZ.ToArray(), fused[l].DZ);
                Assert.Equal(d.DX.ToArray(), fused[l].DX);
                Assert.Equal(d.DW.ToArray(), fused[l].DW);
                Assert.Equal(d.DB.ToArray(), fused[l].DB);
            }
        });
    }
}
