using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Nabla.Tensors.Kernels;

/// <summary>
/// The product of one or two rows of A with an untransposed B: c[j] = Σ_p a[p]·B[p, j], a layer's
/// forward pass for one example (batch-1 prediction). A 6- or 12-row tile would compute mostly
/// zero rows here, so each row takes strips of eight registers of B's columns instead: eight
/// independent sums per step (enough to hide the multiply-add's latency), B streamed row by row
/// in place, nothing packed. Each element is the same sum in the same order as in the tiles
/// (p = 0..kc−1 within each inner block, the blocks added in order), finished by the same edge
/// store, so the values are the same bits.
/// </summary>
internal sealed partial class PackedGemm<T>
{
    /// <summary>Products of at most this many rows (in a part) take the row kernel.</summary>
    internal const int RowKernelRows = 2;

    /// <summary>Registers per strip of the row kernel.</summary>
    private const int StripRegisters = 8;

    /// <summary>Whether the row kernel is used (tests switch it off to compare with the tiles).</summary>
    internal static bool RowKernel { get; set; } = true;

    /// <summary>C[i0..i1, j0..j1] row by row, a strip of 8 registers of columns at a time, for each inner block.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ComputeRows<TL, TV>(int i0, int i1, int j0, int j1)
        where TL : ILanes<TV, T>
        where TV : struct
    {
        int w = TL.Count;
        int strip = StripRegisters * w;
        Span<T> sums = stackalloc T[StripRegisters * 16];
        Span<T> pad = stackalloc T[16];
        for (int pc = 0; pc < k; pc += KC)
        {
            int kc = Math.Min(KC, k - pc);
            bool accumulate = pc > 0; // C = first block, then C += each later block
            bool last = pc + kc == k; // (… and the last block's sums go through the epilogue)
            for (int i = i0; i < i1; i++)
            {
                // op(A)[i, p] for p = pc, pc + 1, …: along A's row, or down its column when transposed.
                ref T aRow = ref transA ? ref a[aOffset + (pc * lda) + i] : ref a[aOffset + (i * lda) + pc];
                nint aStep = transA ? lda : 1;
                for (int j = j0; j < j1; j += strip)
                {
                    int cols = Math.Min(strip, j1 - j);
                    ref T bBlock = ref b[bOffset + (pc * ldb) + j];
                    if (cols == strip)
                    {
                        Strip<TL, TV>(kc, ref aRow, aStep, ref bBlock, ldb, sums);
                    }
                    else
                    {
                        StripEdge<TL, TV>(kc, ref aRow, aStep, ref bBlock, ldb, cols, sums, pad);
                    }

                    StoreEdge(sums, strip, i, j, 1, cols, accumulate, last ? end : EpilogueKind.Store);
                }
            }
        }
    }

    /// <summary>sums[0..8w) = Σ_p a[p]·b[p, 0..8w), p = 0..kc−1 in order: eight registers of sums.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Strip<TL, TV>(int kc, ref T a, nint aStep, ref T b, nint ldb, Span<T> sums)
        where TL : ILanes<TV, T>
        where TV : struct
    {
        nint w = TL.Count;
        TV c0 = TL.Zero, c1 = TL.Zero, c2 = TL.Zero, c3 = TL.Zero;
        TV c4 = TL.Zero, c5 = TL.Zero, c6 = TL.Zero, c7 = TL.Zero;
        for (int p = 0; p < kc; p++)
        {
            TV ap = TL.Broadcast(Unsafe.Add(ref a, p * aStep));
            ref T row = ref Unsafe.Add(ref b, p * ldb);
            c0 = TL.MultiplyAdd(ap, TL.Load(ref row), c0);
            c1 = TL.MultiplyAdd(ap, TL.Load(ref Unsafe.Add(ref row, w)), c1);
            c2 = TL.MultiplyAdd(ap, TL.Load(ref Unsafe.Add(ref row, 2 * w)), c2);
            c3 = TL.MultiplyAdd(ap, TL.Load(ref Unsafe.Add(ref row, 3 * w)), c3);
            c4 = TL.MultiplyAdd(ap, TL.Load(ref Unsafe.Add(ref row, 4 * w)), c4);
            c5 = TL.MultiplyAdd(ap, TL.Load(ref Unsafe.Add(ref row, 5 * w)), c5);
            c6 = TL.MultiplyAdd(ap, TL.Load(ref Unsafe.Add(ref row, 6 * w)), c6);
            c7 = TL.MultiplyAdd(ap, TL.Load(ref Unsafe.Add(ref row, 7 * w)), c7);
        }

        ref T s = ref sums[0];
        TL.Store(c0, ref s);
        TL.Store(c1, ref Unsafe.Add(ref s, w));
        TL.Store(c2, ref Unsafe.Add(ref s, 2 * w));
        TL.Store(c3, ref Unsafe.Add(ref s, 3 * w));
        TL.Store(c4, ref Unsafe.Add(ref s, 4 * w));
        TL.Store(c5, ref Unsafe.Add(ref s, 5 * w));
        TL.Store(c6, ref Unsafe.Add(ref s, 6 * w));
        TL.Store(c7, ref Unsafe.Add(ref s, 7 * w));
    }

    /// <summary>
    /// sums[0..cols) for a last strip of fewer than 8w columns: a register at a time, and the columns
    /// past the last whole register through a zero-padded copy of each row's few values.
    /// </summary>
    private static void StripEdge<TL, TV>(int kc, ref T a, nint aStep, ref T b, nint ldb, int cols, Span<T> sums, Span<T> pad)
        where TL : ILanes<TV, T>
        where TV : struct
    {
        int w = TL.Count;
        for (int q = 0; q < cols; q += w)
        {
            int width = Math.Min(w, cols - q);
            pad.Clear();
            TV sum = TL.Zero;
            for (int p = 0; p < kc; p++)
            {
                ref T row = ref Unsafe.Add(ref b, (p * ldb) + q);
                ref T values = ref row;
                if (width < w)
                {
                    MemoryMarshal.CreateReadOnlySpan(ref row, width).CopyTo(pad);
                    values = ref pad[0];
                }

                sum = TL.MultiplyAdd(TL.Broadcast(Unsafe.Add(ref a, p * aStep)), TL.Load(ref values), sum);
            }

            TL.Store(sum, ref pad[0]);
            pad[..width].CopyTo(sums.Slice(q, width));
        }
    }
}
