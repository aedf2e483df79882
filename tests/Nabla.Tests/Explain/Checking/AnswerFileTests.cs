using Nabla.Explain;
using Nabla.Explain.Checking;

namespace Nabla.Tests.Explain.Checking;

public class AnswerFileTests
{
    private static readonly IReadOnlyList<StepTrace> Seed001 = Explainer.Run(Examples.Load("seed-001-or-sigmoid.json")).Steps;

    private static IReadOnlyList<Answer> Bind(string text) => AnswerBinder.Bind(AnswerFile.Parse(text, "my.answers"), Seed001);

    private static string ErrorOf(string text) => Assert.Throws<NablaException>(() => Bind(text)).Message;

    [Fact]
    public void WholeQuantity_IsReadRowMajor_WithOrWithoutRowSeparators()
    {
        var answers = Bind("""
            A2 = 0.752, 0.770, 0.762, 0.778
            W1 = 0.2, 0.3; 0.4, 0.5
            """);

        Assert.Equal(4, answers[0].Elements.Count);
        Assert.True(answers[0].IsWhole);
        Assert.Equal([(0, 0), (1, 0), (2, 0), (3, 0)], answers[0].Elements.Select(e => (e.Row, e.Col)));
        Assert.Equal("A2[3,1]", answers[0].Elements[2].Label);
        Assert.Equal([0.2, 0.3, 0.4, 0.5], answers[1].Elements.Select(e => e.Number.Value));
        Assert.Equal([(0, 0), (0, 1), (1, 0), (1, 1)], answers[1].Elements.Select(e => (e.Row, e.Col)));
    }

    [Fact]
    public void Elements_Scalars_CommentsAndUnicodeMinus()
    {
        var answers = Bind("""
            # a whole-line comment

            dW2[2,1] = −0.0006   # trailing comment, Unicode minus
            db1[2] = 0.0014
            loss = 0.090
            loss_sum: 0.7227
            """);

        Assert.Equal(4, answers.Count);
        var dW = Assert.Single(answers[0].Elements);
        Assert.Equal((1, 0), (dW.Row, dW.Col));
        Assert.Equal(-0.0006, dW.Number.Value);
        Assert.Equal(3, answers[0].Line);
        Assert.Equal((0, 1), (answers[1].Elements[0].Row, answers[1].Elements[0].Col));
        Assert.Equal("db1[2]", answers[1].Elements[0].Label);
        Assert.Equal("loss", answers[2].Elements[0].Label);
        Assert.Equal(3, answers[2].Elements[0].Number.Decimals);
        Assert.Equal(0.7227, answers[3].Elements[0].Number.Value);
    }

    [Fact]
    public void ByUnitNotation_TransposesEveryMatrix_UntilSwitchedBack()
    {
        var answers = Bind("""
            notation = by-unit
            W1[1,2] = 0.4
            A1 = 0.574, 0.668, 0.622, 0.711; 0.622, 0.731, 0.690, 0.786
            b1[2] = 0.5
            notation: default
            W1[1,2] = 0.3
            """);

        // by-unit W1[1,2] is unit 1's weight from input 2 = Nabla's W1[2,1]
        Assert.Equal((1, 0), (answers[0].Elements[0].Row, answers[0].Elements[0].Col));
        Assert.True(answers[0].Source.ByUnit);
        // by-unit A1 is units × examples: its second value is unit 1, example 2 = Nabla's A1[2,1]
        Assert.Equal((1, 0), (answers[1].Elements[1].Row, answers[1].Elements[1].Col));
        Assert.Equal((0, 1), (answers[1].Elements[4].Row, answers[1].Elements[4].Col));
        Assert.Equal("A1[1,2]", answers[1].Elements[1].Label);
        Assert.Equal((0, 1), (answers[2].Elements[0].Row, answers[2].Elements[0].Col));
        Assert.False(answers[3].Source.ByUnit);
        Assert.Equal((0, 1), (answers[3].Elements[0].Row, answers[3].Elements[0].Col));
    }

    [Theory]
    [InlineData("0.752", 0.752, 3)]
    [InlineData("1.5", 1.5, 1)]
    [InlineData("3", 3.0, 0)]
    [InlineData("−.230", -0.23, 3)]
    [InlineData("+0.50", 0.5, 2)]
    [InlineData("1.2e-3", 0.0012, 4)]
    [InlineData("5E2", 500.0, -2)]
    public void WrittenNumbers_KeepTheirPrecision(string text, double value, int decimals)
    {
        Assert.True(WrittenNumber.TryParse(text, out var n));
        Assert.Equal(value, n.Value, 12);
        Assert.Equal(decimals, n.Decimals);
        Assert.Equal(text, n.Text);
    }

    [Theory]
    [InlineData("0.7x")]
    [InlineData("1..2")]
    [InlineData("e3")]
    [InlineData("--1")]
    public void NonNumbers_AreRejected(string text) => Assert.False(WrittenNumber.TryParse(text, out _));

    [Fact]
    public void UnknownName_SuggestsTheClosest()
    {
        string message = ErrorOf("""
            Z1 = 0.3, 0.5, 0.7, 1.0, 0.5, 0.8, 0.9, 1.3

            dw2 = 0.1, 0.2
            """);

        Assert.StartsWith("my.answers:3: there is no quantity \"dw2\"", message);
        Assert.Contains("did you mean dW2?", message);
        Assert.Contains("Fix:", message);
        Assert.Contains("did you mean dZ2?", ErrorOf("δ2 = 0.1, 0.2, 0.3, 0.4"));
    }

    [Fact]
    public void WrongCount_IndexOutOfRange_AndNonNumbers_NameTheLine()
    {
        Assert.StartsWith("my.answers:2: A2 is 4×1 (4 values), but 3 are given", ErrorOf("loss = 0.09\nA2 = 0.752, 0.770, 0.762"));
        Assert.StartsWith("my.answers:1: index [3,1] is outside W1, which is 2×2", ErrorOf("W1[3,1] = 0.2"));
        Assert.StartsWith("my.answers:1: \"0.7o\" is not a number", ErrorOf("A2 = 0.752, 0.7o, 0.762, 0.778"));
        Assert.StartsWith("my.answers:1: W1 is a 2×2 matrix, so one index is not enough", ErrorOf("W1[2] = 0.2"));
        Assert.StartsWith("my.answers:3: unknown notation \"by-row\"", ErrorOf("\n\nnotation = by-row"));
        Assert.StartsWith("my.answers:1: dW2[1,1] names one element but 2 values follow", ErrorOf("dW2[1,1] = 0.1, 0.2"));
        Assert.StartsWith("my.answers:1: \"A2 0.752\" is not of the form NAME = VALUES", ErrorOf("A2 0.752"));
    }

    [Fact]
    public void RowsOfTheTransposedShape_PointToTheNotation()
    {
        string message = ErrorOf("A1 = 0.574, 0.668, 0.622, 0.711; 0.622, 0.731, 0.690, 0.786");

        Assert.StartsWith("my.answers:1: A1 is 4×2, but the rows written are 4, 4 values long", message);
        Assert.Contains("notation = by-unit", message);
    }

    [Fact]
    public void AnEmptyAnswerFile_IsAnError() =>
        Assert.StartsWith("empty.answers: there are no values to check", Assert.Throws<NablaException>(() =>
            AnswerChecker.Check(Examples.Load("seed-001-or-sigmoid.json"), AnswerFile.Parse("# nothing yet\n", "empty.answers"))).Message);

    [Fact]
    public void LinesLeftBlank_AreNotMarked_AndTheSummaryCountsThem()
    {
        var spec = Examples.Load("seed-001-or-sigmoid.json");
        string right = Explainer.Run(spec).Steps[0]["loss"][0, 0].ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture);
        var file = AnswerFile.Parse($"Z1 =\nA1 = ?\ndW2[1,1] = ___   # not yet\nloss = {right}\n", "part.answers");

        Assert.Equal(["Z1", "A1", "dW2[1,1]"], file.Blanks);
        var report = AnswerChecker.Check(spec, file);
        Assert.Equal("loss", Assert.Single(report.Values).Label);
        Assert.Equal("1 right, 0 wrong; 3 left blank", report.Summary);
    }

    [Fact]
    public void AFileLeftAllBlank_SaysSo() =>
        Assert.StartsWith("blank.answers: every quantity is left blank (Z1, A1). Fix: write your values after the '='", Assert.Throws<NablaException>(() =>
            AnswerChecker.Check(Examples.Load("seed-001-or-sigmoid.json"), AnswerFile.Parse("Z1 =\nA1 = ?\n", "blank.answers"))).Message);

    [Fact]
    public void StepDirective_SetsTheStepOfTheFollowingLines()
    {
        var file = AnswerFile.Parse("loss = 0.09\nstep = 2\nloss = 0.08\n");

        Assert.Equal([1, 2], file.Lines.Select(l => l.Step));
        Assert.Equal(2, file.LastStep);
        Assert.StartsWith("my.answers:3: step 2 was not run", Assert.Throws<NablaException>(() =>
            AnswerBinder.Bind(AnswerFile.Parse("loss = 0.09\nstep = 2\nloss = 0.08\n", "my.answers"), Seed001)).Message);
    }
}
