using System.Globalization;
using System.Text;
using Nabla.Data;

namespace Nabla.Exercises;

/// <summary>
/// The students of a class: a roster CSV with a header row naming an "id" column (or, lacking
/// one, a "name" column, whose values then serve as ids), or N numbered students.
/// </summary>
public static class Roster
{
    /// <summary>The most students a roster may hold.</summary>
    public const int MaxStudents = 2000;

    /// <summary>Students 01 … N.</summary>
    public static IReadOnlyList<Student> Numbered(int count)
    {
        if (count is < 1 or > MaxStudents)
        {
            throw new NablaException($"--count must be between 1 and {MaxStudents} (got {count}).");
        }

        int width = count.ToString(CultureInfo.InvariantCulture).Length;
        return [.. Enumerable.Range(1, count).Select(i => i.ToString(CultureInfo.InvariantCulture).PadLeft(Math.Max(2, width), '0'))
            .Select(id => new Student(id, $"Student {id}", id))];
    }

    /// <summary>Reads a roster file.</summary>
    public static IReadOnlyList<Student> Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path, Encoding.UTF8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new NablaException($"{path}: cannot read the roster ({e.Message}). Fix: check the path.");
        }

        return Parse(text, path);
    }

    /// <summary>Parses a roster's text; <paramref name="file"/> names it in messages.</summary>
    public static IReadOnlyList<Student> Parse(string text, string file = "<roster>")
    {
        if (text.Trim().Length == 0)
        {
            throw new NablaException($"{file}: the roster is empty. Fix: write a header row with an \"id\" column, then one student per row.");
        }

        var (cells, rows) = CsvData.Cells(text, file);
        var header = cells.Select(h => h.ToLowerInvariant()).ToList();
        int id = header.IndexOf("id");
        int name = header.IndexOf("name");
        if (id < 0 && name < 0)
        {
            throw new NablaException($"{file}: the roster has no \"id\" or \"name\" column (its header is \"{string.Join(",", cells)}\"). Fix: name the column of student ids \"id\" in the first row.");
        }

        var students = new List<Student>();
        var ids = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var folders = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (line, fields) in rows)
        {
            string Get(int c) => c >= 0 && c < fields.Length ? fields[c] : "";
            string studentId = Get(id >= 0 ? id : name);
            if (studentId.Length == 0)
            {
                throw new NablaException($"{file}:{line}: the student has no {(id >= 0 ? "id" : "name")}. Fix: give every student one.");
            }

            if (ids.TryGetValue(studentId, out int first))
            {
                throw new NablaException($"{file}:{line}: the id \"{studentId}\" is already on line {first}. Fix: give every student a different id.");
            }

            ids[studentId] = line;
            string folder = Folder(studentId);
            if (folders.TryGetValue(folder, out string? other))
            {
                throw new NablaException($"{file}:{line}: the ids \"{other}\" and \"{studentId}\" give the same folder name \"{folder}\". Fix: make the ids differ in letters or digits.");
            }

            folders[folder] = studentId;
            string studentName = name >= 0 && Get(name).Length > 0 ? Get(name) : studentId;
            students.Add(new Student(studentId, studentName, folder));
        }

        if (students.Count == 0)
        {
            throw new NablaException($"{file}: the roster lists no students. Fix: add one row per student under the header.");
        }

        return students.Count > MaxStudents
            ? throw new NablaException($"{file}: the roster lists {students.Count} students, more than {MaxStudents}.")
            : students;
    }

    /// <summary>A folder (and file) name for an id: letters, digits, '-' and '_' kept, anything else '-'.</summary>
    public static string Folder(string id)
    {
        var name = new StringBuilder();
        foreach (char c in id)
        {
            name.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-');
        }

        return name.ToString().Trim('-') is { Length: > 0 } s ? s : "student";
    }
}
