using Nabla.Activations;
using Nabla.Layers;
using Nabla.Losses;
using Nabla.Numerics;
using Nabla.Tensors;

namespace Nabla.Tests.Losses;

public class LossTests
{
    // Two examples, two outputs: errors 0.2, −0.3, −0.1, 0.4; squares sum to 0.30.
    private static Matrix<double> P2x2 => Matrix<double>.FromArray(2, 2, 0.2, 0.7, 0.9, 0.4);

    private static Matrix<double> Y2x2 => Matrix<double>.FromArray(2, 2, 0, 1, 1, 0);

    // Two examples, three classes, one-hot labels: the true-class probabilities are 0.7 and 0.5.
    private static Matrix<double> P2x3 => Matrix<double>.FromArray(2, 3, 0.2, 0.7, 0.1, 0.5, 0.25, 0.25);

    private static Matrix<double> Y2x3 => Matrix<double>.FromArray(2, 3, 0, 1, 0, 1, 0, 0);

    [Theory]
    [InlineData("mse", 0.075)]        // 0.30 / 4
    [InlineData("half_mse", 0.0375)]  // 0.30 / 8
    [InlineData("sse", 0.30)]
    [InlineData("half_sse", 0.15)]
    [InlineData("bce", 0.2990011586691898)]  // −(ln 0.8 + ln 0.7 + ln 0.9 + ln 0.6) / 4
    public void Value_MatchesHandComputation(string name, double expected)
    {
        var loss = Loss.FromName(name)!;
        Assert.Equal(name, loss.Name);
        Close.Equal(expected, loss.Value(P2x2, Y2x2), 1e-14, name);
    }

    [Fact]
    public void Bce_Sum_MatchesHandComputation()
    {
        var loss = new BinaryCrossEntropy(Reduction.Sum);
        Close.Equal(1.1960046346767592, loss.Value(P2x2, Y2x2), 1e-14);
        Assert.Equal(1, loss.Normalizer(2, 2));
        Assert.Equal(4, new BinaryCrossEntropy().Normalizer(2, 2));
    }

    [Fact]
    public void Cce_MatchesHandComputation()
    {
        Close.Equal(0.5249110622493389, new CategoricalCrossEntropy().Value(P2x3, Y2x3), 1e-14, "mean"); // −(ln 0.7 + ln 0.5) / 2
        Close.Equal(1.0498221244986778, new CategoricalCrossEntropy(Reduction.Sum).Value(P2x3, Y2x3), 1e-14, "sum");
        Assert.Equal(2, new CategoricalCrossEntropy().Normalizer(2, 3));
        Assert.Equal(1, new CategoricalCrossEntropy(Reduction.Sum).Normalizer(2, 3));
    }

    [Fact]
    public void SquaredError_Names_Reductions_AndNormalizers()
    {
        Assert.Equal(("mse", Reduction.Mean, false), Describe(Loss.FromName("mse")!));
        Assert.Equal(("half_mse", Reduction.Mean, true), Describe(Loss.FromName("half_mse")!));
        Assert.Equal(("sse", Reduction.Sum, false), Describe(Loss.FromName("sse")!));
        Assert.Equal(("half_sse", Reduction.Sum, true), Describe(Loss.FromName("half_sse")!));
        Assert.Equal(6, new SquaredError(false, Reduction.Mean).Normalizer(2, 3));
        Assert.Equal(1, new SquaredError(false, Reduction.Sum).Normalizer(2, 3));
        Assert.Equal(Reduction.Sum, Loss.FromName("bce", Reduction.Sum)!.Reduction);
        Assert.IsType<BinaryCrossEntropy>(Loss.FromName("binary_cross_entropy"));
        Assert.IsType<CategoricalCrossEntropy>(Loss.FromName("categorical_cross_entropy"));
        Assert.Null(Loss.FromName("hinge"));

        static (string, Reduction, bool) Describe(Loss l) => (l.Name, l.Reduction, ((SquaredError)l).Half);
    }

    public static TheoryData<string, Reduction> AllLosses => new()
    {
        { "mse", Reduction.Mean },
        { "half_mse", Reduction.Mean },
        { "sse", Reduction.Sum },
        { "half_sse", Reduction.Sum },
        { "mse", Reduction.Sum },
        { "bce", Reduction.Mean },
        { "bce", Reduction.Sum },
        { "cce", Reduction.Mean },
        { "cce", Reduction.Sum },
    };

    [Theory]
    [MemberData(nameof(AllLosses))]
    public void Gradient_MatchesCentralDifferences(string name, Reduction reduction)
    {
        var loss = Loss.FromName(name, reduction)!;
        var (p, y) = name switch
        {
            "cce" => (P2x3, Y2x3),
            "bce" => (P2x3, Matrix<double>.FromArray(2, 3, 0, 1, 0.3, 1, 0, 0.75)),
            _ => (Matrix<double>.FromArray(2, 3, 0.2, -1.5, 3, 0.1, 0.4, -0.6), Matrix<double>.FromArray(2, 3, 1, -1, 2.5, 0, 0.7, 0.2)),
        };
        var grad = new Matrix<double>(2, 3);
        loss.Gradient(p, y, grad);
        const double h = 1e-6;
        for (int i = 0; i < p.Length; i++)
        {
            double original = p.Span[i];
            p.Span[i] = original + h;
            double plus = loss.Value(p, y);
            p.Span[i] = original - h;
            double minus = loss.Value(p, y);
            p.Span[i] = original;
            double numeric = (plus - minus) / (2 * h);
            Assert.True(Math.Abs(numeric - grad.Span[i]) <= 1e-7 * Math.Max(1, Math.Abs(numeric)), $"{name} ({reduction}) ∂L/∂p[{i}]: analytic {grad.Span[i]}, numeric {numeric}");
        }
    }

    [Fact]
    public void Bce_AtZeroAndOne_IsFinite()
    {
        var p = Matrix<double>.FromArray(1, 2, 0, 1);
        var y = Matrix<double>.FromArray(1, 2, 1, 0); // the worst possible predictions
        var bce = new BinaryCrossEntropy();
        double value = bce.Value(p, y);
        // p is clamped to [1e-12, 1 − 1e-12]; 1 − (1 − 1e-12) is 1.0000889e-12 in double.
        Close.Equal(-(Math.Log(1e-12) + Math.Log(1 - (1 - 1e-12))) / 2, value, 1e-14, "clamped bce");
        Close.Equal(27.631021115928547, value, 1e-5, "≈ −ln(1e-12)");
        var grad = new Matrix<double>(1, 2);
        bce.Gradient(p, y, grad);
        Assert.All(grad.ToArray(), g => Assert.True(double.IsFinite(g)));
        Assert.True(grad[0, 0] < 0 && grad[0, 1] > 0);

        // Right predictions at the clamp: a loss of about ε, not NaN (0 · log 0).
        Assert.True(bce.Value(y, y) is >= 0 and < 1e-11);
        bce.Gradient(y, y, grad);
        Assert.All(grad.ToArray(), g => Assert.True(double.IsFinite(g)));

        var pf = Matrix<float>.FromArray(1, 2, 0, 1);
        var yf = Matrix<float>.FromArray(1, 2, 1, 0);
        float valueF = bce.Value(pf, yf);
        Assert.True(float.IsFinite(valueF));
        float eps = Loss.Epsilon<float>();
        float oneMinusEps = 1f - eps;
        Close.Equal(-(Math.Log(eps) + Math.Log(1f - oneMinusEps)) / 2, valueF, 1e-6, "clamped bce in float (ε = 1e-7)");
        var gradF = new Matrix<float>(1, 2);
        bce.Gradient(pf, yf, gradF);
        Assert.All(gradF.ToArray(), g => Assert.True(double.IsFinite(g)));
    }

    [Fact]
    public void Cce_AtZero_IsFinite()
    {
        var p = Matrix<double>.FromArray(1, 3, 0, 1, 0);
        var y = Matrix<double>.FromArray(1, 3, 1, 0, 0);
        var cce = new CategoricalCrossEntropy();
        Close.Equal(27.631021115928547, cce.Value(p, y), 1e-9);
        var grad = new Matrix<double>(1, 3);
        cce.Gradient(p, y, grad);
        Assert.All(grad.ToArray(), g => Assert.True(double.IsFinite(g)));
        Assert.Equal(0.0, cce.Value(Matrix<double>.FromArray(1, 3, 0, 1, 0), Matrix<double>.FromArray(1, 3, 0, 1, 0)));
    }

    [Fact]
    public void Epsilon_DependsOnPrecision()
    {
        Assert.Equal(1e-12, Loss.Epsilon<double>());
        Assert.Equal(1e-7f, Loss.Epsilon<float>());
    }

    [Theory]
    [InlineData(Reduction.Mean)]
    [InlineData(Reduction.Sum)]
    public void FusedSigmoidBce_AgreesWithTheGeneralPath(Reduction reduction)
    {
        var y = Matrix<double>.FromArray(5, 2, 0, 1, 1, 1, 0.25, 0, 1, 0, 0.5, 0.9);
        CompareFusedAndGeneral(new Sigmoid(), new BinaryCrossEntropy(reduction), y);
    }

    [Theory]
    [InlineData(Reduction.Mean)]
    [InlineData(Reduction.Sum)]
    public void FusedSoftmaxCce_AgreesWithTheGeneralPath(Reduction reduction)
    {
        var y = Matrix<double>.FromArray(5, 3, 0, 1, 0, 1, 0, 0, 0, 0, 1, 0, 1, 0, 0.2, 0.3, 0.5);
        CompareFusedAndGeneral(new Softmax(), new CategoricalCrossEntropy(reduction), y);
    }

    /// <summary>3 inputs → 4 tanh → k outputs; every parameter gradient and dX, fused vs general.</summary>
    private static void CompareFusedAndGeneral(Activation output, Loss loss, Matrix<double> y)
    {
        var random = new SeededRandom(2024);
        var hidden = new Dense<double>(3, 4, new Tanh());
        var top = new Dense<double>(4, y.Cols, output);
        foreach (var layer in new[] { hidden, top })
        {
            Matrix<double>.FromArray(layer.Inputs, layer.Units, new Initializer("normal", 1).Draw(layer.Inputs, layer.Units, random)).CopyTo(layer.W);
            Matrix<double>.FromArray(1, layer.Units, new Initializer("uniform", -0.5, 0.5).Draw(1, layer.Units, random)).CopyTo(layer.B!);
        }

        var net = new Network<double>(3, [hidden, top], loss);
        Assert.Null(loss.CheckLabels(y));
        var x = Matrix<double>.FromArray(y.Rows, 3, new Initializer("normal", 1).Draw(y.Rows, 3, random));

        double[][] Gradients(bool fused)
        {
            net.UseFusedOutputDelta = fused;
            net.Forward(x);
            net.Backward(y, computeInputGradient: true);
            Assert.Equal(fused, net.LastBackwardWasFused);
            Assert.Equal(fused ? 0 : y.Rows, net.OutputGradient.Rows);
            return [.. net.Parameters.Select(p => p.Gradient.ToArray()), hidden.DX.ToArray(), top.DZ.ToArray()];
        }

        var general = Gradients(false);
        var fusedGradients = Gradients(true);
        Assert.Equal(general.Length, fusedGradients.Length);
        for (int t = 0; t < general.Length; t++)
        {
            double scale = general[t].Max(Math.Abs);
            Assert.True(scale > 1e-6, $"tensor {t} is all but zero");
            for (int i = 0; i < general[t].Length; i++)
            {
                double difference = Math.Abs(general[t][i] - fusedGradients[t][i]);
                Assert.True(difference <= 1e-12 * scale, $"tensor {t}[{i}]: general {general[t][i]:R}, fused {fusedGradients[t][i]:R}");
            }
        }
    }

    [Fact]
    public void Fused_IsOnlyUsedForItsPairs()
    {
        var y = Matrix<double>.FromArray(1, 2, 0, 1);
        var x = Matrix<double>.FromArray(1, 1, 0.5);
        foreach (var (activation, loss) in new (Activation, Loss)[]
        {
            (new Sigmoid(), new SquaredError(false, Reduction.Mean)),
            (new Softmax(), new BinaryCrossEntropy()),
            (new Sigmoid(), new CategoricalCrossEntropy()),
        })
        {
            var net = new Network<double>(1, [new Dense<double>(1, 2, activation)], loss);
            net.Forward(x);
            net.Backward(y);
            Assert.False(net.LastBackwardWasFused, $"{activation} + {loss}");
            Assert.Equal(1, net.OutputGradient.Rows);
        }
    }

    [Theory]
    [InlineData(1.5)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    public void Bce_CheckLabels_RejectsValuesOutsideZeroOne(double bad)
    {
        var y = Matrix<double>.FromArray(2, 2, 0, 1, 0.5, bad);
        string? message = new BinaryCrossEntropy().CheckLabels(y);
        Assert.NotNull(message);
        Assert.Contains("row 2, column 2", message, StringComparison.Ordinal);
        Assert.Null(new BinaryCrossEntropy().CheckLabels(Matrix<double>.FromArray(2, 2, 0, 1, 0.5, 1)));
    }

    [Fact]
    public void Cce_CheckLabels_RejectsRowsThatDoNotSumToOne()
    {
        var cce = new CategoricalCrossEntropy();
        string? message = cce.CheckLabels(Matrix<double>.FromArray(2, 3, 0, 1, 0, 1, 1, 0));
        Assert.NotNull(message);
        Assert.Contains("row 2 sums to 2", message, StringComparison.Ordinal);
        Assert.NotNull(cce.CheckLabels(Matrix<double>.FromArray(1, 3, 0, 0, 0)));
        Assert.NotNull(cce.CheckLabels(Matrix<double>.FromArray(1, 2, 1.5, -0.5)));
        Assert.Null(cce.CheckLabels(Matrix<double>.FromArray(2, 3, 0, 1, 0, 0.2, 0.3, 0.5)));
    }

    [Fact]
    public void SquaredError_AcceptsAnyLabels()
    {
        Assert.Null(Loss.FromName("mse")!.CheckLabels(Matrix<double>.FromArray(1, 3, -5, 1.5, 1e6)));
    }
}
