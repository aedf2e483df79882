using System.Text;

namespace Nabla.Explain.Rendering;

/// <summary>
/// Subscripts and superscripts for plain text: Unicode script characters when every character
/// has a common one (z₁⁽²⁾, Wᵀ, e⁻¹), otherwise "_" and "^" with parentheses (e^(−z), x_(yz)).
/// Only characters that ordinary terminal fonts draw are used.
/// </summary>
internal static class UnicodeScripts
{
    private static readonly Dictionary<char, char> Sub = Pairs(
        "0123456789+−-=()aehijklmnoprstuvx,",
        "₀₁₂₃₄₅₆₇₈₉₊₋₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ,");

    private static readonly Dictionary<char, char> Sup = Pairs(
        "0123456789+−-=()ijklmnLTᵀ′″,",
        "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻⁼⁽⁾ⁱʲᵏˡᵐⁿᴸᵀᵀ′″,");

    /// <summary>The base with its scripts attached: sub first, then sup.</summary>
    public static string Attach(string text, string? sub, string? sup) => text + Subscript(sub) + Superscript(sup);

    public static string Subscript(string? script) => Convert(script, Sub, "_");

    public static string Superscript(string? script) => Convert(script, Sup, "^");

    private static string Convert(string? script, Dictionary<char, char> map, string mark)
    {
        if (string.IsNullOrEmpty(script))
        {
            return "";
        }

        if (script.All(map.ContainsKey))
        {
            var builder = new StringBuilder(script.Length);
            foreach (char c in script)
            {
                builder.Append(map[c]);
            }

            return builder.ToString();
        }

        bool single = TextBox.WidthOf(script) == 1;
        bool wrapped = script.StartsWith('(') && script.EndsWith(')');
        return mark + (single || wrapped ? script : "(" + script + ")");
    }

    private static Dictionary<char, char> Pairs(string from, string to)
    {
        var map = new Dictionary<char, char>();
        for (int i = 0; i < from.Length; i++)
        {
            map[from[i]] = to[i];
        }

        return map;
    }
}
