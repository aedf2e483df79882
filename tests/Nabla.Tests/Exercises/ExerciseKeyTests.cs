using System.Text.Json;
using Nabla.Exercises;
using Nabla.Explain;
using Nabla.Explain.Checking;
using Nabla.Specs;

namespace Nabla.Tests.Exercises;

/// <summary>Each variant's answer key is the worked solution's own numbers: equal to `explain --format json` of the variant's spec.</summary>
public class ExerciseKeyTests
{
    public static TheoryData<string> Templates() => [.. SeedTemplates.Names];

    [Theory]
    [MemberData(nameof(Templates))]
    public void EveryKeyValue_EqualsExplainJson_OfTheVariantSpec(string template)
    {
        var options = new ExerciseOptions(Seed: 7, Steps: 2);
        var files = ExerciseClass.Create(ExerciseTemplate.Load(template), Roster.Numbered(4), options).Render();

        foreach (string folder in new[] { "01", "02", "03", "04" })
        {
            // The spec as written to the folder, read back as `nabla explain` would read it.
            var spec = SpecReader.Parse(files[$"{folder}/spec.json"], "spec.json");
            using var json = JsonDocument.Parse(ExplanationJson.Write(Explainer.Run(spec, 2)));
            var key = AnswerFile.Parse(files[$"{folder}/key.answers"], "key.answers");

            Assert.Equal(2 * Questions.Names(QuestionParts.All, [.. spec.Layers.Select(l => l.HasBias)]).Count, key.Lines.Count);
            foreach (var line in key.Lines)
            {
                var q = json.RootElement.GetProperty("steps")[line.Step - 1].GetProperty("quantities").GetProperty(line.Name);
                double[] expected = q.ValueKind == JsonValueKind.Number
                    ? [q.GetDouble()]
                    : [.. q.EnumerateArray().SelectMany(row => row.EnumerateArray()).Select(v => v.GetDouble())];
                Assert.Equal(expected, line.Numbers.Select(n => n.Value).ToArray());
            }
        }
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void ByUnitKey_ChecksAllRight_AndTheBlankHasEveryName(string template)
    {
        var options = new ExerciseOptions(Seed: 3, ByUnit: true);
        var exercise = ExerciseClass.Create(ExerciseTemplate.Load(template), Roster.Numbered(2), options);
        var files = exercise.Render();
        var spec = SpecReader.Parse(files["02/spec.json"], "spec.json");

        var report = AnswerChecker.Check(spec, AnswerFile.Parse(files["02/key.answers"]));
        Assert.True(report.AllRight, report.Summary);
        Assert.StartsWith("notation = by-unit", files["02/key.answers"].Split('\n')[2]);

        var blankNames = files["02/answers.txt"].Split('\n').Where(l => l.Contains(" =", StringComparison.Ordinal) && !l.StartsWith('#') && !l.StartsWith("notation", StringComparison.Ordinal)).Select(l => l.Split(' ')[0]);
        Assert.Equal(AnswerFile.Parse(files["02/key.answers"]).Lines.Select(l => l.Name), blankNames);
    }

    [Fact]
    public void AskedParts_AreTheOnlyQuantitiesInTheKey()
    {
        var options = new ExerciseOptions(Ask: Questions.Parse("loss,update"));
        var files = ExerciseClass.Create(ExerciseTemplate.Load("seed-001"), Roster.Numbered(1), options).Render();

        Assert.Equal(["loss", "W1_next", "b1_next", "W2_next", "b2_next"], AnswerFile.Parse(files["01/key.answers"]).Lines.Select(l => l.Name));
        Assert.Contains("the loss and the updated weights and biases", files["01/sheet.md"]);
    }
}
