using System.CommandLine;
using Nabla.Exercises.Grading;
using Nabla.Specs;

namespace Nabla.Cli;

/// <summary>
/// `nabla grade DIR SUBMISSIONS [-o REPORT]`: marks a class's answer files (one per student, named by
/// id) against the class folder `nabla exercise` wrote; writes marks.csv, summary.html and summary.md.
/// </summary>
public static class GradeCommand
{
    public static Command Create()
    {
        var dir = new Argument<DirectoryInfo>("dir") { Description = "The class folder `nabla exercise -o` wrote." };
        var submissions = new Argument<DirectoryInfo>("submissions") { Description = "The folder of answer files, one per student, named by the student's id (s17.txt, s17.answers)." };
        var output = new Option<DirectoryInfo>("--output", "-o") { Description = "The folder for marks.csv, summary.html and summary.md.", DefaultValueFactory = _ => new DirectoryInfo("grades") };
        var command = new Command("grade", "Mark a class's hand calculations: each as `nabla check` does; marks per student and quantity, the scores and the most frequent slips.")
        {
            dir, submissions, output,
        };
        command.SetAction(parse => Run(parse.GetValue(dir)!, parse.GetValue(submissions)!, parse.GetValue(output)!));
        return command;
    }

    public static int Run(DirectoryInfo dir, DirectoryInfo submissions, DirectoryInfo output)
    {
        var grade = ClassGrader.Grade(dir.FullName, submissions.FullName);
        string report = output.FullName;
        AtomicFile.WriteAllText(Path.Combine(report, "marks.csv"), MarksCsv.Write(grade));
        AtomicFile.WriteAllText(Path.Combine(report, "summary.md"), ClassSummary.Markdown(grade, report));
        AtomicFile.WriteAllText(Path.Combine(report, "summary.html"), ClassSummary.Html(grade, report));

        var marked = grade.Marked;
        Console.Out.WriteLine($"{marked.Count} of {grade.Students.Count} students marked" +
            (marked.Count == 0 ? "." : $", mean score {marked.Average(s => s.Score):0}%."));
        foreach (var (slip, students) in grade.SlipsByFrequency.Take(5))
        {
            Console.Out.WriteLine($"  {slip}: {students.Count} student{(students.Count == 1 ? "" : "s")}");
        }

        foreach (var s in grade.Students.Where(s => s.Problem is not null))
        {
            Console.Out.WriteLine($"  {s.Student.Id}: {(s.Submission is null ? "no submission" : $"unreadable ({s.Problem})")}");
        }

        foreach (var (file, why) in grade.Unknown)
        {
            Console.Out.WriteLine($"  {file}: {why}");
        }

        Console.Error.WriteLine($"Marks written to {Path.Combine(report, "marks.csv")}, the summary to {Path.Combine(report, "summary.html")}");
        return CommandRunner.Ok;
    }
}
