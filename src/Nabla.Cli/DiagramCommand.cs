using System.CommandLine;
using Nabla.Diagrams;
using Nabla.Specs;

namespace Nabla.Cli;

/// <summary>
/// `nabla diagram SPEC [-o FILE] [--format svg|mermaid|dot|text] [--no-weights]`: draws the
/// network (inputs, units, bias nodes, weights on the edges) of a spec or model file.
/// </summary>
public static class DiagramCommand
{
    public static Command Create()
    {
        var spec = new Argument<FileInfo>("spec") { Description = "The spec or model file whose network to draw." };
        var format = new Option<string?>("--format", "-f") { Description = "svg, mermaid, dot (Graphviz) or text. Default: from -o's extension (.svg, .mmd, .dot/.gv, .txt), else svg." };
        format.AcceptOnlyFromAmong([.. DiagramFormat.Names]);
        var noWeights = new Option<bool>("--no-weights") { Description = "Draw the architecture only, without the values of weights and biases." };
        var output = new Option<FileInfo?>("--output", "-o") { Description = "Write to this file instead of the terminal." };
        var command = new Command("diagram", "Draw the network: inputs, hidden units, outputs and bias nodes, with the weights on the edges.")
        {
            spec, output, format, noWeights,
        };
        command.SetAction(parse => Run(parse.GetValue(spec)!, parse.GetValue(format), parse.GetValue(noWeights), parse.GetValue(output)));
        return command;
    }

    public static int Run(FileInfo specFile, string? format, bool noWeights, FileInfo? output)
    {
        format ??= output is null ? "svg" : ChooseFormat(output.Name);
        var shape = NetworkShape.FromSpec(ModelFile.Read(specFile.FullName));
        string text = DiagramFormat.Write(shape, format, showWeights: !noWeights);
        if (output is null)
        {
            Console.Out.Write(text.EndsWith('\n') ? text : text + "\n");
        }
        else
        {
            AtomicFile.WriteAllText(output.FullName, text);
            Console.Error.WriteLine($"Diagram ({format}) written to {output.FullName}");
        }

        return CommandRunner.Ok;
    }

    /// <summary>The format -o's extension asks for; svg without an extension.</summary>
    private static string ChooseFormat(string file) =>
        DiagramFormat.FromExtension(file)
        ?? (Path.GetExtension(file).Length == 0 ? "svg"
            : throw new NablaException($"{file}: cannot tell the diagram format from the extension \"{Path.GetExtension(file)}\". Fix: name the file .svg, .mmd, .dot or .txt, or give --format svg|mermaid|dot|text."));
}
