using Nabla.Plotting;

namespace Nabla.Tests.Plotting;

public class LossPlotTests
{
    private static double[] Decay(double start, double rate, int epochs) =>
        [.. Enumerable.Range(0, epochs).Select(e => start * Math.Exp(-rate * e))];

    [Fact]
    public void Png_with_several_series_has_the_size_asked_for_and_one_colour_per_curve()
    {
        using var folder = new ScratchFolder();
        string path = folder.File("loss.png");

        LossPlot.Save(
            [("lr 0.1", Decay(0.7, 0.002, 300)), ("lr 0.5", Decay(0.7, 0.01, 300)), ("lr 0.8", Decay(0.7, 0.02, 300))],
            path, "XOR, learning rates", logY: false, width: 640, height: 400);

        var bitmap = Picture.AssertPng(path, 640, 400);
        for (int s = 0; s < 3; s++)
        {
            var (count, _) = Picture.Where(bitmap, Picture.Sk(ClassColors.Of(s)));
            Assert.True(count > 100, $"curve {s} drawn with {count} pixels of its colour");
        }

        Assert.Equal(["loss.png"], folder.Names());
    }

    [Fact]
    public void Svg_is_well_formed_and_carries_the_labels()
    {
        using var folder = new ScratchFolder();
        string path = folder.File("loss.svg");

        LossPlot.Save([("loss", Decay(1, 0.05, 50)), ("bce", Decay(2, 0.04, 50))], path, "training", yLabel: "half_sse");

        var svg = Picture.AssertSvg(path, 800, 500);
        string text = svg.ToString();
        Assert.Contains("training", text, StringComparison.Ordinal);
        Assert.Contains("half_sse", text, StringComparison.Ordinal);
        Assert.Contains("epoch", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1.0, 0.5, null, false)]  // 1 … 0.5: not even one decade
    [InlineData(1.0, 0.001, null, true)]  // three decades
    [InlineData(1.0, 0.011, null, false)] // just under two decades
    [InlineData(1.0, 0.5, true, true)]    // asked for
    [InlineData(1.0, 0.001, false, false)]
    [InlineData(1.0, 0.0, true, false)]   // a zero rules log out even when asked for
    [InlineData(1.0, -1e-3, null, false)]
    public void Log_scale_is_chosen_from_the_span_of_positive_values(double first, double last, bool? logY, bool expected) =>
        Assert.Equal(expected, LogAxis.Wanted([first, (first + last) / 2, last, double.NaN], logY));

    [Theory]
    [InlineData(1, 0, "1")]
    [InlineData(2, -3, "0.002")]
    [InlineData(5, 2, "500")]
    [InlineData(1, -4, "0.0001")]
    [InlineData(1, -7, "1e-7")]
    [InlineData(2, 6, "2e6")]
    public void Log_ticks_are_labelled_with_the_value_not_its_logarithm(int k, int d, string expected) =>
        Assert.Equal(expected, LogAxis.Label(k, d));

    [Fact]
    public void Log_ticks_put_majors_on_powers_of_ten_and_minors_between()
    {
        var ticks = LogAxis.Ticks(-3.2, -0.1);

        var majors = ticks.Where(t => t.IsMajor).Select(t => (Math.Round(t.Position, 9), t.Label)).ToArray();
        Assert.Equal([(-5.0, "1e-5"), (-4.0, "0.0001"), (-3.0, "0.001"), (-2.0, "0.01"), (-1.0, "0.1"), (0.0, "1"), (1.0, "10")], majors);
        Assert.Contains(ticks, t => !t.IsMajor && Math.Abs(t.Position - Math.Log10(0.03)) < 1e-12);
    }

    [Fact]
    public void A_short_log_range_also_labels_two_and_five()
    {
        var labels = LogAxis.Ticks(-1.5, -0.2).Where(t => t.IsMajor).Select(t => t.Label).ToArray();
        Assert.Contains("0.05", labels);
        Assert.Contains("0.2", labels);
        Assert.DoesNotContain("0.3", labels);
    }

    [Fact]
    public void A_log_range_within_a_decade_labels_every_step() =>
        Assert.Equal(
            ["0.2", "0.3", "0.4", "0.5", "0.6"],
            LogAxis.Ticks(-0.75, -0.2).Where(t => t.IsMajor && t.Position > -0.75 && t.Position < -0.2).Select(t => t.Label));

    [Fact]
    public void A_log_plot_over_decades_renders_and_skips_non_finite_values()
    {
        using var folder = new ScratchFolder();
        string path = folder.File("log.png");
        double[] diverged = [.. Decay(1, 0.05, 100)];
        diverged[60] = double.NaN;
        diverged[61] = double.PositiveInfinity;

        LossPlot.Save([("loss", Decay(1, 0.1, 100)), ("diverged", diverged)], path, "log scale");

        Picture.AssertPng(path, 800, 500);
    }

    [Fact]
    public void No_series_is_an_error()
    {
        using var folder = new ScratchFolder();
        Assert.Throws<ArgumentException>(() => LossPlot.Save([], folder.File("x.png"), "empty"));
        Assert.Empty(folder.Names());
    }
}
