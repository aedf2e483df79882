using Nabla.Tests.Cli;

namespace Nabla.Tests.Explain.Checking;

public class CheckCommandTests
{
    [Fact]
    public void Seed002Answers_ExitWith3_AndShowTheCauses()
    {
        var r = CliProcess.Run("check", Examples.Path("seed-002-leaky-relu-softmax.json"), Examples.Path("answers/seed-002-leaky-relu-softmax.answers"));

        Assert.True(r.ExitCode == 3, r.Error);
        Assert.Contains("diagonal-only softmax", r.Out);
        Assert.Contains("inherited from dW2[1,1]", r.Out);
        Assert.Contains("11 right, 36 wrong (19 root errors, 17 inherited)", r.Out);
    }

    [Fact]
    public void AllRightAnswers_ExitWith0()
    {
        string answers = CliProcess.TempSpec("""
            # seed 001, the right values at the seed's precision
            notation = by-unit
            A2 = 0.751, 0.770, 0.762, 0.778
            loss = 0.0903
            dW1[1,1] = -0.0018
            b2_next = 0.4977
            """, "right.answers");

        var r = CliProcess.Run("check", Examples.Path("seed-001-or-sigmoid.json"), answers);

        Assert.True(r.ExitCode == 0, r.Error + r.Out);
        Assert.Contains("7 right, 0 wrong", r.Out);
    }

    [Fact]
    public void MalformedAnswers_ExitWith1_NamingFileAndLine()
    {
        string answers = CliProcess.TempSpec("loss = 0.09\nA2 = 0.752, 0.77o\n", "bad.answers");

        var r = CliProcess.Run("check", Examples.Path("seed-001-or-sigmoid.json"), answers);

        Assert.Equal(1, r.ExitCode);
        Assert.StartsWith($"nabla: {answers}:2: \"0.77o\" is not a number", r.Error);
        Assert.Contains("Fix:", r.Error);
    }
}
