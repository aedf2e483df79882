using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Nabla.Activations;
using Nabla.Gradients;
using Nabla.Layers;
using Nabla.Losses;
using Nabla.Numerics;
using Nabla.Tensors;
using Xunit.Sdk;

namespace Nabla.Tests.Gradients;

/// <summary>
/// Backpropagation against the five-point central differences of <see cref="GradientCheck"/>,
/// over random architectures: every hidden activation, every output activation with every loss
/// that fits it, with and without bias, fused and general output deltas.
/// </summary>
public class GradientCheckPropertyTests
{
    private const double Tolerance = 1e-6;

    /// <summary>Pre-activations of relu-like layers closer than this to the kink are redrawn.</summary>
    private const double KinkMargin = 1e-2;

    private static readonly string[] HiddenActivations = ["identity", "sigmoid", "tanh", "relu", "leaky_relu", "elu", "gelu", "softplus", "silu"];

    private static readonly string[] SquaredErrors = ["mse", "half_mse", "sse", "half_sse"];

    /// <summary>Every (output activation, loss, reduction) whose domains fit together.</summary>
    public static readonly IReadOnlyList<(string Output, string Loss, Reduction Reduction)> OutputLossPairs = BuildPairs();

    [Property(Arbitrary = [typeof(Cases)], MaxTest = 100, Replay = "(1234567890,987654321)")]
    public void Backprop_MatchesCentralDifferences_OnRandomNetworks(GradientCase c) => CheckCase(c);

    /// <summary>
    /// Every output/loss pair with every hidden activation (the random property may skip one), held
    /// to the plain criterion GradientCheck.MaxRelativeError &lt; 1e-6: these small, well-scaled
    /// networks have no gradient element tiny enough to drown in rounding noise (but for mae, whose
    /// sign terms can cancel, judged with the noise allowance as gradcheck judges).
    /// </summary>
    [Fact]
    public void Backprop_MatchesCentralDifferences_ForEveryOutputAndLoss()
    {
        ulong seed = 1;
        foreach (var (output, loss, reduction) in OutputLossPairs)
        {
            foreach (string hidden in HiddenActivations)
            {
                seed++;
                CheckCase(new GradientCase(
                    Inputs: 3,
                    Widths: [4, 3],
                    Activations: [hidden, output],
                    Alphas: [0.2, 0.05],
                    Bias: [seed % 2 == 0, true],
                    Loss: loss,
                    Reduction: reduction,
                    Examples: 4,
                    Seed: seed),
                    strict: loss != "mae"); // (mae's ∂L/∂w are sums of ±terms that can cancel to 1e-7, where rounding noise is all there is)
            }
        }
    }

    /// <summary>
    /// A weight leaving a dead relu unit cannot change the loss: the four loss values of the
    /// five-point difference are bit-identical, so the numerical derivative must be exactly 0.
    /// (Evaluated left to right as −L₊₂ + 8L₊₁ − 8L₋₁ + L₋₂, the rounding of the partial sum 7L
    /// left up to ½ ulp(7L), ≈ 6e-5 relative error here against the 1e-7 floor; the differences
    /// must be taken first.)
    /// </summary>
    [Fact]
    public void GradientCheck_NumericDerivative_OfAnUnusedWeight_IsExactlyZero()
    {
        var hidden = new Dense<double>(1, 2, new Relu(), hasBias: false);
        Matrix<double>.FromArray(1, 2, 0.7, -0.9).CopyTo(hidden.W); // unit 2: z = −1.17, dead
        var output = new Dense<double>(2, 1, new Identity(), hasBias: false);
        Matrix<double>.FromArray(2, 1, 1.1, 0.6).CopyTo(output.W);
        var net = new Network<double>(1, [hidden, output], new SquaredError(half: false, Reduction.Sum));
        var x = Matrix<double>.FromArray(1, 1, 1.3);
        var y = Matrix<double>.FromArray(1, 1, -4.321);

        var results = GradientCheck.Run(net, x, y);
        var w1 = results.Single(r => r.Name == "W1");
        var w2 = results.Single(r => r.Name == "W2");
        Assert.Equal(0.0, w1.Analytic[1]);
        Assert.Equal(0.0, w2.Analytic[1]);
        Assert.Equal(0.0, w1.Numeric[1]);
        Assert.Equal(0.0, w2.Numeric[1]);
        Assert.True(GradientCheck.MaxRelativeError(results) < Tolerance, $"max relative error {GradientCheck.MaxRelativeError(results):E3}");
    }

    [Fact]
    public void OutputLossPairs_CoverEveryActivationAndLoss()
    {
        Assert.Equal(Activation.Names.OrderBy(n => n), OutputLossPairs.Select(p => p.Output).Distinct().OrderBy(n => n));
        Assert.Equal(Loss.Names.OrderBy(n => n), OutputLossPairs.Select(p => p.Loss).Distinct().OrderBy(n => n));
        Assert.Contains(OutputLossPairs, p => p is ("sigmoid", "bce", Reduction.Sum));
        Assert.Contains(OutputLossPairs, p => p is ("softmax", "cce", Reduction.Sum));
        Assert.DoesNotContain(OutputLossPairs, p => p.Loss == "cce" && p.Output != "softmax");
        Assert.DoesNotContain(OutputLossPairs, p => p.Loss == "bce" && p.Output is not ("sigmoid" or "softmax"));
    }

    private static List<(string, string, Reduction)> BuildPairs()
    {
        var pairs = new List<(string, string, Reduction)>();
        foreach (string output in Activation.Names)
        {
            foreach (string se in SquaredErrors)
            {
                pairs.Add((output, se, Loss.FromName(se)!.Reduction));
            }
        }

        foreach (var reduction in new[] { Reduction.Mean, Reduction.Sum })
        {
            pairs.Add(("sigmoid", "mae", reduction));
            pairs.Add(("tanh", "huber", reduction));
            pairs.Add(("identity", "huber", reduction));
            pairs.Add(("sigmoid", "bce", reduction));
            pairs.Add(("softmax", "bce", reduction));
            pairs.Add(("softmax", "cce", reduction));
        }

        return pairs;
    }

    /// <param name="strict">Assert MaxRelativeError &lt; 1e-6 itself, without the <see cref="GradientCheck.NoiseAllowance"/>.</param>
    private static void CheckCase(GradientCase c, bool strict = false)
    {
        var (net, x, y) = Build(c);
        var outputActivation = net.Layers[^1].Activation;
        bool fusable = (outputActivation, net.Loss) is (Sigmoid, BinaryCrossEntropy) or (Softmax, CategoricalCrossEntropy);

        foreach (bool fused in new[] { true, false })
        {
            net.UseFusedOutputDelta = fused;
            var results = GradientCheck.Run(net, x, y);
            Assert.Equal(fused && fusable, net.LastBackwardWasFused);
            Assert.Equal(net.Parameters.Count + 1, results.Count);
            double error = GradientCheck.MaxRelativeError(results);
            double allowance = strict ? 0 : GradientCheck.NoiseAllowance(net.LossValue(y));
            if (!(error < Tolerance) && results.Any(r => Failing(r, allowance).Any()))
            {
                throw new XunitException(Describe(c, fused, net, y, results, error, allowance));
            }
        }
    }

    private static IEnumerable<int> Failing(GradientComparison r, double allowance)
    {
        for (int i = 0; i < r.Analytic.Length; i++)
        {
            double abs = Math.Abs(r.Analytic[i] - r.Numeric[i]);
            double rel = abs / Math.Max(Math.Max(Math.Abs(r.Analytic[i]), Math.Abs(r.Numeric[i])), GradientCheck.Floor);
            if (!(rel < Tolerance) && !(abs <= allowance))
            {
                yield return i;
            }
        }
    }

    /// <summary>
    /// Builds the network, inputs and labels of a case. Weights and inputs are drawn from
    /// <see cref="SeededRandom"/> and redrawn while a relu/leaky_relu pre-activation lies near 0.
    /// </summary>
    internal static (Network<double> Net, Matrix<double> X, Matrix<double> Y) Build(GradientCase c)
    {
        var random = new SeededRandom(c.Seed);
        var layers = new List<Dense<double>>();
        int fanIn = c.Inputs;
        for (int l = 0; l < c.Widths.Length; l++)
        {
            var activation = Activation.FromName(c.Activations[l], c.Alphas[l])
                ?? throw new InvalidOperationException($"unknown activation {c.Activations[l]}");
            layers.Add(new Dense<double>(fanIn, c.Widths[l], activation, c.Bias[l]));
            fanIn = c.Widths[l];
        }

        var loss = Loss.FromName(c.Loss, c.Reduction) ?? throw new InvalidOperationException($"unknown loss {c.Loss}");
        var net = new Network<double>(c.Inputs, layers, loss);
        var x = new Matrix<double>(c.Examples, c.Inputs);
        var y = Labels(c, random);
        Assert.Null(loss.CheckLabels(y));

        for (int attempt = 0; ; attempt++)
        {
            if (attempt == 10_000)
            {
                throw new InvalidOperationException($"No draw without a relu kink for {c}.");
            }

            foreach (var layer in layers)
            {
                double scale = 1.5 / Math.Sqrt(layer.Inputs);
                Fill(layer.W, random, scale);
                if (layer.B is not null)
                {
                    Fill(layer.B, random, 0.5);
                }
            }

            Fill(x, random, 1.0);
            net.Forward(x);
            if (!NearKink(layers))
            {
                return (net, x, y);
            }
        }
    }

    private static bool NearKink(IEnumerable<Dense<double>> layers)
    {
        foreach (var layer in layers)
        {
            if (layer.Activation is Relu or LeakyRelu or Elu)
            {
                foreach (double z in layer.Z.Span)
                {
                    if (Math.Abs(z) < KinkMargin)
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    private static void Fill(Matrix<double> m, SeededRandom random, double scale)
    {
        var s = m.Span;
        for (int i = 0; i < s.Length; i++)
        {
            s[i] = random.Uniform(-scale, scale);
        }
    }

    private static Matrix<double> Labels(GradientCase c, SeededRandom random)
    {
        int k = c.Widths[^1];
        var y = new Matrix<double>(c.Examples, k);
        for (int i = 0; i < c.Examples; i++)
        {
            var row = y.Row(i);
            switch (c.Loss)
            {
                case "cce":
                    row[random.NextInt(k)] = 1; // one-hot
                    break;
                case "bce":
                    for (int j = 0; j < k; j++)
                    {
                        // 0, 1, or a probability in between
                        row[j] = random.NextInt(3) switch { 0 => 0, 1 => 1, _ => random.NextDouble() };
                    }

                    break;
                default:
                    for (int j = 0; j < k; j++)
                    {
                        row[j] = random.NextNormal(); // any real
                    }

                    break;
            }
        }

        return y;
    }

    private static string Describe(GradientCase c, bool fused, Network<double> net, Matrix<double> y, IReadOnlyList<GradientComparison> results, double error, double allowance)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"max relative error {error:E3} ≥ {Tolerance:E0} for {c}, fused={fused}, loss={net.LossValue(y):R}, noise allowance {allowance:E2}\n");
        foreach (var r in results)
        {
            text.Append(CultureInfo.InvariantCulture, $"  {r.Name} ({r.Rows}×{r.Cols}): rel {r.MaxRelativeError:E3}, abs {r.MaxAbsoluteError:E3}\n");
            foreach (int i in Failing(r, allowance))
            {
                text.Append(CultureInfo.InvariantCulture, $"    [{i}] analytic {r.Analytic[i]:R}, numeric {r.Numeric[i]:R}\n");
            }
        }

        return text.ToString();
    }

    /// <summary>One random network: layer widths and activations (the last is the output), loss, data seed.</summary>
    public sealed record GradientCase(
        int Inputs,
        int[] Widths,
        string[] Activations,
        double[] Alphas,
        bool[] Bias,
        string Loss,
        Reduction Reduction,
        int Examples,
        ulong Seed)
    {
        public override string ToString()
        {
            var layers = Widths.Select((w, l) =>
                $"{w} {Activations[l]}{(Activations[l] == "leaky_relu" ? FormattableString.Invariant($"(α={Alphas[l]})") : "")}{(Bias[l] ? "" : " no-bias")}");
            return $"[{Inputs} inputs → {string.Join(" → ", layers)}; {Loss} ({Reduction}); {Examples} examples; seed {Seed}]";
        }
    }

    /// <summary>The FsCheck generator of <see cref="GradientCase"/>.</summary>
    public static class Cases
    {
        public static Arbitrary<GradientCase> GradientCase() => Arb.From(Generator());

        private static Gen<GradientCase> Generator() =>
            from depth in Gen.Choose(1, 4)
            from inputs in Gen.Choose(1, 6)
            from examples in Gen.Choose(1, 5)
            from widths in Gen.ArrayOf(Gen.Choose(1, 8), depth)
            from hidden in Gen.ArrayOf(Gen.Elements(HiddenActivations), depth - 1)
            from alphaPercents in Gen.ArrayOf(Gen.Choose(1, 90), depth)
            from bias in Gen.ArrayOf(Gen.Elements(true, false), depth)
            from pair in Gen.Elements(OutputLossPairs.ToArray())
            from seed in Gen.Choose(0, int.MaxValue)
            select new GradientCase(
                inputs,
                widths,
                [.. hidden, pair.Output],
                alphaPercents.Select(p => p / 100.0).ToArray(),
                bias,
                pair.Loss,
                pair.Reduction,
                examples,
                (ulong)seed);
    }
}
