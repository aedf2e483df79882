using System.Numerics;
using FsCheck.Xunit;
using Nabla.Activations;
using Nabla.Layers;
using Nabla.Numerics;
using Nabla.Tensors;
using Nabla.Tests.Tensors;

namespace Nabla.Tests.Layers;

/// <summary>
/// A small layer runs its passes as fused plain loops (SmallDense); they must give bit for bit
/// what the separate products and activation passes give.
/// </summary>
public class SmallDenseTests
{
    internal static readonly Activation[] Activations = [new Identity(), new Relu(), new LeakyRelu(0.1), new Sigmoid(), new Tanh()];

    [Property(MaxTest = 300)]
    public void FusedLoops_EqualTheSeparateProducts_BitForBit(byte m, byte nIn, byte nOut, byte which, bool bias, int seed)
    {
        int rows = 1 + (m % 8), inputs = 1 + (nIn % 8), units = 1 + (nOut % 8);
        var activation = Activations[which % Activations.Length];
        Check<double>(rows, inputs, units, activation, bias, (ulong)(uint)seed);
        Check<float>(rows, inputs, units, activation, bias, (ulong)(uint)seed);
    }

    [Fact]
    public void TheXorNetwork_OnOneExample_TakesTheFusedLoops()
    {
        Assert.True(SmallDense.Fits(1, 2, 2));
        Assert.True(SmallDense.Fits(1, 2, 1));
        Assert.True(SmallDense.Fits(4, 2, 2)); // the full XOR batch too
        Assert.False(SmallDense.Fits(64, 784, 256));
    }

    internal static void Check<T>(int m, int inputs, int units, Activation activation, bool bias, ulong seed)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Assert.True(SmallDense.Fits(m, inputs, units));
        var random = new SeededRandom(seed);
        var layer = new Dense<T>(inputs, units, activation, bias);
        GemmTests.Random<T>(inputs, units, random).CopyTo(layer.W);
        if (layer.B is { } b)
        {
            GemmTests.Random<T>(1, units, random).CopyTo(b);
        }

        var x = GemmTests.Random<T>(m, inputs, random);
        x[0, 0] = T.Zero; // a zero input gives a zero product: relu's kink and −0 are covered
        var a = layer.Forward(x);

        // The unfused path: Z = X·W + b by the product, then A = f(Z) by the activation's own pass.
        var z = new Matrix<T>(m, units);
        Gemm.Multiply(x, layer.W, z, layer.B);
        var expectedA = new Matrix<T>(m, units);
        activation.Forward(z, expectedA);
        Same(z, layer.Z, "Z");
        Same(expectedA, a, "A");

        var dA = GemmTests.Random<T>(m, units, random);
        layer.Backward(dA, computeDx: true);
        var dz = new Matrix<T>(m, units);
        activation.Backward(z, expectedA, dA, dz);
        var dw = new Matrix<T>(inputs, units);
        Gemm.MultiplyTransposeA(x, dz, dw);
        var db = new Matrix<T>(1, units);
        RowVector.ColumnSums(dz, db.Span);
        var dx = new Matrix<T>(m, inputs);
        Gemm.MultiplyTransposeB(dz, layer.W, dx);
        Same(dz, layer.DZ, "dZ");
        Same(dw, layer.DW, "dW");
        if (bias)
        {
            Same(db, layer.DB, "db");
        }

        Same(dx, layer.DX, "dX");
    }

    private static void Same<T>(Matrix<T> expected, Matrix<T> actual, string what)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Assert.Equal(expected.Rows, actual.Rows);
        var e = expected.Span;
        var g = actual.Span;
        for (int i = 0; i < e.Length; i++)
        {
            Assert.True(BitEquals(e[i], g[i]), $"{what}[{i}]: expected {e[i]}, got {g[i]}");
        }
    }

    private static bool BitEquals<T>(T x, T y)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        typeof(T) == typeof(double)
            ? BitConverter.DoubleToInt64Bits(double.CreateTruncating(x)) == BitConverter.DoubleToInt64Bits(double.CreateTruncating(y))
            : BitConverter.SingleToInt32Bits(float.CreateTruncating(x)) == BitConverter.SingleToInt32Bits(float.CreateTruncating(y));
}
