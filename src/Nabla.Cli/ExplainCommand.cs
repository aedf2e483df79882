using System.CommandLine;
using Nabla.Explain;
using Nabla.Explain.Rendering;
using Nabla.Explain.Writing;
using Nabla.Numerics;
using Nabla.Specs;

namespace Nabla.Cli;

/// <summary>
/// `nabla explain SPEC [--steps N] [--format md|text|html|json] [--decimals D] [--notation default|by-unit] [-o FILE]`:
/// runs N training steps with a trace and writes them out as a worked solution.
/// </summary>
public static class ExplainCommand
{
    public static Command Create()
    {
        var spec = new Argument<FileInfo>("spec") { Description = "The spec (or model) file whose network to explain." };
        var steps = new Option<int>("--steps") { Description = "How many training steps to write out.", DefaultValueFactory = _ => 1 };
        var format = new Option<string>("--format", "-f") { Description = "md (Markdown + LaTeX), text (terminal), html (one file, MathML) or json (every quantity).", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("md", "text", "html", "json");
        var decimals = new Option<int>("--decimals") { Description = "Digits shown after the point (rounds what is shown, never what is computed).", DefaultValueFactory = _ => NumberFormat.DefaultDecimals };
        var notation = new Option<string>("--notation") { Description = "default (rows are examples, W is n_in × n_out) or by-unit (W·x: W is n_out × n_in).", DefaultValueFactory = _ => "default" };
        notation.AcceptOnlyFromAmong("default", "by-unit");
        var output = new Option<FileInfo?>("--output", "-o") { Description = "Write to this file instead of the terminal." };
        var command = new Command("explain", "Write out training steps the way a textbook does: every equation, value, gradient and update.")
        {
            spec, steps, format, decimals, notation, output,
        };
        command.SetAction(parse => Run(parse.GetValue(spec)!, parse.GetValue(steps), parse.GetValue(format)!, parse.GetValue(decimals), parse.GetValue(notation) == "by-unit", parse.GetValue(output)));
        return command;
    }

    public static int Run(FileInfo specFile, int steps, string format, int decimals, bool byUnit, FileInfo? output)
    {
        if (decimals is < 0 or > 15)
        {
            throw new NablaException($"--decimals must be between 0 and 15 (got {decimals}).");
        }

        var explanation = Explainer.Run(ModelFile.ReadWithData(specFile.FullName, "explain"), steps);
        string text = Render(explanation, format, decimals, byUnit);
        if (output is null)
        {
            Console.Out.Write(text);
        }
        else
        {
            AtomicFile.WriteAllText(output.FullName, text);
            Console.Error.WriteLine($"Explanation written to {output.FullName}");
        }

        return CommandRunner.Ok;
    }

    public static string Render(Explanation explanation, string format, int decimals, bool byUnit)
    {
        if (format == "json")
        {
            return ExplanationJson.Write(explanation);
        }

        var document = ExplanationDocument.Build(explanation, byUnit);
        return format switch
        {
            "md" => MarkdownRenderer.Render(document, decimals),
            "html" => HtmlRenderer.Render(document, decimals),
            _ => TextRenderer.Render(document, decimals),
        };
    }
}
