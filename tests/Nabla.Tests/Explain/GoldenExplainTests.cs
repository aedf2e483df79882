using System.Runtime.CompilerServices;
using Nabla.Cli;
using Nabla.Explain;

namespace Nabla.Tests.Explain;

/// <summary>
/// `nabla explain` for the seed exercises, in every format, against reviewed golden files in
/// Explain/Golden/. After an intended change, regenerate them with
/// NABLA_UPDATE_GOLDEN=1 dotnet test --filter GoldenExplainTests, and read the diff.
/// </summary>
public class GoldenExplainTests
{
    public static TheoryData<string, string, bool> Cases()
    {
        var data = new TheoryData<string, string, bool>();
        foreach (string example in new[] { "seed-001-or-sigmoid", "seed-002-leaky-relu-softmax", "seed-004-neuron-one-example", "seed-004-neuron-vectorised" })
        {
            foreach (string format in new[] { "md", "text", "html", "json" })
            {
                data.Add(example, format, false);
            }
        }

        data.Add("seed-001-or-sigmoid", "md", true); // the seed's own W·x layout
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Explain_MatchesGoldenFile(string example, string format, bool byUnit)
    {
        var explanation = Explainer.Run(Examples.Load(example + ".json"));
        string actual = ExplainCommand.Render(explanation, format, decimals: 4, byUnit);
        string file = Path.Combine(GoldenFolder(), $"{example}{(byUnit ? ".by-unit" : "")}.{(format == "text" ? "txt" : format)}");
        if (Environment.GetEnvironmentVariable("NABLA_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(file, actual);
        }

        Assert.True(File.Exists(file), $"{file} is missing: run with NABLA_UPDATE_GOLDEN=1 to create it, then review it.");
        Assert.Equal(File.ReadAllText(file).ReplaceLineEndings(), actual.ReplaceLineEndings());
    }

    private static string GoldenFolder([CallerFilePath] string source = "") => Path.Combine(Path.GetDirectoryName(source)!, "Golden");
}
