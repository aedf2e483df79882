using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Nabla.Tensors.Kernels;

/// <summary>
/// Square blocks transposed in registers (8 × 8 floats or 4 × 4 doubles, by AVX shuffles): what
/// packing a transposed B needs. Copying one value at a time down a column touches a new cache
/// line per value; a block reads whole rows and writes whole rows.
/// </summary>
internal static class Transpose
{
    /// <summary>The side of the blocks <see cref="Block{T}"/> moves: 8 floats, 4 doubles, or 0 without AVX.</summary>
    public static int Side<T>() =>
        !Avx.IsSupported ? 0 : typeof(T) == typeof(float) ? 8 : typeof(T) == typeof(double) ? 4 : 0;

    /// <summary>target[p·targetStride + j] = source[j·sourceStride + p] for j, p &lt; <see cref="Side{T}"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Block<T>(ref T source, nint sourceStride, ref T target, nint targetStride)
    {
        if (typeof(T) == typeof(float))
        {
            Floats(ref Unsafe.As<T, float>(ref source), sourceStride, ref Unsafe.As<T, float>(ref target), targetStride);
        }
        else if (typeof(T) == typeof(double))
        {
            Doubles(ref Unsafe.As<T, double>(ref source), sourceStride, ref Unsafe.As<T, double>(ref target), targetStride);
        }
    }

    /// <summary>
    /// target[i·targetStride + j] = source[j·sourceStride + i] for i &lt; <paramref name="rows"/>, j &lt; <paramref name="cols"/>:
    /// a whole matrix (cols × rows in the source) turned over, in square blocks where they fit, one value at a time elsewhere.
    /// </summary>
    public static void Whole<T>(ref T source, nint sourceStride, ref T target, nint targetStride, int rows, int cols)
    {
        int side = Side<T>();
        int rowBlocks = side == 0 ? 0 : rows / side * side;
        int colBlocks = side == 0 ? 0 : cols / side * side;
        for (int j = 0; j < colBlocks; j += side)
        {
            for (int i = 0; i < rowBlocks; i += side)
            {
                Block(ref Unsafe.Add(ref source, (j * sourceStride) + i), sourceStride, ref Unsafe.Add(ref target, (i * targetStride) + j), targetStride);
            }
        }

        for (int i = 0; i < rows; i++)
        {
            for (int j = i < rowBlocks ? colBlocks : 0; j < cols; j++)
            {
                Unsafe.Add(ref target, (i * targetStride) + j) = Unsafe.Add(ref source, (j * sourceStride) + i);
            }
        }
    }

    // Rows r0..r7 → pairs interleaved → quadruples → the two 128-bit halves swapped into place.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Floats(ref float s, nint ls, ref float t, nint lt)
    {
        var r0 = Vector256.LoadUnsafe(ref s);
        var r1 = Vector256.LoadUnsafe(ref s, (nuint)ls);
        var r2 = Vector256.LoadUnsafe(ref s, (nuint)(2 * ls));
        var r3 = Vector256.LoadUnsafe(ref s, (nuint)(3 * ls));
        var r4 = Vector256.LoadUnsafe(ref s, (nuint)(4 * ls));
        var r5 = Vector256.LoadUnsafe(ref s, (nuint)(5 * ls));
        var r6 = Vector256.LoadUnsafe(ref s, (nuint)(6 * ls));
        var r7 = Vector256.LoadUnsafe(ref s, (nuint)(7 * ls));
        var t0 = Avx.UnpackLow(r0, r1);
        var t1 = Avx.UnpackHigh(r0, r1);
        var t2 = Avx.UnpackLow(r2, r3);
        var t3 = Avx.UnpackHigh(r2, r3);
        var t4 = Avx.UnpackLow(r4, r5);
        var t5 = Avx.UnpackHigh(r4, r5);
        var t6 = Avx.UnpackLow(r6, r7);
        var t7 = Avx.UnpackHigh(r6, r7);
        var q0 = Avx.Shuffle(t0, t2, 0x44);
        var q1 = Avx.Shuffle(t0, t2, 0xEE);
        var q2 = Avx.Shuffle(t1, t3, 0x44);
        var q3 = Avx.Shuffle(t1, t3, 0xEE);
        var q4 = Avx.Shuffle(t4, t6, 0x44);
        var q5 = Avx.Shuffle(t4, t6, 0xEE);
        var q6 = Avx.Shuffle(t5, t7, 0x44);
        var q7 = Avx.Shuffle(t5, t7, 0xEE);
        Avx.Permute2x128(q0, q4, 0x20).StoreUnsafe(ref t);
        Avx.Permute2x128(q1, q5, 0x20).StoreUnsafe(ref t, (nuint)lt);
        Avx.Permute2x128(q2, q6, 0x20).StoreUnsafe(ref t, (nuint)(2 * lt));
        Avx.Permute2x128(q3, q7, 0x20).StoreUnsafe(ref t, (nuint)(3 * lt));
        Avx.Permute2x128(q0, q4, 0x31).StoreUnsafe(ref t, (nuint)(4 * lt));
        Avx.Permute2x128(q1, q5, 0x31).StoreUnsafe(ref t, (nuint)(5 * lt));
        Avx.Permute2x128(q2, q6, 0x31).StoreUnsafe(ref t, (nuint)(6 * lt));
        Avx.Permute2x128(q3, q7, 0x31).StoreUnsafe(ref t, (nuint)(7 * lt));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Doubles(ref double s, nint ls, ref double t, nint lt)
    {
        var r0 = Vector256.LoadUnsafe(ref s);
        var r1 = Vector256.LoadUnsafe(ref s, (nuint)ls);
        var r2 = Vector256.LoadUnsafe(ref s, (nuint)(2 * ls));
        var r3 = Vector256.LoadUnsafe(ref s, (nuint)(3 * ls));
        var t0 = Avx.UnpackLow(r0, r1);   // r0[0] r1[0] r0[2] r1[2]
        var t1 = Avx.UnpackHigh(r0, r1);  // r0[1] r1[1] r0[3] r1[3]
        var t2 = Avx.UnpackLow(r2, r3);
        var t3 = Avx.UnpackHigh(r2, r3);
        Avx.Permute2x128(t0, t2, 0x20).StoreUnsafe(ref t);
        Avx.Permute2x128(t1, t3, 0x20).StoreUnsafe(ref t, (nuint)lt);
        Avx.Permute2x128(t0, t2, 0x31).StoreUnsafe(ref t, (nuint)(2 * lt));
        Avx.Permute2x128(t1, t3, 0x31).StoreUnsafe(ref t, (nuint)(3 * lt));
    }
}
