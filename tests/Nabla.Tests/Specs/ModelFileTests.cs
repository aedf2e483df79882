using Nabla.Specs;

namespace Nabla.Tests.Specs;

/// <summary>Model files: a broken history or result is refused; values JSON has no number for are written as strings and read back.</summary>
public class ModelFileTests
{
    private const string Net = "\"inputs\": 2, \"layers\": [ { \"units\": 1, \"activation\": \"sigmoid\" } ], \"loss\": \"bce\"";

    private static SpecException Refused(string json) => Assert.Throws<SpecException>(() => SpecReader.Parse(json, "s.json"));

    [Fact]
    public void ModelFile_HistoryKeyGivenTwice_IsRefused()
    {
        var e = Refused($$"""{ {{Net}}, "history": { "loss": [1, 0.5], "loss": [2] } }""");
        Assert.Equal("$.history.loss", e.JsonPath);
        Assert.Contains("given twice", e.Message);
    }

    [Theory]
    [InlineData("\"many\"")]
    [InlineData("true")]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("-1")]
    [InlineData("1.5")]
    public void ModelFile_ResultStepsThatAreNotACount_AreRefused(string steps)
    {
        var e = Refused($$"""{ {{Net}}, "result": { "steps": {{steps}} } }""");
        Assert.Equal("$.result.steps", e.JsonPath);
        Assert.Contains("whole number ≥ 0", e.Message);
    }

    [Fact]
    public void NonFiniteHistoryValues_AreWrittenAsStrings_AndReadBack()
    {
        var spec = SpecReader.Parse($"{{ {Net} }}");
        spec = spec with { History = new Dictionary<string, double[]> { ["loss"] = [1.5, double.PositiveInfinity, double.NaN, double.NegativeInfinity] } };
        string json = SpecWriter.ToJson(spec);
        Assert.Contains("\"Infinity\"", json);
        Assert.Contains("\"NaN\"", json);
        Assert.Contains("\"-Infinity\"", json);
        var back = SpecReader.Parse(json);
        Assert.Equal(spec.History!["loss"], back.History!["loss"]);
        Assert.Equal(json, SpecWriter.ToJson(back));
    }

    [Fact]
    public void NonFiniteWeights_AreWrittenWithoutThrowing_ButNotReadBackAsNumbers()
    {
        var spec = SpecReader.Parse("""{ "inputs": 1, "layers": [ { "units": 1, "weights": [[1]] } ], "loss": "mse" }""");
        spec.Layers[0].Weights![0][0] = double.NaN;
        var e = Refused(SpecWriter.ToJson(spec));
        Assert.Equal("$.layers[0].weights[0][0]", e.JsonPath);
    }
}
