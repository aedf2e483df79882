using Nabla.Explain.Checking;

namespace Nabla.Tests.Explain.Checking;

/// <summary>Seed 001's hand calculation (OR, 2-2-1 sigmoid, by-unit layout): the slips the reference lists, and nothing else.</summary>
public class Seed001CheckTests
{
    private static readonly CheckReport Report = SeedAnswers.Check("seed-001-or-sigmoid");

    [Fact]
    public void FlagsExactlyTheSlipsTheReferenceLists()
    {
        var wrong = Report.Values.Where(v => !v.Right).Select(v => v.Label).ToList();

        Assert.Equal(["A1[1,4]", "loss_sum", "dZ2[1,1]", "dZ2[1,2]", "dZ2[1,3]", "dZ2[1,4]"], wrong);
        Assert.Equal(6, Report.WrongCount);
        Assert.False(Report.AllRight);
    }

    [Fact]
    public void TheStraySigmoidOf09_IsWrongWithNoKnownCause()
    {
        var stray = Assert.Single(Report.Values, v => v.Label == "A1[1,4]" && !v.Right);

        Assert.Equal("0.696", stray.Written.Text);
        Assert.Equal(0.7109495026, stray.TrueValue, 9);
        Assert.True(stray.IsRootError);
        Assert.Equal([Causes.Unknown], stray.Diagnosis!.Causes);
        Assert.Contains("no single usual slip", stray.Why);
        Assert.Contains("0.7109", stray.Diagnosis.Explanation);
        // The matrix the seed goes on with has the right 0.711.
        Assert.Contains(Report.Values, v => v.Label == "A1[1,4]" && v.Written.Text == "0.711" && v.Right);
    }

    [Fact]
    public void TheSumOfSquaredErrors_IsWrong()
    {
        var sum = Assert.Single(Report.Of("loss_sum"));

        Assert.False(sum.Right);
        Assert.Equal(0.7227490429, sum.TrueValue, 9);
        Assert.True(sum.IsRootError);
        Assert.Equal([Causes.Digit], sum.Diagnosis!.Causes); // 0.123 for 0.723, which the next line uses
    }

    [Fact]
    public void Delta2WithoutTheOneOverM_IsAMissingFactor()
    {
        var delta = Report.Of("dZ2");

        Assert.Equal(4, delta.Count);
        Assert.All(delta, v =>
        {
            Assert.False(v.Right);
            Assert.Equal([Causes.Factor], v.Diagnosis!.Causes);
            Assert.Equal("missing factor 1/m", v.Diagnosis.Detail);
            Assert.Contains("missing factor 1/m", v.Why);
        });
    }

    [Fact]
    public void PassesTheForwardValues_TheLoss_TheFinalGradientsAndTheUpdates()
    {
        foreach (string name in new[] { "Z1", "Z2", "A2", "loss", "dW2", "db2", "dW1", "db1", "W2_next", "b2_next", "W1_next", "b1_next" })
        {
            var values = Report.Of(name);
            Assert.NotEmpty(values);
            Assert.All(values, v => Assert.True(v.Right, v.ToString()));
        }

        Assert.Equal(8, Report.Of("A1").Count(v => v.Right));
        Assert.Equal("(true value 0.7509 rounds to 0.751)", Report.Of("A2")[0].Note);
        Assert.Equal("(true value 0.00073 rounds to 0.0007)", Report.Of("db1")[0].Note);
    }

    [Fact]
    public void Summary_CountsRootErrors()
    {
        Assert.Equal("43 right, 6 wrong (6 root errors, 0 inherited)", Report.Summary);
        Assert.Equal(6, Report.RootErrors.Count);
    }
}
