using System.Text.Json;
using System.Text.RegularExpressions;
using Nabla.Cli;
using Nabla.Explain;
using Nabla.Explain.Documents;
using Nabla.Explain.Writing;

namespace Nabla.Tests.Explain;

/// <summary>How an explanation reads: equations with a left-hand side, spaced names, plain symbols in JSON, wording that fits the layout.</summary>
public partial class ExplanationLookTests
{
    private static readonly string[] Seeds = ["seed-001-or-sigmoid", "seed-002-leaky-relu-softmax", "seed-003-xor-sigmoid", "seed-004-neuron-vectorised"];

    public static TheoryData<string> Examples_() => [.. Seeds];

    [GeneratedRegex(@"\\u[0-9A-Fa-f]{4}")]
    private static partial Regex Escape();

    [GeneratedRegex(@"<h3>Loss</h3>(.*?)<h3>", RegexOptions.Singleline)]
    private static partial Regex LossSection();

    [GeneratedRegex(@"(?<before><[^>]+>[^<]*</[^>]+>|<mspace[^>]*/>)<mi>log</mi>(?<after><mo>&#x2061;</mo>(<mspace[^>]*/>|<mrow><mo>\())?")]
    private static partial Regex LogWithNeighbours();

    [Theory]
    [MemberData(nameof(Examples_))]
    public void Json_writes_symbols_and_signs_as_themselves(string example)
    {
        string json = ExplanationJson.Write(Explainer.Run(Examples.Load(example + ".json")));

        // Nothing printable is escaped: × · + Σ ŷ − read as they are (the json holds no control characters to escape).
        Assert.DoesNotMatch(Escape(), json);
        using var parsed = JsonDocument.Parse(json);
        Assert.Contains("×", parsed.RootElement.GetProperty("layout").GetString(), StringComparison.Ordinal);
        Assert.Contains("×", json, StringComparison.Ordinal);
        Assert.Contains(" + ", json, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Examples_))]
    public void Every_loss_equation_has_a_left_hand_side(string example)
    {
        var document = ExplanationDocument.Build(Explainer.Run(Examples.Load(example + ".json")));

        var blocks = document.Blocks.SkipWhile(b => b is not Heading { Text: "Loss" }).Skip(1).TakeWhile(b => b is not Heading).ToList();
        var lines = blocks.OfType<DisplayMath>().SelectMany(d => d.Lines).ToList();
        Assert.NotEmpty(lines);
        Assert.All(lines, line =>
        {
            var row = Assert.IsType<Row>(line);
            Assert.IsType<Symbol>(row.Items[0]);
            Assert.Equal(new Operator("="), row.Items[1]);
        });
    }

    [Fact]
    public void Html_keeps_log_apart_from_the_numbers_around_it()
    {
        string html = ExplainCommand.Render(Explainer.Run(Examples.Load("seed-002-leaky-relu-softmax.json")), "html", decimals: 4, byUnit: false);

        string loss = LossSection().Match(html).Groups[1].Value;
        var logs = LogWithNeighbours().Matches(loss);
        Assert.True(logs.Count >= 6, $"{logs.Count} logs in the loss section");
        foreach (Match log in logs)
        {
            string before = log.Groups["before"].Value;
            Assert.True(before.StartsWith("<mo>", StringComparison.Ordinal) || before.StartsWith("<mspace", StringComparison.Ordinal), $"log follows {before} with no space or operator");
            Assert.True(log.Groups["after"].Success, $"log after {before} runs into its argument");
        }

        Assert.Contains("<mn>0</mn><mo>·</mo><mi>log</mi>", loss, StringComparison.Ordinal); // 0·log 0.1177
    }

    [Theory]
    [InlineData(false, "row", "column")]
    [InlineData(true, "column", "row")]
    public void Wording_about_where_an_example_sits_in_X_follows_the_notation(bool byUnit, string right, string wrong)
    {
        string text = ExplainCommand.Render(Explainer.Run(Examples.Load("seed-001-or-sigmoid.json")), "text", decimals: 4, byUnit);

        Assert.Contains($"{right} of X", text, StringComparison.Ordinal);
        Assert.DoesNotContain($"{wrong} of X", text, StringComparison.Ordinal);
    }
}
