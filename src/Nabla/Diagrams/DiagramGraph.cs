using Nabla.Numerics;

namespace Nabla.Diagrams;

/// <summary>
/// The nodes and edges every diagram format draws, built once from a <see cref="NetworkShape"/>:
/// per column its units (a wide layer as its first units, "⋮" and its last unit), then the +1
/// node feeding the next layer; an edge per weight and per bias between the units shown.
/// </summary>
public sealed class DiagramGraph
{
    /// <summary>A column with more units than this is drawn as its first units, "⋮" and its last unit.</summary>
    public const int UnitLimit = 12;

    private DiagramGraph(NetworkShape shape, IReadOnlyList<IReadOnlyList<DiagramNode>> columns, IReadOnlyList<DiagramEdge> edges, bool labelled)
    {
        Shape = shape;
        Columns = columns;
        Edges = edges;
        Labelled = labelled;
    }

    /// <summary>The network the diagram draws.</summary>
    public NetworkShape Shape { get; }

    /// <summary>Column 0 is the inputs, column l is layer l; nodes top to bottom.</summary>
    public IReadOnlyList<IReadOnlyList<DiagramNode>> Columns { get; }

    /// <summary>Layer by layer, source by source (the bias last), target by target.</summary>
    public IReadOnlyList<DiagramEdge> Edges { get; }

    /// <summary>True when the edges carry their values as labels (weights known and shown, at most <see cref="NetworkShape.LabelledWeightLimit"/>).</summary>
    public bool Labelled { get; }

    /// <summary>Every node, column by column from the inputs to the outputs.</summary>
    public IEnumerable<DiagramNode> Nodes => Columns.SelectMany(c => c);

    /// <param name="showWeights">False to leave every value out (the architecture only).</param>
    public static DiagramGraph Build(NetworkShape shape, bool showWeights = true)
    {
        var columns = new List<IReadOnlyList<DiagramNode>>();
        for (int c = 0; c <= shape.Layers.Count; c++)
        {
            var kind = c == 0 ? NodeKind.Input : c == shape.Layers.Count ? NodeKind.Output : NodeKind.Hidden;
            var nodes = Shown(shape.UnitsIn(c)).Select(u => u < 0 ? new DiagramNode(NodeKind.Ellipsis, c, -1) : new DiagramNode(kind, c, u)).ToList();
            if (c < shape.Layers.Count && shape.Layers[c].HasBias)
            {
                nodes.Add(new DiagramNode(NodeKind.Bias, c, -1));
            }

            columns.Add(nodes);
        }

        var edges = new List<DiagramEdge>();
        for (int l = 1; l <= shape.Layers.Count; l++)
        {
            var layer = shape.Layers[l - 1];
            foreach (var from in columns[l - 1].Where(n => n.Kind != NodeKind.Ellipsis))
            {
                foreach (var to in columns[l].Where(n => n.IsUnit))
                {
                    double? value = !showWeights ? null
                        : from.Kind == NodeKind.Bias ? layer.Bias?[to.Unit] ?? 0
                        : layer.Weights?[from.Unit][to.Unit];
                    edges.Add(new DiagramEdge(from, to, value));
                }
            }
        }

        bool labelled = showWeights && shape.HasWeights && shape.WeightCount <= NetworkShape.LabelledWeightLimit;
        return new DiagramGraph(shape, columns, edges, labelled);
    }

    /// <summary>The units a column shows, from 0; −1 stands for "⋮".</summary>
    public static IReadOnlyList<int> Shown(int units) => units <= UnitLimit
        ? Enumerable.Range(0, units).ToList()
        : [.. Enumerable.Range(0, UnitLimit - 2), -1, units - 1];

    /// <summary>"inputs" or "layer 2"; with the unit count when some units are left out.</summary>
    public string Title(int column)
    {
        string title = column == 0 ? "inputs" : $"layer {column}";
        int units = Shape.UnitsIn(column);
        return units > UnitLimit ? $"{title} ({units} units)" : title;
    }

    /// <summary>A value as edge labels show it: 3 decimals, small values 3 significant digits.</summary>
    public static string Format(double value) => NumberFormat.Format(value, 3);
}
