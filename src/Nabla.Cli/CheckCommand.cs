using System.CommandLine;
using Nabla.Explain.Checking;
using Nabla.Specs;
using Spectre.Console;

namespace Nabla.Cli;

/// <summary>
/// `nabla check SPEC ANSWERS`: a learner's hand calculation against the real trainer's step.
/// Exit codes: 0 every value right, 3 some wrong, 1 a problem with the input.
/// </summary>
public static class CheckCommand
{
    public const int SomeWrong = 3;

    public static Command Create()
    {
        var spec = new Argument<FileInfo>("spec") { Description = "The spec file (network, data, training settings) the calculation is about." };
        var answers = new Argument<FileInfo>("answers")
        {
            Description = "Your values, one per line: \"A2 = 0.752, 0.770\", \"dW1[2,1] = 0.0883\", \"loss = 0.090\"; '#' comments; \"notation = by-unit\" for the W·x layout.",
        };
        var command = new Command("check", "Check a hand calculation of a training step: right or wrong at the precision written, the likely slip, and what inherited it.")
        {
            spec, answers,
        };
        command.SetAction(parse => Run(parse.GetValue(spec)!, parse.GetValue(answers)!));
        return command;
    }

    public static int Run(FileInfo specFile, FileInfo answersFile)
    {
        var spec = ModelFile.ReadWithData(specFile.FullName, "check");
        var answers = AnswerFile.Read(answersFile.FullName);
        var report = AnswerChecker.Check(spec, answers);
        Write(report, CommandRunner.Out);
        return report.AllRight ? CommandRunner.Ok : SomeWrong;
    }

    public static void Write(CheckReport report, IAnsiConsole console)
    {
        bool manySteps = report.Values.Any(v => v.Step != 1);
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn("line");
        if (manySteps)
        {
            table.AddColumn("step");
        }

        table.AddColumns("value", "yours", "right", "", "why");
        foreach (var v in report.Values)
        {
            var cells = new List<string> { v.Line.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            if (manySteps)
            {
                cells.Add(v.Step.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            cells.AddRange([
                Markup.Escape(v.Label),
                Markup.Escape(v.Written.Text),
                Markup.Escape(v.RightText),
                v.Right ? "[green]✓[/]" : "[red]✗[/]",
                Markup.Escape(v.Why),
            ]);
            table.AddRow(cells.ToArray());
        }

        console.Write(table);
        console.WriteLine(report.Summary);
        var roots = report.RootErrors;
        if (roots.Count == 0)
        {
            return;
        }

        console.WriteLine();
        console.WriteLine(roots.Count == 1 ? "The root error:" : "The root errors:");
        foreach (var group in roots.GroupBy(r => (r.Line, r.Diagnosis?.Title)))
        {
            var first = group.First();
            string labels = group.Count() <= 3
                ? string.Join(", ", group.Select(r => r.Label))
                : $"{first.Label} … {group.Last().Label} ({group.Count()} values)";
            console.MarkupLine($"  [red]✗[/] {Markup.Escape($"{labels}, line {group.Key.Line}: {group.Key.Title}")}");
            console.WriteLine($"    {(group.Count() > 1 ? $"{first.Label}: " : "")}{first.Diagnosis?.Explanation}");
            var heirs = group.SelectMany(report.Inheritors).Distinct().ToList();
            if (heirs.Count > 0)
            {
                console.WriteLine($"    inherited by: {string.Join(", ", heirs.Select(h => $"{h.Label} (line {h.Line})"))}");
            }
        }
    }
}
