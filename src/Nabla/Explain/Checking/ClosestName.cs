namespace Nabla.Explain.Checking;

/// <summary>The valid name nearest to a mistyped one (edit distance, ignoring case), for "did you mean".</summary>
public static class ClosestName
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
            int d = Distance(name.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (d < bestDistance)
            {
                best = candidate;
                bestDistance = d;
            }
        }

        return best;
    }

    /// <summary>Levenshtein distance: the fewest insertions, deletions and substitutions from a to b.</summary>
    public static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        var current = new int[b.Length + 1];
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int substitute = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitute, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
