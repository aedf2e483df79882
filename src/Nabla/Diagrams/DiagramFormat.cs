namespace Nabla.Diagrams;

/// <summary>The diagram formats by name, and which one a file name asks for.</summary>
public static class DiagramFormat
{
    /// <summary>The formats `nabla diagram --format` takes.</summary>
    public static readonly IReadOnlyList<string> Names = ["svg", "mermaid", "dot", "text"];

    /// <summary>svg, mermaid, dot or text from .svg, .mmd/.mermaid, .dot/.gv or .txt; null for any other extension.</summary>
    public static string? FromExtension(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".svg" => "svg",
        ".mmd" or ".mermaid" => "mermaid",
        ".dot" or ".gv" => "dot",
        ".txt" => "text",
        _ => null,
    };

    /// <summary>The diagram of <paramref name="shape"/> in <paramref name="format"/> (one of <see cref="Names"/>), with each edge's weight when <paramref name="showWeights"/>.</summary>
    public static string Write(NetworkShape shape, string format, bool showWeights)
    {
        var graph = DiagramGraph.Build(shape, showWeights);
        return format switch
        {
            "svg" => SvgDiagram.Write(graph) + "\n",
            "mermaid" => MermaidDiagram.Write(graph),
            "dot" => DotDiagram.Write(graph),
            "text" => TextDiagram.Write(graph),
            _ => throw new NablaException($"Unknown diagram format \"{format}\". Fix: use one of {string.Join(", ", Names)}."),
        };
    }
}
