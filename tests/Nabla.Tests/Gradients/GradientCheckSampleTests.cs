using Nabla.App;
using Nabla.Gradients;
using Nabla.Specs;
using Nabla.Tests.Cli;

namespace Nabla.Tests.Gradients;

/// <summary>gradcheck on a real data set: a seeded sample of large tensors, kinks left out, and the right verdict.</summary>
public class GradientCheckSampleTests
{
    [Fact]
    public void Sample_IsSeeded_SortedAndOfTheAskedSize()
    {
        var spec = SpecReader.ReadFile(Examples.Path("iris.json"));
        var data = ModelBuilder.LoadData(spec);
        var first = GradientCheck.Run(ModelBuilder.BuildNetwork<double>(spec), data.X, data.Y, new GradientCheckOptions(5, Seed: 7));
        var again = GradientCheck.Run(ModelBuilder.BuildNetwork<double>(spec), data.X, data.Y, new GradientCheckOptions(5, Seed: 7));
        var all = GradientCheck.Run(ModelBuilder.BuildNetwork<double>(spec), data.X, data.Y);

        for (int t = 0; t < first.Count; t++)
        {
            int n = first[t].Rows * first[t].Cols;
            if (n <= 5)
            {
                Assert.Null(first[t].Sample);
                continue;
            }

            int[] sample = first[t].Sample!;
            Assert.Equal(5, sample.Length);
            Assert.Equal(sample.Order(), sample);
            Assert.Equal(sample.Distinct().Count(), sample.Length);
            Assert.Equal(sample, again[t].Sample);
            // The sampled elements' values are those of the full check at the same positions.
            Assert.Equal(sample.Select(p => all[t].Analytic[p]), first[t].Analytic);
            Assert.Equal(sample.Select(p => all[t].Numeric[p]), first[t].Numeric);
        }
    }

    [Fact]
    public void Progress_CountsEveryElementChecked()
    {
        var spec = SpecReader.ReadFile(Examples.Path("seed-001-or-sigmoid.json"));
        var data = ModelBuilder.LoadData(spec);
        var reports = new List<(long Done, long Total)>();
        var results = GradientCheck.Run(ModelBuilder.BuildNetwork<double>(spec), data.X, data.Y, new GradientCheckOptions(Progress: (d, t) => reports.Add((d, t))));
        long total = results.Sum(r => r.Analytic.Length);
        Assert.Equal(Enumerable.Range(1, (int)total).Select(i => ((long)i, total)), reports);
    }

    [Fact]
    public void Digits_RightGradients_AreReportedRight_WithTheKinksLeftOut()
    {
        // Relative error alone called these right gradients a MISMATCH: elements near 1e-10, and
        // relu units that θ ± 2h moves across 0 for one of 1438 examples.
        var r = CliProcess.Run("gradcheck", Examples.Path("digits.json"), "--sample", "10");
        Assert.True(r.ExitCode == 0, r.Out + r.Error);
        Assert.DoesNotContain("MISMATCH", r.Out);
        Assert.Contains("at a kink", r.Out);
        Assert.Contains("10 of 2048", r.Out);
        Assert.Contains("--all checks every one", r.Out);
    }

    [Fact]
    public void PipedOutput_TakesItsWidthFromColumns_ElseIsNotWrappedAt80()
    {
        var piped = CliProcess.Run("gradcheck", Examples.Path("seed-001-or-sigmoid.json"));
        Assert.Contains("max |analytic − numeric|", piped.Out); // one header cell, not wrapped
        Assert.Contains(piped.Out.Split('\n'), line => line.Length > 80);
    }
}
