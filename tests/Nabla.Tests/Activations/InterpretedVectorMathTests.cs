using System.Numerics;
using Nabla.Numerics;
using Nabla.Playground.Training;
using Nabla.Tensors.Kernels;
using Nabla.Tests.Layers;

namespace Nabla.Tests.Activations;

/// <summary>
/// In an interpreter (the browser) TensorPrimitives' vectorised e^x, tanh and σ take about 25 times a plain loop, so
/// there e^x, tanh and σ run as plain loops of the scalar functions (<see cref="Elementwise.VectorMathCompiled"/>
/// false). These tests force that path: each value is the scalar function's, a small layer's fused loops still give
/// the separate passes' bits, and a whole run follows the compiled path's to rounding.
/// </summary>
[Collection(ThreadSettings.Name)]
public class InterpretedVectorMathTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(16)]
    [InlineData(80)]
    [InlineData(1001)]
    public void WithoutCompiledVectorMath_EachValueIsTheScalarFunctions(int n)
    {
        var random = new SeededRandom((ulong)n);
        double[] z = [.. Enumerable.Range(0, n).Select(_ => (random.NextDouble() * 16) - 8)];
        var a = new double[n];
        Interpreted(() =>
        {
            Elementwise.Tanh<double>(z, a);
            Assert.Equal(z.Select(Math.Tanh), a);
            Elementwise.Exp<double>(z, a);
            Assert.Equal(z.Select(Math.Exp), a);
            Elementwise.Sigmoid<double>(z, a);
            Assert.Equal(z.Select(v => 1 / (1 + Math.Exp(-v))), a);
            float[] zf = [.. z.Select(v => (float)v)];
            var af = new float[n];
            Elementwise.Tanh<float>(zf, af);
            Assert.Equal(zf.Select(MathF.Tanh), af);
        });

        // Compiled, the vectorised functions agree with the scalar ones to rounding.
        Elementwise.Tanh<double>(z, a);
        Assert.All(z.Zip(a), p => Assert.Equal(Math.Tanh(p.First), p.Second, 1e-15));
        Elementwise.Exp<double>(z, a);
        Assert.All(z.Zip(a), p => Assert.Equal(1, p.Second / Math.Exp(p.First), 1e-15));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(9)]
    [InlineData(37)]
    public void TanhBackward_IsDaTimesOneMinusASquared_BitForBit_InRegistersAndTail(int n)
    {
        var random = new SeededRandom(5);
        double[] a = [.. Enumerable.Range(0, n).Select(_ => (random.NextDouble() * 2) - 1)];
        double[] g = [.. Enumerable.Range(0, n).Select(_ => random.NextDouble() - 0.5)];
        var d = new double[n];
        Elementwise.TanhBackward<double>(a, g, d);
        Assert.Equal(a.Zip(g, (ai, gi) => gi * (1 - (ai * ai))), d); // tanh′ = 1 − a², a² rounded first
        float[] af = [.. a.Select(v => (float)v)], gf = [.. g.Select(v => (float)v)];
        var df = new float[n];
        Elementwise.TanhBackward<float>(af, gf, df);
        Assert.Equal(af.Zip(gf, (ai, gi) => gi * (1 - (ai * ai))), df);
    }

    [Fact]
    public void WithoutCompiledVectorMath_SmallLayersFusedLoops_StillGiveTheSeparatePassesBits()
    {
        Interpreted(() =>
        {
            for (int seed = 0; seed < 40; seed++)
            {
                var activation = SmallDenseTests.Activations[seed % SmallDenseTests.Activations.Length];
                int m = 1 + (seed % 8), inputs = 1 + (seed * 3 % 8), units = 1 + (seed * 5 % 8);
                SmallDenseTests.Check<double>(m, inputs, units, activation, bias: seed % 2 == 0, (ulong)seed);
                SmallDenseTests.Check<float>(m, inputs, units, activation, bias: seed % 3 == 0, (ulong)seed);
            }
        });
    }

    [Fact]
    public void WithoutCompiledVectorMath_TheMoonsRun_FollowsTheCompiledOne()
    {
        var settings = Settings.Presets.First(p => p.Name == "Moons").Make();
        var compiled = Session.Start(settings.ToSpec());
        Session interpreted = null!;
        for (int epoch = 0; epoch < 3; epoch++)
        {
            Assert.True(compiled.TrainEpoch());
        }

        Interpreted(() =>
        {
            interpreted = Session.Start(settings.ToSpec());
            for (int epoch = 0; epoch < 3; epoch++)
            {
                Assert.True(interpreted.TrainEpoch());
            }
        });

        Assert.Equal(3, interpreted.Losses.Count);
        for (int epoch = 0; epoch < 3; epoch++)
        {
            Assert.Equal(compiled.Losses[epoch], interpreted.Losses[epoch], 1e-12);
        }

        Assert.All(compiled.Network.FlatParameters()!.Value.Values.Zip(interpreted.Network.FlatParameters()!.Value.Values), p => Assert.Equal(p.First, p.Second, 1e-12));
    }

    private static void Interpreted(Action body)
    {
        bool saved = Elementwise.VectorMathCompiled;
        try
        {
            Elementwise.VectorMathCompiled = false;
            body();
        }
        finally
        {
            Elementwise.VectorMathCompiled = saved;
        }
    }
}
