using Nabla.Numerics;

namespace Nabla.Explain.Checking;

/// <summary>The valid name nearest to a mistyped one (edit distance, ignoring case), for "did you mean".</summary>
internal static class ClosestName
{
    public static string? Find(string name, IEnumerable<string> names)
    {
        // δ2 / delta2 is what textbooks call dZ2.
        string digits = new(name.Where(char.IsAsciiDigit).ToArray());
        if ((name.StartsWith('δ') || name.StartsWith("delta", StringComparison.OrdinalIgnoreCase)) && names.Contains("dZ" + digits))
        {
            return "dZ" + digits;
        }

        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (string candidate in names)
        {
            int d = EditDistance.Between(name.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (d < bestDistance)
            {
                best = candidate;
                bestDistance = d;
            }
        }

        return best;
    }
}
