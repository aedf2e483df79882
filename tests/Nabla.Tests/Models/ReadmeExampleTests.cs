namespace Nabla.Tests.Models;

/// <summary>
/// The README shows examples/csharp/xor/Program.cs, which .ci/package builds and runs against the
/// packed library; here the README is held to that file (NetworkExtensionsTests trains the same network the same way).
/// </summary>
public class ReadmeExampleTests
{
    private static string Repository([System.Runtime.CompilerServices.CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", ".."));

    [Fact]
    public void The_readme_shows_the_xor_example_as_it_is()
    {
        string program = File.ReadAllText(Path.Combine(Repository(), "examples", "csharp", "xor", "Program.cs"));
        string readme = File.ReadAllText(Path.Combine(Repository(), "README.md"));

        Assert.Contains("```csharp\n" + program + "```", readme, StringComparison.Ordinal);
    }
}
