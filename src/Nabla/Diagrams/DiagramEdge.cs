namespace Nabla.Diagrams;

/// <summary>
/// One edge: a weight (from a unit) or a bias (from a +1 node). <paramref name="Value"/> is null
/// when the weight is unknown or not to be shown.
/// </summary>
public sealed record DiagramEdge(DiagramNode From, DiagramNode To, double? Value)
{
    /// <summary>True for an edge from a bias node (its value is the unit's bias b, not a weight).</summary>
    public bool IsBias => From.Kind == NodeKind.Bias;

    /// <summary>The parameter this edge carries: w₁₂⁽¹⁾ (from input 1 to unit 2 of layer 1), w₁,₁₂⁽¹⁾, b₂⁽¹⁾.</summary>
    public string Parameter
    {
        get
        {
            string layer = "⁽" + DiagramNode.Sup(To.Column) + "⁾";
            if (IsBias)
            {
                return "b" + DiagramNode.Sub(To.Unit + 1) + layer;
            }

            string i = DiagramNode.Sub(From.Unit + 1), j = DiagramNode.Sub(To.Unit + 1);
            return "w" + i + (i.Length > 1 || j.Length > 1 ? "," : "") + j + layer;
        }
    }
}
