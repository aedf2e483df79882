using System.Globalization;
using System.Text;

namespace Nabla.Exercises.Grading;

/// <summary>
/// The marks as CSV, one row per student and quantity:
/// <c>student,name,variant,step,quantity,mark,slip</c>, mark one of right, wrong, inherited,
/// unanswered, missing, unreadable; slip the likely slips of a wrong one ("; " between two).
/// </summary>
public static class MarksCsv
{
    /// <summary>The header row's columns.</summary>
    public const string Header = "student,name,variant,step,quantity,mark,slip";

    /// <summary>The CSV text of <paramref name="grade"/>.</summary>
    public static string Write(ClassGrade grade)
    {
        var csv = new StringBuilder(Header).Append('\n');
        foreach (var s in grade.Students)
        {
            foreach (var m in s.Marks)
            {
                csv.Append(Field(s.Student.Id)).Append(',').Append(Field(s.Student.Name)).Append(',')
                    .Append(s.Variant.ToString(CultureInfo.InvariantCulture)).Append(',')
                    .Append(m.Step.ToString(CultureInfo.InvariantCulture)).Append(',').Append(m.Name).Append(',')
                    .Append(Name(m.Mark)).Append(',').Append(Field(string.Join("; ", m.Slips))).Append('\n');
            }
        }

        return csv.ToString();
    }

    /// <summary>The mark as the CSV and the summary write it: "right", "wrong", "inherited" …</summary>
    public static string Name(Mark mark) => mark.ToString().ToLowerInvariant();

    private static string Field(string text) =>
        text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
}
