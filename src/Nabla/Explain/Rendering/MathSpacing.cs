using Nabla.Explain.Documents;

namespace Nabla.Explain.Rendering;

/// <summary>
/// Where plain-text math puts spaces inside a row: around binary operators and relations
/// (a + b = c) but not after a unary minus (−z), after commas, and between pieces that would
/// otherwise run together (two fractions, a word and a symbol).
/// </summary>
internal static class MathSpacing
{
    private static readonly HashSet<string> Binary = new(StringComparer.Ordinal)
    {
        "=", "+", "−", "-", "·", "⋅", "⊙", "⊘", "×", "÷", "≈", "←", "→", "⇒", "↦", "≤", "≥", "<", ">", "≠", "≡", "∝", "∈", "±", "∘", "⊗", ":=", "≔",
    };

    private static readonly HashSet<string> Postfix = new(StringComparer.Ordinal) { "ᵀ", "′", "″", "!" };

    private static readonly HashSet<string> Closing = new(StringComparer.Ordinal) { ")", "]", "}", "⟩" };

    /// <summary>For each item, whether a space goes before it (never before the first).</summary>
    public static bool[] SpacesBefore(IReadOnlyList<MathNode> items)
    {
        var spaces = new bool[items.Count];
        for (int i = 1; i < items.Count; i++)
        {
            MathNode left = items[i - 1];
            MathNode right = items[i];
            bool afterLeft = left is Operator l && (l.Symbol is "," or ";" || (Binary.Contains(l.Symbol) && !IsUnary(items, i - 1)));
            bool beforeRight = right is Operator r && Binary.Contains(r.Symbol) && !IsUnary(items, i);
            bool between = left is not Operator && right is not Operator && Apart(left, right);
            spaces[i] = afterLeft || beforeRight || between;
        }

        return spaces;
    }

    /// <summary>A sign with nothing to its left to subtract from: −z, (−1), = −0.5.</summary>
    private static bool IsUnary(IReadOnlyList<MathNode> items, int index) =>
        items[index] is Operator { Symbol: "−" or "-" or "+" or "±" }
        && (index == 0 || (items[index - 1] is Operator previous && !Postfix.Contains(previous.Symbol) && !Closing.Contains(previous.Symbol)));

    private static bool Apart(MathNode left, MathNode right)
    {
        if (left is Fraction or MatrixNode || right is Fraction or MatrixNode || (left is Number && right is Number))
        {
            return true;
        }

        // softmax(z) stays together; softmax z and "x for all" do not.
        bool wordLeft = left is Word { Text.Length: > 1 };
        bool wordRight = right is Word { Text.Length: > 1 };
        return (wordLeft && right is not Fenced) || wordRight;
    }
}
