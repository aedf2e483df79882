using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Nabla.Tensors.Kernels;

/// <summary>
/// Arrays whose values start on a cache line (64 bytes). A matrix whose rows are a whole number of
/// lines then has every row on a line, so a 512-bit load never straddles two lines, and when two
/// threads split a product by columns at a multiple of 16 floats, no line holds values of both. The
/// array is pinned (it never moves, so the place stays aligned) and 64 bytes longer; the values start
/// at an offset into it. A .NET array's values start 16 bytes into the object, so without this their
/// place on a line differed from run to run: 64 × 784 × 256 and 784 × 64 × 256 products ran 5–20 %
/// slower when W and C started 16 or 32 bytes into a line.
/// </summary>
internal static unsafe class Aligned
{
    /// <summary>The cache line, in bytes.</summary>
    public const int Line = 64;

    /// <summary>Arrays smaller than this many bytes are plain ones (offset 0): alignment does not pay there.</summary>
    private const int From = 4096;

    /// <summary>An array with room for <paramref name="length"/> values from <paramref name="offset"/> on, which lies on a cache line.</summary>
    public static T[] Allocate<T>(int length, out int offset)
        where T : unmanaged
    {
        offset = 0;
        if ((long)length * sizeof(T) < From || Line % sizeof(T) != 0)
        {
            return new T[length];
        }

        var array = GC.AllocateArray<T>(length + (Line / sizeof(T)), pinned: true);
        offset = OffsetToLine(array);
        return array;
    }

    /// <summary>How many values into <paramref name="array"/> (a pinned one: its place never changes) the first cache line starts.</summary>
    private static int OffsetToLine<T>(T[] array)
        where T : unmanaged
    {
        nint address = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(array));
        int bytes = (int)((Line - (address % Line)) % Line);
        return bytes / sizeof(T);
    }

    /// <summary>
    /// A thread's scratch, kept between calls: <paramref name="kept"/> if it holds at least
    /// <paramref name="length"/> values, else a new one that does, starting on a cache line.
    /// </summary>
    public static ArraySegment<T> Scratch<T>(ref ArraySegment<T> kept, int length)
        where T : unmanaged
    {
        if (kept.Count < length)
        {
            var array = Allocate<T>(length, out int offset);
            kept = new(array, offset, length);
        }

        return kept;
    }

    /// <summary>
    /// Where, from <paramref name="at"/> on in an aligned vector, to put <paramref name="length"/> values:
    /// on the next cache line when they are as large as an aligned matrix, else right at <paramref name="at"/>
    /// (a bias, or a tiny network's weights, gains nothing from a line of its own, and gaps would lengthen
    /// every update of the whole vector).
    /// </summary>
    public static int Place<T>(int at, int length)
        where T : unmanaged
    {
        if ((long)length * sizeof(T) < From)
        {
            return at;
        }

        int values = Line / sizeof(T);
        return (at + values - 1) / values * values;
    }
}
