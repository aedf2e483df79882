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

    [Theory]
    [InlineData(1.2, 0.0017)]  // digits: from above 1 to the thousandths
    [InlineData(0.7, 0.2)]     // within a decade
    [InlineData(5e-3, 4e-9)]   // far below 1
    [InlineData(1.0, 0.01)]    // exactly on decades
    public void A_log_axis_labels_a_value_at_or_beyond_each_end_of_the_data(double start, double end)
    {
        double[] values = [.. Enumerable.Range(0, 50).Select(e => start * Math.Pow(end / start, e / 49.0))];
        using var plot = LossPlot.Draw([("loss", values)], "decay", logY: true);
        plot.GetImageBytes(800, 500, ScottPlot.ImageFormat.Png);

        var limits = plot.Axes.GetLimits();
        var labelled = plot.Axes.Left.TickGenerator.Ticks
            .Where(t => t.IsMajor && t.Position >= limits.Bottom - 1e-9 && t.Position <= limits.Top + 1e-9)
            .Select(t => t.Position).ToArray();
        Assert.True(labelled.Max() >= Math.Log10(start) - 1e-12, $"highest label 10^{labelled.Max()} is below the first loss {start}");
        Assert.True(labelled.Min() <= Math.Log10(end) + 1e-12, $"lowest label 10^{labelled.Min()} is above the last loss {end}");
        Assert.Equal(limits.Top, labelled.Max(), 9);
        Assert.Equal(limits.Bottom, labelled.Min(), 9);
    }

    [Theory]
    [InlineData(false)] // accuracy: rises to 1 and stays there, along the top
    [InlineData(true)]  // loss: falls to the bottom right
    public void The_legend_covers_no_part_of_the_curves(bool falling)
    {
        double[] rising = [.. Enumerable.Range(0, 30).Select(e => Math.Min(1, 0.6 + (0.05 * e)))];
        double[] values = falling ? Decay(1, 0.2, 30) : rising;
        using var plot = LossPlot.Draw([("accuracy", values), ("test accuracy", [.. values.Select(v => v * 0.98)])], "history", falling ? "loss" : "accuracy", logY: false);
        plot.GetImageBytes(800, 500, ScottPlot.ImageFormat.Png);

        var data = plot.RenderManager.LastRender.DataRect;
        var size = plot.Legend.LastRenderSize;
        bool right = plot.Legend.Alignment is ScottPlot.Alignment.UpperRight or ScottPlot.Alignment.LowerRight;
        bool upper = plot.Legend.Alignment is ScottPlot.Alignment.UpperRight or ScottPlot.Alignment.UpperLeft;
        Assert.True(size.Width > 20 && size.Height > 10, $"legend drawn {size.Width}×{size.Height}");
        float left = right ? data.Right - size.Width - 20 : data.Left, rightEdge = right ? data.Right : data.Left + size.Width + 20;
        float top = upper ? data.Top : data.Bottom - size.Height - 20, bottom = upper ? data.Top + size.Height + 20 : data.Bottom;
        foreach (var curve in new[] { values, values.Select(v => v * 0.98).ToArray() })
        {
            for (int i = 0; i + 1 < curve.Length; i++)
            {
                for (double t = 0; t <= 1; t += 0.05) // along each segment, not only at the points
                {
                    var pixel = plot.GetPixel(new ScottPlot.Coordinates(i + 1 + t, curve[i] + (t * (curve[i + 1] - curve[i]))));
                    Assert.False(
                        pixel.X >= left && pixel.X <= rightEdge && pixel.Y >= top && pixel.Y <= bottom,
                        $"the legend ({plot.Legend.Alignment}) covers the curve at epoch {i + 1 + t:0.##}");
                }
            }
        }
    }

    [Fact]
    public void No_series_is_an_error()
    {
        using var folder = new ScratchFolder();
        Assert.Throws<ArgumentException>(() => LossPlot.Save([], folder.File("x.png"), "empty"));
        Assert.Empty(folder.Names());
    }
}
