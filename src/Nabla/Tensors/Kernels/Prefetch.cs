using System.Numerics;
using System.Runtime.Intrinsics.X86;

namespace Nabla.Tensors.Kernels;

/// <summary>
/// Asks the memory system to start bringing rows of a matrix into the cache ahead of their use
/// (x86 PREFETCHT0, one per 64-byte line): the trainer names the next batch's rows while the
/// backward pass still has work to do, so the next forward product finds them in cache instead of
/// waiting on main memory. Nothing else changes; on a machine without the instruction it does nothing.
/// </summary>
internal static unsafe class Prefetch
{
    private const int Line = 64;

    /// <summary>Rows first..first+count−1 of <paramref name="m"/> (a view's own rows, by its row numbering).</summary>
    public static void Rows<T>(Matrix<T> m, int first, int count)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!Sse.IsSupported || count <= 0)
        {
            return;
        }

        fixed (T* start = &m.Array[m.Offset + (first * m.Cols)])
        {
            byte* bytes = (byte*)start;
            long length = (long)count * m.Cols * sizeof(T);
            for (long at = 0; at < length; at += Line)
            {
                Sse.Prefetch0(bytes + at);
            }

            Sse.Prefetch0(bytes + length - 1); // (the last line, when the rows do not start on a line)
        }
    }
}
