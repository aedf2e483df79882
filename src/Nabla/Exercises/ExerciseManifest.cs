using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Nabla.Exercises;

/// <summary>
/// The class's record in its folder (<c>exercise.json</c>): the template, the options, and each
/// student with their variant and folder, which <c>nabla grade</c> reads back.
/// </summary>
public sealed record ExerciseManifest(string Template, ExerciseOptions Options, IReadOnlyList<Student> Students)
{
    /// <summary>The manifest's file name in a class folder.</summary>
    public const string FileName = "exercise.json";

    /// <summary>The manifest as JSON.</summary>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("template", Template);
            w.WriteNumber("seed", Options.Seed);
            w.WriteString("ask", Questions.Describe(Options.Ask).Replace(" ", "", StringComparison.Ordinal));
            w.WriteNumber("steps", Options.Steps);
            w.WriteNumber("decimals", Options.Decimals);
            w.WriteString("notation", Options.ByUnit ? "by-unit" : "default");
            w.WriteStartArray("students");
            for (int i = 0; i < Students.Count; i++)
            {
                w.WriteStartObject();
                w.WriteString("id", Students[i].Id);
                w.WriteString("name", Students[i].Name);
                w.WriteString("folder", Students[i].Folder);
                w.WriteNumber("variant", i + 1);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <summary>Reads the manifest of the class folder <paramref name="dir"/>.</summary>
    public static ExerciseManifest Read(string dir)
    {
        string path = Path.Combine(dir, FileName);
        if (!File.Exists(path))
        {
            throw new NablaException($"{dir}: holds no {FileName}, so it is not a class folder of `nabla exercise`. Fix: give the folder `nabla exercise -o` wrote.");
        }

        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            var root = doc.RootElement;
            var options = new ExerciseOptions(
                root.GetProperty("seed").GetUInt64(),
                Questions.Parse(root.GetProperty("ask").GetString()!),
                root.GetProperty("steps").GetInt32(),
                root.GetProperty("decimals").GetInt32(),
                root.GetProperty("notation").GetString() == "by-unit");
            var students = root.GetProperty("students").EnumerateArray()
                .Select(s => new Student(s.GetProperty("id").GetString()!, s.GetProperty("name").GetString()!, s.GetProperty("folder").GetString()!))
                .ToList();
            return new ExerciseManifest(root.GetProperty("template").GetString()!, options, students);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new NablaException($"{path}: is not a readable class manifest ({e.Message}). Fix: write the class again with `nabla exercise`.");
        }
    }
}
