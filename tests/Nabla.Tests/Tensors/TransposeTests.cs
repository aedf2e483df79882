using Nabla.Tensors.Kernels;

namespace Nabla.Tests.Tensors;

/// <summary>The register transpose that packs a transposed B: every value lands where a plain copy puts it.</summary>
public class TransposeTests
{
    private static void Check<T>(Func<int, T> value)
        where T : unmanaged
    {
        int side = Transpose.Side<T>();
        if (side == 0)
        {
            return; // no AVX: PackedGemm copies one value at a time, tested through its products
        }

        const int sourceStride = 13, targetStride = 11; // strides wider than a block, and different
        var source = new T[side * sourceStride];
        for (int i = 0; i < source.Length; i++)
        {
            source[i] = value(i);
        }

        var target = new T[side * targetStride];
        Transpose.Block(ref source[0], sourceStride, ref target[0], targetStride);
        for (int p = 0; p < side; p++)
        {
            for (int j = 0; j < side; j++)
            {
                Assert.Equal(source[(j * sourceStride) + p], target[(p * targetStride) + j]);
            }

            for (int j = side; j < targetStride; j++)
            {
                Assert.Equal(default, target[(p * targetStride) + j]); // nothing written past the block
            }
        }
    }

    [Fact]
    public void Floats_EightByEight() => Check(i => i + 1f);

    [Fact]
    public void Doubles_FourByFour() => Check(i => i + 0.5);
}
