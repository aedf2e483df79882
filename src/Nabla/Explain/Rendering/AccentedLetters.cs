using System.Text;

namespace Nabla.Explain.Rendering;

/// <summary>
/// Precomposed accented letters split into letter + combining mark (ŷ → y + U+0302), so LaTeX
/// can write \hat{y} and MathML an accent over an italic y. (string.Normalize does not decompose
/// under invariant globalization, hence the table.)
/// </summary>
internal static class AccentedLetters
{
    // Each line: the accented letters, their plain letters in the same order, the combining mark.
    private static readonly Dictionary<char, string> Precomposed = Table(
        ("âêîôûŷẑĉĝĥĵŝŵÂŶẐŴ", "aeiouyzcghjswAYZW", '\u0302'),
        ("āēīōūȳ", "aeiouy", '\u0304'),
        ("ãñõỹ", "anoy", '\u0303'),
        ("ẋẏż", "xyz", '\u0307'));

    /// <summary>The text with every known precomposed letter split into letter + combining mark.</summary>
    public static string Decompose(string text)
    {
        if (!text.Any(Precomposed.ContainsKey))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 4);
        foreach (char c in text)
        {
            builder.Append(Precomposed.TryGetValue(c, out string? split) ? split : c.ToString());
        }

        return builder.ToString();
    }

    private static Dictionary<char, string> Table(params (string Accented, string Plain, char Mark)[] rows)
    {
        var map = new Dictionary<char, string>();
        foreach ((string accented, string plain, char mark) in rows)
        {
            for (int i = 0; i < accented.Length; i++)
            {
                map[accented[i]] = plain[i].ToString() + mark;
            }
        }

        return map;
    }
}
