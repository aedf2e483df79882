using Nabla.Exercises;
using Nabla.Specs;

namespace Nabla.Tests.Exercises;

public class ExerciseClassTests
{
    private static IReadOnlyDictionary<string, string> Render(string template, IReadOnlyList<Student> students, ulong seed = 1) =>
        ExerciseClass.Create(ExerciseTemplate.Load(template), students, new ExerciseOptions(Seed: seed)).Render();

    [Fact]
    public void SameRosterTemplateAndSeed_GiveTheSameFiles_AndAnotherSeedOthers()
    {
        var roster = Roster.Parse("id,name\nA17,Ada\nB02,\"Babbage, Charles\"\n");
        var first = Render("seed-002", roster);
        var second = Render("seed-002", roster);
        var other = Render("seed-002", roster, seed: 2);

        Assert.Equal(first.Keys, second.Keys);
        Assert.All(first, f => Assert.Equal(f.Value, second[f.Key]));
        Assert.NotEqual(first["A17/spec.json"], other["A17/spec.json"]);
        Assert.Contains("Babbage, Charles", first["index.md"]);
        Assert.Equal(
            ["A17/answers.txt", "A17/key.answers", "A17/sheet.html", "A17/sheet.md", "A17/solution.html", "A17/solution.md", "A17/spec.json"],
            first.Keys.Where(k => k.StartsWith("A17/", StringComparison.Ordinal)));
    }

    [Fact]
    public void AStudentsVariant_DoesNotChange_WhenOthersJoin()
    {
        var small = Render("seed-001", Roster.Parse("id\nx1\nx2\n"));
        var large = Render("seed-001", Roster.Parse("id\nnew\nx1\nx0\nx2\n"));

        Assert.Equal(Weights(small["x2/spec.json"]), Weights(large["x2/spec.json"]));
    }

    private static string Weights(string specJson) =>
        string.Join(";", SpecReader.Parse(specJson).Layers.SelectMany(l => l.Weights!.SelectMany(r => r)));

    [Fact]
    public void TheSheet_GivesTheValues_AndAsksTheQuestions()
    {
        var files = Render("seed-004", Roster.Numbered(1));
        var spec = SpecReader.Parse(files["01/spec.json"]);
        string sheet = files["01/sheet.html"];

        Assert.Contains("@page { size: A4", sheet);
        Assert.Contains("<svg", sheet); // the diagram
        Assert.Contains("to 4 decimals", sheet);
        foreach (string name in new[] { "Z1", "A1", "loss", "dZ1", "dW1", "db1", "W1_next", "b1_next" })
        {
            Assert.Contains($"<td>{name}</td>", sheet);
        }

        string w = spec.Layers[0].Weights![1][0].ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains($"<mn>{w.Replace("-", "", StringComparison.Ordinal)}</mn>", sheet);
        Assert.DoesNotContain("<script", sheet);
    }

    [Fact]
    public void RosterWithoutId_DuplicateIds_AndEmptyIds_AreRefused()
    {
        Assert.Contains("no \"id\" or \"name\" column", Assert.Throws<NablaException>(() => Roster.Parse("student,mail\nAda,a@x\n", "class.csv")).Message);
        var dup = Assert.Throws<NablaException>(() => Roster.Parse("id,name\n7,Ada\n8,Bob\n7,Cy\n", "class.csv")).Message;
        Assert.Contains("class.csv:4: the id \"7\" is already on line 2", dup);
        Assert.Contains("no id", Assert.Throws<NablaException>(() => Roster.Parse("id,name\n,Ada\n", "class.csv")).Message);
        Assert.Contains("same folder name", Assert.Throws<NablaException>(() => Roster.Parse("id\na b\na/b\n", "class.csv")).Message);
    }

    [Fact]
    public void ATemplateWithNoFriendlyVariant_NamesTheRuleThatFailed()
    {
        // A softmax of one unit is 1 whatever its input: its activation and δ are trivially 1 and 0 in every draw.
        var spec = SpecReader.Parse("""
            { "inputs": 2, "layers": [ { "units": 1, "activation": "softmax" } ], "loss": "half_mse",
              "data": { "x": [[0.5, 1.5]], "y": [[0.3]] } }
            """, "one.json");

        var e = Assert.Throws<NablaException>(() => ExerciseClass.Create(ExerciseTemplate.From(spec, "one"), Roster.Numbered(1), new ExerciseOptions()));

        Assert.Contains("no variant fit for a hand calculation could be drawn", e.Message);
        Assert.Contains($"the rule \"{FriendlinessRule.NotTrivial.Text}\" failed {VariantDrawer.MaxTries} times", e.Message);
    }

    [Fact]
    public void TemplatesTooBigOrWithoutData_AreRefused()
    {
        Assert.Contains("no such template", Assert.Throws<NablaException>(() => ExerciseTemplate.Load("seed-999")).Message);
        var noData = SpecReader.Parse("""{ "inputs": 2, "layers": [ { "units": 1, "activation": "sigmoid" } ], "loss": "half_mse" }""", "t.json");
        Assert.Contains("no \"data\" section", Assert.Throws<NablaException>(() => ExerciseTemplate.From(noData, "t")).Message);
        var many = SpecReader.Parse("""{ "inputs": 2, "layers": [ { "units": 1, "activation": "sigmoid" } ], "loss": "half_mse", "data": { "dataset": "moons", "n": 50 } }""", "t.json");
        Assert.Contains("50 examples", Assert.Throws<NablaException>(() => ExerciseTemplate.From(many, "t")).Message);
    }

    [Fact]
    public void TheFolder_IsWrittenWhole_AndAForeignFolderIsLeftAlone()
    {
        string root = Path.Combine(Path.GetTempPath(), "nabla-tests", Guid.NewGuid().ToString("N"));
        string dir = Path.Combine(root, "class");
        var exercise = ExerciseClass.Create(ExerciseTemplate.Load("seed-004"), Roster.Numbered(2), new ExerciseOptions());

        exercise.WriteTo(dir);
        exercise.WriteTo(dir); // an earlier class is replaced

        Assert.Equal(exercise.Render().Keys.Order(StringComparer.Ordinal),
            Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(dir, f).Replace('\\', '/')).Order(StringComparer.Ordinal));
        Assert.Equal(["class"], Directory.EnumerateFileSystemEntries(root).Select(Path.GetFileName)); // no temporary folder left

        // What fails after the files are written (a PDF printer, say) leaves neither a new folder nor a temporary one.
        string failed = Path.Combine(root, "failed");
        Assert.Throws<NablaException>(() => exercise.WriteTo(failed, _ => throw new NablaException("the printer failed")));
        Assert.False(Directory.Exists(failed));
        Assert.Equal(["class"], Directory.EnumerateFileSystemEntries(root).Select(Path.GetFileName));

        string foreign = Path.Combine(root, "notes");
        Directory.CreateDirectory(foreign);
        File.WriteAllText(Path.Combine(foreign, "todo.txt"), "keep");
        Assert.Contains("holds other files", Assert.Throws<NablaException>(() => exercise.WriteTo(foreign)).Message);
        Assert.Equal(["todo.txt"], Directory.EnumerateFileSystemEntries(foreign).Select(Path.GetFileName));
    }
}
