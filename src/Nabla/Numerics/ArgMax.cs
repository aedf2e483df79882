using System.Numerics;

namespace Nabla.Numerics;

/// <summary>The index of the largest value.</summary>
public static class ArgMax
{
    /// <summary>The index of the largest value, the first on a tie.</summary>
    public static int Of<T>(ReadOnlySpan<T> values)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int best = 0;
        for (int j = 1; j < values.Length; j++)
        {
            if (values[j] > values[best])
            {
                best = j;
            }
        }

        return best;
    }
}
