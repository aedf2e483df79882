namespace Nabla.Diagrams;

/// <summary>
/// One node of a network diagram, in column <paramref name="Column"/> (0 = inputs, l = layer l).
/// <paramref name="Unit"/> counts from 0; a bias node belongs to the layer of column + 1.
/// </summary>
public sealed record DiagramNode(NodeKind Kind, int Column, int Unit)
{
    /// <summary>An identifier for Mermaid and DOT: x1, h1_2 (layer 1, unit 2), y1, b1 (bias of layer 1), h1_more.</summary>
    public string Id => Kind switch
    {
        NodeKind.Input => $"x{Unit + 1}",
        NodeKind.Hidden => $"h{Column}_{Unit + 1}",
        NodeKind.Output => $"y{Unit + 1}",
        NodeKind.Bias => $"b{Column + 1}",
        _ => Column == 0 ? "x_more" : $"h{Column}_more",
    };

    /// <summary>The textbook name: x₁, a₂⁽¹⁾, ŷ₁, +1, ⋮.</summary>
    public string Label => Kind switch
    {
        NodeKind.Input => "x" + Sub(Unit + 1),
        NodeKind.Hidden => "a" + Sub(Unit + 1) + "⁽" + Sup(Column) + "⁾",
        NodeKind.Output => "ŷ" + Sub(Unit + 1),
        NodeKind.Bias => "+1",
        _ => "⋮",
    };

    /// <summary>The name in plain digits, for a text sketch: x1, a2(1), ŷ1, +1, ⋮.</summary>
    public string PlainLabel => Kind switch
    {
        NodeKind.Input => $"x{Unit + 1}",
        NodeKind.Hidden => $"a{Unit + 1}({Column})",
        NodeKind.Output => $"ŷ{Unit + 1}",
        NodeKind.Bias => "+1",
        _ => "⋮",
    };

    /// <summary>True for an input, hidden or output unit (false for a bias node).</summary>
    public bool IsUnit => Kind is NodeKind.Input or NodeKind.Hidden or NodeKind.Output;

    /// <summary>n in subscript digits.</summary>
    public static string Sub(int n) => string.Concat(n.ToString(System.Globalization.CultureInfo.InvariantCulture).Select(d => (char)('₀' + (d - '0'))));

    /// <summary>n in superscript digits.</summary>
    public static string Sup(int n) => string.Concat(n.ToString(System.Globalization.CultureInfo.InvariantCulture).Select(d => "⁰¹²³⁴⁵⁶⁷⁸⁹"[d - '0']));
}
