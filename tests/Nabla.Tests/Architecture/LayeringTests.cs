using System.Text.RegularExpressions;
using NetArchTest.Rules;

namespace Nabla.Tests.Architecture;

/// <summary>
/// The folders of src/Nabla stack with no loops: a type may use types of its own layer and of
/// the layers below it, never of a layer above. Bottom to top:
/// NablaException &lt; Numerics &lt; Tensors &lt; Activations &lt; Losses &lt; Layers &lt; Network &lt; Optimizers
/// &lt; Textbook &lt; Data &lt; Training &lt; Gradients &lt; Specs &lt; App &lt; Diagrams &lt; Explain &lt; Exercises &lt; Onnx &lt; Models.
/// The root namespace holds layers of one type each: NablaException (used everywhere, at the bottom),
/// Network, and the textbook step (above the optimizers, whose update rules it applies).
/// Diagrams sits above App because a diagram of a spec draws its seeded initial weights
/// (ModelBuilder), and Explain above Diagrams because an explanation draws the network.
/// Exercises (a class's variants of a hand exercise, and their marking) sit on Explain, whose worked solutions and checks they use.
/// Onnx exports a model file's network (built through App). Models (a network built in code trained, evaluated, saved, loaded) sits on top: it saves through Specs and App.
/// </summary>
public class LayeringTests
{
    private static readonly System.Reflection.Assembly Library = typeof(NablaException).Assembly;

    /// <summary>Each layer: its name and its namespace (with those under it), or the full name of its one type in the root namespace.</summary>
    private static readonly (string Name, string Layer)[] Layers =
    [
        ("NablaException", "Nabla.NablaException"),
        ("Numerics", "Nabla.Numerics"),
        ("Tensors", "Nabla.Tensors"),
        ("Activations", "Nabla.Activations"),
        ("Losses", "Nabla.Losses"),
        ("Layers", "Nabla.Layers"),
        ("Network", "Nabla.Network`1"),
        ("Optimizers", "Nabla.Optimizers"),
        ("TextbookStep", "Nabla.TextbookStep`1"),
        ("Textbook", "Nabla.Textbook"),
        ("Data", "Nabla.Data"),
        ("Training", "Nabla.Training"),
        ("Gradients", "Nabla.Gradients"),
        ("Specs", "Nabla.Specs"),
        ("App", "Nabla.App"),
        ("Diagrams", "Nabla.Diagrams"),
        ("Explain", "Nabla.Explain"),
        ("Exercises", "Nabla.Exercises"),
        ("Onnx", "Nabla.Onnx"),
        ("Models", "Nabla.Models"),
    ];

    /// <summary>The types of a layer: a namespace and those under it ("Nabla.Explain"), or one type of the root namespace ("Nabla.Network`1").</summary>
    private static PredicateList TypesOf(string layer) => Library.GetType(layer) is { } type
        ? Types.InAssembly(Library).That().ResideInNamespaceMatching("^Nabla$").And().HaveNameStartingWith(type.Name)
        : Types.InAssembly(Library).That().ResideInNamespaceMatching($"^{Regex.Escape(layer)}(\\..+)?$");

    public static TheoryData<int> LayerIndices() => [.. Enumerable.Range(0, Layers.Length)];

    [Theory]
    [MemberData(nameof(LayerIndices))]
    public void No_layer_uses_a_layer_above_it(int index)
    {
        var (name, layer) = Layers[index];
        string[] above = [.. Layers.Skip(index + 1).Select(l => l.Layer)];
        if (above.Length == 0)
        {
            return;
        }

        var result = TypesOf(layer).ShouldNot().HaveDependencyOnAny(above).GetResult();

        Assert.True(result.IsSuccessful,
            $"{name} uses a layer above it: {string.Join(", ", (result.FailingTypes ?? []).Select(t => t.FullName))}");
    }

    [Fact]
    public void Every_type_of_the_library_belongs_to_a_layer()
    {
        var loose = Library.GetTypes()
            .Where(t => t.FullName is { } n && n.StartsWith("Nabla", StringComparison.Ordinal) && !Layers.Any(l => n == l.Layer || n.StartsWith(l.Layer + (Library.GetType(l.Layer) is null ? "." : "+"), StringComparison.Ordinal)))
            .Select(t => t.FullName)
            .ToList();

        Assert.True(loose.Count == 0, $"types outside every layer (add their folder to the list in order): {string.Join(", ", loose)}");
    }

    [Fact]
    public void The_rule_sees_dependencies()
    {
        // Training does use Network, Explain Diagrams, Specs NablaException: were the rule blind (a name that matches nothing), these would pass.
        Assert.False(TypesOf("Nabla.Training").ShouldNot().HaveDependencyOnAny("Nabla.Network`1").GetResult().IsSuccessful);
        Assert.False(TypesOf("Nabla.Explain").ShouldNot().HaveDependencyOnAny("Nabla.Diagrams").GetResult().IsSuccessful);
        Assert.False(TypesOf("Nabla.Specs").ShouldNot().HaveDependencyOnAny("Nabla.NablaException").GetResult().IsSuccessful);
    }

    [Fact]
    public void The_library_knows_no_console_plots_or_command_line()
    {
        string[] frontEnds = ["Spectre.Console", "ScottPlot", "System.CommandLine"];
        var result = Types.InAssembly(Library).ShouldNot().HaveDependencyOnAny(frontEnds).GetResult();

        Assert.True(result.IsSuccessful, $"uses a front end's library: {string.Join(", ", (result.FailingTypes ?? []).Select(t => t.FullName))}");
        Assert.DoesNotContain(Library.GetReferencedAssemblies(), a => frontEnds.Any(f => a.Name!.StartsWith(f, StringComparison.Ordinal)));
    }
}
