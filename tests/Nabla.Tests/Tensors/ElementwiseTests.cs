using Nabla.Numerics;
using Nabla.Tensors.Kernels;

namespace Nabla.Tests.Tensors;

/// <summary>
/// The SIMD element-wise kernels give, element for element, exactly what the scalar formula
/// gives, on every length (whole registers, tails, and both together).
/// </summary>
public class ElementwiseTests
{
    private static float[] Values(int n, SeededRandom random) =>
        Enumerable.Range(0, n).Select(_ => (float)random.Uniform(-2, 2)).ToArray();

    [Fact]
    public void EveryKernel_MatchesItsScalarFormula_BitForBit()
    {
        var random = new SeededRandom(12);
        for (int n = 0; n <= 70; n++)
        {
            var x = Values(n, random);
            var y = Values(n, random);

            var axpy = (float[])y.Clone();
            Elementwise.Axpy(-0.3f, x, axpy);
            Assert.Equal(y.Select((v, i) => (-0.3f * x[i]) + v), axpy);

            var sum = (float[])y.Clone();
            Elementwise.Add(x, sum);
            Assert.Equal(y.Select((v, i) => v + x[i]), sum);

            foreach (float slope in new[] { 0f, 0.01f, 1f })
            {
                var a = new float[n];
                Elementwise.PiecewiseLinear(x, a, slope);
                Assert.Equal(x.Select(z => z > 0 ? z : (slope * z) + 0f), a);

                var dz = new float[n];
                Elementwise.PiecewiseLinearBackward(x, y, dz, slope);
                Assert.Equal(x.Select((z, i) => z > 0 ? y[i] : (slope * y[i]) + 0f), dz);
            }

            var s = x.Select(v => 1 / (1 + MathF.Exp(-v))).ToArray();
            var ds = new float[n];
            Elementwise.SigmoidBackward(s, y, ds);
            Assert.Equal(s.Select((p, i) => y[i] * p * (1 - p)), ds);
        }
    }

    [Fact]
    public void Relu_NeverGivesMinusZero_AndKeepsNaN()
    {
        float[] z = [-1f, -0f, 0f, 2f, float.NaN];
        var a = new float[z.Length];
        Elementwise.PiecewiseLinear(z, a, 0f);
        Assert.Equal([0f, 0f, 0f, 2f], a[..4]);
        Assert.All(a[..4], v => Assert.False(float.IsNegative(v)));
        Assert.True(float.IsNaN(a[4])); // a NaN pre-activation is not hidden: the loss will show it
    }
}
