using System.CommandLine;
using Nabla.Exercises;

namespace Nabla.Cli;

/// <summary>
/// `nabla exercise TEMPLATE [--students roster.csv | --count N] [--seed S] [--ask forward,loss,backward,update]
/// [--steps K] [--decimals D] [--notation default|by-unit] [--pdf] -o DIR`: one variant of a hand exercise per student,
/// with its problem sheet, worked solution, answer key and blank answer file, and an index of the class.
/// </summary>
public static class ExerciseCommand
{
    public static Command Create()
    {
        var template = new Argument<string>("template") { Description = $"A spec file, or a named template: {string.Join(", ", SeedTemplates.Names)}." };
        var students = new Option<FileInfo?>("--students") { Description = "A roster CSV with an \"id\" (or \"name\") column: one variant per student." };
        var count = new Option<int?>("--count") { Description = "N numbered variants (01 … N) instead of a roster." };
        var seed = new Option<ulong>("--seed") { Description = "The seed the variants are drawn from (the same seed, roster and template give the same files).", DefaultValueFactory = _ => 1 };
        var ask = new Option<string>("--ask") { Description = "The parts of each step asked for: some of forward, loss, backward, update.", DefaultValueFactory = _ => "forward,loss,backward,update" };
        var steps = new Option<int>("--steps") { Description = $"How many training steps the exercise follows (1 to {ExerciseOptions.MaxSteps}).", DefaultValueFactory = _ => 1 };
        var decimals = new Option<int>("--decimals") { Description = "The decimals answers are asked to.", DefaultValueFactory = _ => 4 };
        var notation = new Option<string>("--notation") { Description = "default (rows are examples, W is n_in × n_out) or by-unit (W·x: W is n_out × n_in).", DefaultValueFactory = _ => "default" };
        notation.AcceptOnlyFromAmong("default", "by-unit");
        var pdf = new Option<bool>("--pdf") { Description = "Also print each sheet and worked solution to sheet.pdf and solution.pdf, with Chromium's headless print (NABLA_CHROMIUM, or chromium on the PATH)." };
        var output = new Option<DirectoryInfo>("--output", "-o") { Description = "The class folder to write (new, empty, or an earlier class's, which is replaced).", Required = true };
        var command = new Command("exercise", "Write a variant of a hand exercise per student: problem sheet, worked solution, answer key, blank answer file; and an index of the class.")
        {
            template, students, count, seed, ask, steps, decimals, notation, pdf, output,
        };
        command.SetAction(parse => Run(
            parse.GetValue(template)!, parse.GetValue(students), parse.GetValue(count),
            new ExerciseOptions(parse.GetValue(seed), Questions.Parse(parse.GetValue(ask)!), parse.GetValue(steps), parse.GetValue(decimals), parse.GetValue(notation) == "by-unit"),
            parse.GetValue(output)!, parse.GetValue(pdf)));
        return command;
    }

    public static int Run(string template, FileInfo? rosterFile, int? count, ExerciseOptions options, DirectoryInfo output, bool pdf = false)
    {
        if (rosterFile is not null && count is not null)
        {
            throw new NablaException("give either --students or --count, not both.");
        }

        options.Validate();
        string? browser = pdf ? PdfPrinter.FindBrowser() : null;
        var students = rosterFile is not null ? Roster.Read(rosterFile.FullName) : Roster.Numbered(count ?? 1);
        var exercise = ExerciseClass.Create(ExerciseTemplate.Load(template), students, options);
        exercise.WriteTo(output.FullName, browser is null ? null : folder =>
        {
            foreach (var v in exercise.Variants)
            {
                string dir = Path.Combine(folder, v.Student.Folder);
                PdfPrinter.Print(browser, Path.Combine(dir, ExerciseClass.Files.SheetHtml), Path.Combine(dir, ExerciseClass.Files.SheetPdf));
                PdfPrinter.Print(browser, Path.Combine(dir, ExerciseClass.Files.SolutionHtml), Path.Combine(dir, ExerciseClass.Files.SolutionPdf));
            }
        }, pdfSheets: browser is not null);
        Console.Error.WriteLine($"{exercise.Variants.Count} variant{(exercise.Variants.Count == 1 ? "" : "s")} of {exercise.Template.Name} written to {output.FullName} (open {Path.Combine(output.FullName, ExerciseClass.Files.IndexHtml)}).");
        return CommandRunner.Ok;
    }
}
