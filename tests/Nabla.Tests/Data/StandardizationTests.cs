using Nabla.Data;
using Nabla.Tensors;

namespace Nabla.Tests.Data;

public class StandardizationTests
{
    [Fact]
    public void Fit_GivesMeanAndPopulationStd_ApplyMakesThem0And1()
    {
        var x = Matrix<double>.FromArray(4, 2, 1, 10, 2, 20, 3, 30, 4, 40);
        var s = Standardization.Fit(x);

        Assert.Equal([2.5, 25], s.Mean);
        Close.Equal([Math.Sqrt(1.25), Math.Sqrt(125)], s.Std, 1e-15, "σ = √((1/m) Σ (x − μ)²)");
        var z = s.Apply(x);
        for (int j = 0; j < 2; j++)
        {
            var column = Examples.Column(z, j);
            Assert.InRange(column.Average(), -1e-15, 1e-15);
            Close.Equal(1, Math.Sqrt(column.Average(v => v * v)), 1e-14, "std of z");
        }

        Close.Equal([-3 / Math.Sqrt(5), -3 / Math.Sqrt(5)], z.Row(0).ToArray(), 1e-14, "z = (x − μ)/σ");
        Close.Equal(x.ToArray(), s.Revert(z).ToArray(), 1e-14, "x = μ + σ z");
    }

    [Fact]
    public void ConstantColumn_GetsStd1_AndBecomesZero_NotNaN()
    {
        var x = Matrix<double>.FromArray(3, 2, 0.1, 1, 0.1, 2, 0.1, 3);
        var s = Standardization.Fit(x);
        Assert.Equal(0.1, s.Mean[0]);
        Assert.Equal(1, s.Std[0]);
        Assert.Equal([0.0, 0, 0], Examples.Column(s.Apply(x), 0));

        // A new input that differs from the constant is shifted, not divided by zero.
        Assert.Equal(0.4, s.Apply([[0.5, 2.0]])[0][0], 12);
    }

    [Fact]
    public void Apply_ToAWrongWidth_IsABug()
    {
        var s = new Standardization([0, 0], [1, 1]);
        Assert.Throws<ArgumentException>(() => s.Apply(new Matrix<double>(1, 3)));
    }
}
