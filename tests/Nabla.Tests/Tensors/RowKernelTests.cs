using System.Numerics;
using Nabla.Numerics;
using Nabla.Tensors;
using Nabla.Tensors.Kernels;
using static Nabla.Tests.Tensors.GemmTests;

namespace Nabla.Tests.Tensors;

/// <summary>
/// The packed GEMM's row kernel (one or two rows of C, a strip of eight registers per row) must give
/// the bits of the register tiles it replaces: on every register width, in float and double, with A
/// transposed or not, for k within one inner block and across two or three, for column counts that
/// fill whole strips, leave a strip's last register partly empty or have fewer columns than a
/// register, with and without the bias-and-activation epilogue, on one thread and two.
/// </summary>
[Collection(ThreadSettings.Name)]
public class RowKernelTests
{
    public static TheoryData<KernelWidth> Widths() => PackedGemmTests.Widths();

    [Theory]
    [MemberData(nameof(Widths))]
    public void RowKernel_GivesTheTilesBits(KernelWidth width)
    {
        ulong seed = 1;
        foreach (int m in new[] { 1, 2 })
        {
            foreach (int k in new[] { 1, 7, 300, 513, 1100 })
            {
                foreach (int n in new[] { 1, 5, 16, 63, 64, 65, 130, 256, 300 })
                {
                    foreach (bool transA in new[] { false, true })
                    {
                        Check<float>(width, m, k, n, transA, epilogue: seed % 2 == 0, threads: 1 + (int)(seed % 3 == 0 ? 1 : 0), seed);
                        Check<double>(width, m, k, n, transA, epilogue: seed % 2 == 1, threads: 1, seed);
                        seed++;
                    }
                }
            }
        }
    }

    private static void Check<T>(KernelWidth width, int m, int k, int n, bool transA, bool epilogue, int threads, ulong seed)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new SeededRandom(seed);
        var a = transA ? Random<T>(k, m, random) : Random<T>(m, k, random);
        var b = Random<T>(k, n, random);
        var bias = Random<T>(1, n, random);
        var slope = T.CreateChecked(0.01);
        var (tileZ, tileA) = (Garbage<T>(m, n, spare: 0), Garbage<T>(m, n, spare: 0));
        var (rowZ, rowA) = (Garbage<T>(m, n, spare: 0), Garbage<T>(m, n, spare: 0));
        try
        {
            PackedGemm<T>.RowKernel = false;
            PackedGemm<T>.Multiply(transA, false, m, n, k, a, b, tileZ, width, threads: 1, epilogue ? Epilogue<T>.BiasActivation(bias, tileA, slope) : default);
            PackedGemm<T>.RowKernel = true;
            PackedGemm<T>.Multiply(transA, false, m, n, k, a, b, rowZ, width, threads, epilogue ? Epilogue<T>.BiasActivation(bias, rowA, slope) : default);
        }
        finally
        {
            PackedGemm<T>.RowKernel = true;
        }

        string what = $"{width} {typeof(T).Name} {m}×{k}×{n}, transA {transA}, epilogue {epilogue}, {threads} threads";
        Assert.True(tileZ.Span.SequenceEqual(rowZ.Span), $"{what}: Z differs");
        Assert.True(!epilogue || tileA.Span.SequenceEqual(rowA.Span), $"{what}: A differs");
        Assert.False(T.IsNaN(rowZ.Span[^1]), what);
    }
}
