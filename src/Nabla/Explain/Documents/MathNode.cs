namespace Nabla.Explain.Documents;

/// <summary>
/// A piece of mathematics, independent of how it is drawn: the explanation is built once
/// from these nodes and rendered as LaTeX (Markdown), Unicode (terminal) or MathML (HTML).
/// </summary>
public abstract record MathNode;

/// <summary>An italic symbol with optional subscript and superscript text: z with sub "1" and sup "(2)" is z₁⁽²⁾.</summary>
public sealed record Symbol(string Name, string? Sub = null, string? Sup = null) : MathNode;

/// <summary>A number, shown rounded to the renderer's decimals (negative numbers keep their sign).</summary>
public sealed record Number(double Value) : MathNode;

/// <summary>Upright text inside math: a function name (σ, softmax, log) or a word.</summary>
public sealed record Word(string Text) : MathNode;

/// <summary>An operator or punctuation: + − = · ⊙ ≈ × ← , ( ) Σ ∂ ᵀ.</summary>
public sealed record Operator(string Symbol) : MathNode;

/// <summary>Nodes side by side.</summary>
public sealed record Row(IReadOnlyList<MathNode> Items) : MathNode
{
    /// <summary><paramref name="items"/> side by side, left to right.</summary>
    public Row(params MathNode[] items)
        : this((IReadOnlyList<MathNode>)items)
    {
    }
}

/// <summary>A stacked fraction.</summary>
public sealed record Fraction(MathNode Numerator, MathNode Denominator) : MathNode;

/// <summary>A base with a subscript and/or superscript that are themselves math (e^{−z}, Xᵀ, Σ over i).</summary>
public sealed record Scripts(MathNode Base, MathNode? Sub, MathNode? Sup) : MathNode;

/// <summary>Brackets around content that may be tall: ( … ), [ … ].</summary>
public sealed record Fenced(MathNode Inner, string Open = "(", string Close = ")") : MathNode;

/// <summary>A matrix in square brackets; cells are row-major.</summary>
public sealed record MatrixNode(IReadOnlyList<IReadOnlyList<MathNode>> Cells) : MathNode;
