using Nabla.Tests.Cli;

namespace Nabla.Tests.Exercises;

public class ExerciseCommandTests
{
    [Fact]
    public void ARoster_GivesAFolderPerStudent_AndTheSameBytesTwice()
    {
        string roster = CliProcess.TempSpec("id,name\ns1,Ada Lovelace\ns2,Alan Turing\n", "class.csv");
        string root = CliProcess.TempFolder();

        var first = CliProcess.Run("exercise", "seed-001", "--students", roster, "--seed", "9", "--notation", "by-unit", "-o", Path.Combine(root, "a"));
        var second = CliProcess.Run("exercise", "seed-001", "--students", roster, "--seed", "9", "--notation", "by-unit", "-o", Path.Combine(root, "b"));

        Assert.True(first.ExitCode == 0, first.Error);
        Assert.True(second.ExitCode == 0, second.Error);
        Assert.Contains("2 variants of seed-001 written", first.Error);
        var files = Directory.EnumerateFiles(Path.Combine(root, "a"), "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(Path.Combine(root, "a"), f)).Order().ToList();
        Assert.Equal(17, files.Count); // 7 per student, the two indexes and the manifest
        Assert.All(files, f => Assert.Equal(File.ReadAllBytes(Path.Combine(root, "a", f)), File.ReadAllBytes(Path.Combine(root, "b", f))));
        Assert.Contains("<a href=\"s2/sheet.html\">sheet</a>", File.ReadAllText(Path.Combine(root, "a", "index.html")));

        // The key checks as all right against its own spec.
        var check = CliProcess.Run("check", Path.Combine(root, "a", "s1", "spec.json"), Path.Combine(root, "a", "s1", "key.answers"));
        Assert.True(check.ExitCode == 0, check.Out + check.Error);
    }

    [Theory]
    [InlineData("student,mail\nAda,a@x\n", "no \"id\" or \"name\" column")]
    [InlineData("id\n7\n7\n", "the id \"7\" is already on line 2")]
    public void ABadRoster_IsOnePlainMessage_AndNothingIsWritten(string roster, string message)
    {
        string rosterFile = CliProcess.TempSpec(roster, "class.csv");
        string dir = Path.Combine(CliProcess.TempFolder(), "out");

        var r = CliProcess.Run("exercise", "seed-002", "--students", rosterFile, "-o", dir);

        Assert.Equal(1, r.ExitCode);
        Assert.Contains(message, r.Error);
        Assert.Single(r.Error.Trim().Split('\n'));
        Assert.False(Directory.Exists(dir));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.GetDirectoryName(dir)!));
    }

    [Fact]
    public void Pdf_PrintsEachSheetOnA4_WithChromium_OrSaysPlainlyThatItCannot()
    {
        string dir = Path.Combine(CliProcess.TempFolder(), "out");
        string? browser = null;
        try
        {
            browser = Nabla.Cli.PdfPrinter.FindBrowser();
        }
        catch (NablaException)
        {
        }

        var r = CliProcess.Run("exercise", "seed-004", "--count", "1", "--pdf", "-o", dir);

        if (browser is null)
        {
            Assert.Equal(1, r.ExitCode);
            Assert.Contains("--pdf prints with Chromium", r.Error);
            Assert.False(Directory.Exists(dir));
            return;
        }

        Assert.True(r.ExitCode == 0, r.Error);
        byte[] pdf = File.ReadAllBytes(Path.Combine(dir, "01", "sheet.pdf"));
        string text = System.Text.Encoding.Latin1.GetString(pdf);
        Assert.StartsWith("%PDF-", text);
        Assert.Contains("<a href=\"01/sheet.pdf\">sheet (pdf)</a>", File.ReadAllText(Path.Combine(dir, "index.html")));
        Assert.Matches(@"/MediaBox \[0 0 59[45](\.\d+)? 84[12](\.\d+)?\]", text); // A4: 210 × 297 mm

        // The worked solution too, on A4, with more than one page (the whole step, worked out).
        string solution = System.Text.Encoding.Latin1.GetString(File.ReadAllBytes(Path.Combine(dir, "01", "solution.pdf")));
        Assert.StartsWith("%PDF-", solution);
        Assert.Matches(@"/MediaBox \[0 0 59[45](\.\d+)? 84[12](\.\d+)?\]", solution);
        Assert.Contains("<a href=\"01/solution.pdf\">solution (pdf)</a>", File.ReadAllText(Path.Combine(dir, "index.html")));
    }

    [Fact]
    public void AnInvalidTemplate_IsOnePlainMessage()
    {
        string spec = CliProcess.TempSpec("{ \"inputs\": 2, \"layers\": [] ", "broken.json");
        string dir = Path.Combine(CliProcess.TempFolder(), "out");

        var r = CliProcess.Run("exercise", spec, "--count", "2", "-o", dir);

        Assert.Equal(1, r.ExitCode);
        Assert.StartsWith("nabla: ", r.Error);
        Assert.False(Directory.Exists(dir));
    }
}
