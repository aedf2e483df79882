using Nabla.Activations;
using Nabla.Tensors;

namespace Nabla.Tests.Activations;

public class ActivationTests
{
    private static readonly double[] Zs = [-7.5, -2, -1, -0.5, -0.01, 0.02, 0.3, 1, 2.5, 9];

    /// <summary>The element-wise activations with their formulas, written out by hand.</summary>
    public static TheoryData<string, double> ElementWise => new()
    {
        { "identity", 0 },
        { "sigmoid", 0 },
        { "tanh", 0 },
        { "relu", 0 },
        { "leaky_relu", 0.01 },
        { "leaky_relu", 0.2 },
    };

    private static double Formula(string name, double alpha, double z) => name switch
    {
        "identity" => z,
        "sigmoid" => 1 / (1 + Math.Exp(-z)),
        "tanh" => Math.Tanh(z), // (e^z − e^−z)/(e^z + e^−z) cancels near 0; see Forward_HandValues
        "relu" => z > 0 ? z : 0,
        "leaky_relu" => z > 0 ? z : alpha * z,
        _ => throw new ArgumentException(name),
    };

    private static double FormulaDerivative(string name, double alpha, double z) => name switch
    {
        "identity" => 1,
        "sigmoid" => Math.Exp(-z) / ((1 + Math.Exp(-z)) * (1 + Math.Exp(-z))),
        "tanh" => 4 / ((Math.Exp(z) + Math.Exp(-z)) * (Math.Exp(z) + Math.Exp(-z))),
        "relu" => z > 0 ? 1 : 0,
        "leaky_relu" => z > 0 ? 1 : alpha,
        _ => throw new ArgumentException(name),
    };

    private static Activation Make(string name, double alpha) =>
        Activation.FromName(name, alpha) ?? throw new ArgumentException(name);

    [Theory]
    [MemberData(nameof(ElementWise))]
    public void Forward_And_Apply_MatchTheFormula(string name, double alpha)
    {
        var f = Make(name, alpha);
        Assert.True(f.IsElementWise);
        Assert.Equal(name, f.Name);
        var z = Matrix<double>.FromArray(2, 5, Zs);
        var a = new Matrix<double>(2, 5);
        f.Forward(z, a);
        for (int i = 0; i < Zs.Length; i++)
        {
            double expected = Formula(name, alpha, Zs[i]);
            Close.Equal(expected, a.Span[i], 1e-14, $"{name}({Zs[i]}) forward");
            Close.Equal(expected, f.Apply(Zs[i]), 1e-14, $"{name}({Zs[i]}) apply");
        }
    }

    [Fact]
    public void Forward_HandValues()
    {
        Close.Equal(0.5, new Sigmoid().Apply(0.0), 1e-15);
        Close.Equal(0.7310585786300049, new Sigmoid().Apply(1.0), 1e-15);
        Close.Equal(0.7615941559557649, new Tanh().Apply(1.0), 1e-15);
        Close.Equal((Math.E - (1 / Math.E)) / (Math.E + (1 / Math.E)), new Tanh().Apply(1.0), 1e-15);
        Close.Equal(1 - (0.7615941559557649 * 0.7615941559557649), new Tanh().Derivative(1.0, 0.7615941559557649), 1e-15);
        Close.Equal(0.25, new Sigmoid().Derivative(0.0, 0.5), 1e-15);
        Assert.Equal(0.0, new Relu().Apply(-3.0));
        Assert.Equal(3.0, new Relu().Apply(3.0));
        Close.Equal(-0.3, new LeakyRelu(0.1).Apply(-3.0), 1e-15);
        Assert.Equal(-3.0 * LeakyRelu.DefaultAlpha, new LeakyRelu().Apply(-3.0));
        Assert.Equal(LeakyRelu.DefaultAlpha, ((LeakyRelu)Activation.FromName("leaky_relu")!).Alpha);
    }

    [Theory]
    [MemberData(nameof(ElementWise))]
    public void Derivative_MatchesCentralDifferenceOfApply(string name, double alpha)
    {
        var f = Make(name, alpha);
        const double h = 1e-5;
        foreach (double z in Zs)
        {
            double numeric = (f.Apply(z + h) - f.Apply(z - h)) / (2 * h);
            double analytic = f.Derivative(z, f.Apply(z));
            Assert.True(Math.Abs(numeric - analytic) <= 1e-8 * Math.Max(1, Math.Abs(analytic)), $"{name}'({z}): analytic {analytic}, numeric {numeric}");
            // 1 − a² and a(1 − a) lose relative precision where f′ is tiny (|z| large): compare absolutely there.
            Near(FormulaDerivative(name, alpha, z), analytic, $"{name}'({z})");
        }
    }

    [Theory]
    [MemberData(nameof(ElementWise))]
    public void Backward_IsUpstreamTimesDerivative(string name, double alpha)
    {
        var f = Make(name, alpha);
        var z = Matrix<double>.FromArray(2, 5, Zs);
        var a = new Matrix<double>(2, 5);
        f.Forward(z, a);
        var dA = Matrix<double>.FromArray(2, 5, 0.3, -1.2, 2, 0.7, -0.1, 1.5, -0.4, 0.9, -2.2, 0.05);
        var dZ = new Matrix<double>(2, 5);
        f.Backward(z, a, dA, dZ);
        for (int i = 0; i < Zs.Length; i++)
        {
            Near(dA.Span[i] * FormulaDerivative(name, alpha, Zs[i]), dZ.Span[i], $"{name} dZ[{i}]");
        }
    }

    private static void Near(double expected, double actual, string what) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-15 + (1e-12 * Math.Abs(expected)), $"{what}: expected {expected:R}, got {actual:R}");

    [Fact]
    public void Relu_Kinks_FollowTheConvention()
    {
        Assert.Equal(0.0, new Relu().Derivative(0.0, 0.0));
        Assert.Equal(0.25, new LeakyRelu(0.25).Derivative(0.0, 0.0));
        Assert.Equal(1.0, new LeakyRelu(0.25).Derivative(1e-300, 1e-300));
    }

    [Fact]
    public void Softmax_MatchesTheFormula_AndRowsSumToOne()
    {
        double[] values = [0.5, -1, 2, 0, 3, 3, 3, 3, -4, 7, 0.1, -0.2];
        var z = Matrix<double>.FromArray(3, 4, values);
        var a = new Matrix<double>(3, 4);
        new Softmax().Forward(z, a);
        for (int i = 0; i < 3; i++)
        {
            double denominator = 0;
            for (int j = 0; j < 4; j++)
            {
                denominator += Math.Exp(z[i, j]);
            }

            double sum = 0;
            for (int j = 0; j < 4; j++)
            {
                Close.Equal(Math.Exp(z[i, j]) / denominator, a[i, j], 1e-13, $"softmax[{i},{j}]");
                sum += a[i, j];
            }

            Close.Equal(1.0, sum, 1e-15, $"row {i} sum");
        }

        Close.Equal(0.25, a[1, 2], 1e-15);
    }

    [Fact]
    public void Softmax_IsStableForLargeInputs()
    {
        var z = Matrix<double>.FromArray(3, 2, 1000, 1001, -1000, -1001, 800, -800);
        var a = new Matrix<double>(3, 2);
        new Softmax().Forward(z, a);
        foreach (double v in a.Span)
        {
            Assert.True(double.IsFinite(v), $"softmax gave {v}");
        }

        Close.Equal(0.2689414213699951, a[0, 0], 1e-14);
        Close.Equal(0.7310585786300049, a[0, 1], 1e-14);
        Close.Equal(0.7310585786300049, a[1, 0], 1e-14);
        Close.Equal(0.2689414213699951, a[1, 1], 1e-14);
        Assert.Equal(1.0, a[2, 0]);
        Assert.Equal(0.0, a[2, 1]);

        var zf = Matrix<float>.FromArray(1, 2, 1000, 1001);
        var af = new Matrix<float>(1, 2);
        new Softmax().Forward(zf, af);
        Close.Equal(0.2689414213699951, af[0, 0], 1e-6);
        Close.Equal(0.7310585786300049, af[0, 1], 1e-6);
    }

    [Fact]
    public void Softmax_Backward_EqualsTheJacobianProduct()
    {
        var z = Matrix<double>.FromArray(3, 4, 0.5, -1, 2, 0, 0.1, 0.2, 0.3, 0.4, -3, 1, 1, 2.5);
        var dA = Matrix<double>.FromArray(3, 4, 1, -2, 0.5, 3, 0, 0, 1, 0, -0.7, 0.2, 1.1, -0.3);
        var a = new Matrix<double>(3, 4);
        var dZ = new Matrix<double>(3, 4);
        var softmax = new Softmax();
        softmax.Forward(z, a);
        softmax.Backward(z, a, dA, dZ);
        for (int r = 0; r < 3; r++)
        {
            double[,] jacobian = Softmax.Jacobian(a.Row(r));
            for (int i = 0; i < 4; i++)
            {
                double expected = 0;
                for (int j = 0; j < 4; j++)
                {
                    expected += jacobian[i, j] * dA[r, j]; // dZᵢ = Σⱼ ∂aⱼ/∂zᵢ · dAⱼ
                }

                Assert.True(Math.Abs(expected - dZ[r, i]) <= 1e-15, $"dZ[{r},{i}]: Jacobian {expected}, Backward {dZ[r, i]}");
            }
        }
    }

    [Fact]
    public void Softmax_Jacobian_MatchesCentralDifferences()
    {
        double[] z = [0.3, -1.2, 0.8, 2.0];
        var softmax = new Softmax();
        double[] Row(double[] values)
        {
            var zm = Matrix<double>.FromArray(1, values.Length, values);
            var am = new Matrix<double>(1, values.Length);
            softmax.Forward(zm, am);
            return am.ToArray();
        }

        double[,] jacobian = Softmax.Jacobian(Row(z));
        const double h = 1e-6;
        for (int i = 0; i < z.Length; i++)
        {
            double[] plus = (double[])z.Clone(), minus = (double[])z.Clone();
            plus[i] += h;
            minus[i] -= h;
            double[] ap = Row(plus), am = Row(minus);
            for (int j = 0; j < z.Length; j++)
            {
                double numeric = (ap[j] - am[j]) / (2 * h); // ∂aⱼ/∂zᵢ
                Assert.True(Math.Abs(numeric - jacobian[i, j]) < 1e-9, $"J[{i},{j}]: {jacobian[i, j]} vs {numeric}");
            }
        }
    }

    [Fact]
    public void Softmax_IsNotElementWise()
    {
        var softmax = new Softmax();
        Assert.False(softmax.IsElementWise);
        Assert.Throws<InvalidOperationException>(() => softmax.Apply(1.0));
        Assert.Throws<InvalidOperationException>(() => softmax.Derivative(1.0, 0.5));
    }

    [Fact]
    public void FromName_KnowsEveryName()
    {
        foreach (string name in Activation.Names)
        {
            Assert.Equal(name, Activation.FromName(name)!.Name);
        }

        Assert.IsType<Identity>(Activation.FromName("linear"));
        Assert.IsType<Sigmoid>(Activation.FromName("logistic"));
        Assert.Equal(0.3, ((LeakyRelu)Activation.FromName("leaky_relu", 0.3)!).Alpha);
        Assert.IsType<Silu>(Activation.FromName("swish"));
        Assert.Equal(0.5, ((Elu)Activation.FromName("elu", 0.5)!).Alpha);
        Assert.Null(Activation.FromName("mish"));
    }

    [Theory]
    [MemberData(nameof(ElementWise))]
    public void Float_AgreesWithDouble(string name, double alpha)
    {
        var f = Make(name, alpha);
        var zf = Matrix<float>.FromArray(2, 5, Zs);
        var af = new Matrix<float>(2, 5);
        f.Forward(zf, af);
        var dAf = Matrix<float>.FromArray(2, 5, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1);
        var dZf = new Matrix<float>(2, 5);
        f.Backward(zf, af, dAf, dZf);
        for (int i = 0; i < Zs.Length; i++)
        {
            double z = (float)Zs[i];
            Assert.True(Math.Abs(Formula(name, alpha, z) - af.Span[i]) <= 1e-6 * Math.Max(1, Math.Abs(z)), $"{name}({z}) in float: {af.Span[i]}");
            Assert.True(Math.Abs(FormulaDerivative(name, alpha, z) - dZf.Span[i]) <= 1e-6, $"{name}'({z}) in float: {dZf.Span[i]}");
        }
    }
}
