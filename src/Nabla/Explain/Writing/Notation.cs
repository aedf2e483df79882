using Nabla.Explain.Documents;
using Nabla.Tensors;

namespace Nabla.Explain.Writing;

/// <summary>
/// Short factories for the math an explanation writes, and the two layouts it can show:
/// the default (rows are examples, W is n_in × n_out, Z = X·W + b) and by-unit
/// (the W·x notation of several textbooks: every matrix transposed, W is n_out × n_in).
/// </summary>
public sealed class Notation(bool byUnit)
{
    internal bool ByUnit { get; } = byUnit;

    internal static Operator Op(string symbol) => new(symbol);

    internal static Number Num(double value) => new(value);

    internal static Word Text(string text) => new(text);

    internal static Row Seq(params MathNode[] items) => new(items);

    /// <summary>A number as a term after an operator: negative numbers in parentheses.</summary>
    public static MathNode Term(double value) => value < 0 ? new Fenced(Num(value)) : Num(value);

    /// <summary>A quantity of layer l, e.g. Z⁽¹⁾ or w₁₂⁽²⁾.</summary>
    public static Symbol Layer(string name, int l, string? sub = null) => new(name, sub, $"({l})");

    /// <summary>∂top/∂bottom.</summary>
    public static Fraction Partial(MathNode top, MathNode bottom) =>
        new(Seq(Op("∂"), top), Seq(Op("∂"), bottom));

    /// <summary>a = b = c …, with the operator between every pair.</summary>
    public static Row Chain(string op, params MathNode[] parts)
    {
        var items = new List<MathNode>();
        for (int i = 0; i < parts.Length; i++)
        {
            if (i > 0)
            {
                items.Add(Op(op));
            }

            items.Add(parts[i]);
        }

        return new Row(items);
    }

    /// <summary>The subscript for weight w from input i to unit j (1-based) in this layout.</summary>
    public string WeightIndex(int i, int j) => ByUnit ? $"{j}{i}" : $"{i}{j}";

    /// <summary>A matrix in this layout (transposed for by-unit).</summary>
    public MatrixNode Show(Matrix<double> m) => ByUnit ? Transposed(m) : Plain(m);

    /// <summary>A matrix exactly as stored.</summary>
    public static MatrixNode Plain(Matrix<double> m) =>
        new(Enumerable.Range(0, m.Rows).Select(r => (IReadOnlyList<MathNode>)Enumerable.Range(0, m.Cols).Select(c => (MathNode)Num(m[r, c])).ToList()).ToList());

    internal static MatrixNode Transposed(Matrix<double> m) =>
        new(Enumerable.Range(0, m.Cols).Select(c => (IReadOnlyList<MathNode>)Enumerable.Range(0, m.Rows).Select(r => (MathNode)Num(m[r, c])).ToList()).ToList());

    /// <summary>A matrix symbol, with its layer as a superscript when given: Z⁽¹⁾, X.</summary>
    public static MathNode Big(string name, int? l = null) =>
        l is null ? new Symbol(name) : new Symbol(name, null, $"({l})");

    internal static Inline T(string text) => new TextRun(text);

    internal static Inline M(MathNode math) => new InlineMath(math);

    internal static Paragraph Para(params Inline[] content) => new(content);
}
