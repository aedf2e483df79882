using ScottPlot;

namespace Nabla.Plotting;

/// <summary>Loss (or any per-epoch quantity) against the epoch, one curve per series.</summary>
public static class LossPlot
{
    /// <summary>
    /// One curve per series (e.g. "lr 0.1", "lr 0.5" or "loss", "bce"), x = epoch 1..n.
    /// <paramref name="logY"/>: log-scale y axis when all values are &gt; 0; when null, log is chosen if the values span more than two decades.
    /// Non-finite values (a diverged run) and values beyond ±1e300 (whose span no axis can hold) are left out of the curve.
    /// <paramref name="epochs"/>: each series' epoch numbers (a long run keeps only some epochs); null: 1..n.
    /// The legend goes in the corner the curves leave freest.
    /// </summary>
    public static void Save(
        IReadOnlyList<(string Label, double[] Values)> series,
        string path,
        string title,
        string yLabel = "loss",
        bool? logY = null,
        int width = 800,
        int height = 500,
        IReadOnlyList<double[]>? epochs = null)
    {
        PlotFile.Validate(path, width, height);
        using var plot = Draw(series, title, yLabel, logY, epochs);
        PlotFile.Save(plot, path, width, height);
    }

    /// <summary>The plot <see cref="Save"/> writes, for a caller (or test) that looks at it before saving.</summary>
    internal static Plot Draw(
        IReadOnlyList<(string Label, double[] Values)> series,
        string title,
        string yLabel = "loss",
        bool? logY = null,
        IReadOnlyList<double[]>? epochs = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (series.Count == 0)
        {
            throw new ArgumentException("A loss plot needs at least one series.", nameof(series));
        }

        bool log = LogAxis.Wanted(series.SelectMany(s => s.Values), logY);
        var plot = PlotLook.NewPlot();
        var points = new List<(double X, double Y)>();
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        for (int s = 0; s < series.Count; s++)
        {
            var (xs, ys) = Points(series[s].Values, epochs?[s], log);
            for (int i = 0; i < ys.Length; i++)
            {
                double y = ys[i];
                points.Add((xs[i], y));
                lo = Math.Min(lo, y);
                hi = Math.Max(hi, y);
            }

            var line = plot.Add.ScatterLine(xs, ys, ClassColors.Of(s));
            line.LegendText = series[s].Label;
            line.LineWidth = 2;
            line.MarkerSize = series[s].Values.Length <= 40 ? 5 : 0;
        }

        if (log && lo <= hi)
        {
            LogAxis.Apply(plot, lo, hi);
        }
        else
        {
            plot.Axes.AutoScale();
        }

        plot.Title(title);
        plot.XLabel("epoch");
        plot.YLabel(yLabel);
        if (series.Count > 1 || !string.IsNullOrEmpty(series[0].Label))
        {
            plot.ShowLegend(FreestCorner(points, plot.Axes.GetLimits()));
        }

        return plot;
    }

    /// <summary>
    /// The corner of <paramref name="limits"/> with the fewest points in the box a legend takes there
    /// (the outer 40 % across, 30 % up or down); upper right first, then lower right, upper left, lower left.
    /// </summary>
    internal static Alignment FreestCorner(IReadOnlyList<(double X, double Y)> points, AxisLimits limits)
    {
        Alignment[] corners = [Alignment.UpperRight, Alignment.LowerRight, Alignment.UpperLeft, Alignment.LowerLeft];
        int Inside(Alignment corner)
        {
            bool right = corner is Alignment.UpperRight or Alignment.LowerRight;
            bool upper = corner is Alignment.UpperRight or Alignment.UpperLeft;
            return points.Count(p =>
            {
                double fx = (p.X - limits.Left) / limits.HorizontalSpan, fy = (p.Y - limits.Bottom) / limits.VerticalSpan;
                return (right ? fx >= 0.6 : fx <= 0.4) && (upper ? fy >= 0.7 : fy <= 0.3);
            });
        }

        return corners.MinBy(Inside);
    }

    /// <summary>(epoch, value) for the finite values, the value as log₁₀ when <paramref name="log"/>.</summary>
    private static (double[] Xs, double[] Ys) Points(double[] values, double[]? epochs, bool log)
    {
        var xs = new List<double>(values.Length);
        var ys = new List<double>(values.Length);
        for (int i = 0; i < values.Length; i++)
        {
            if (double.IsFinite(values[i]) && Math.Abs(values[i]) <= 1e300)
            {
                xs.Add(epochs?[i] ?? i + 1);
                ys.Add(log ? Math.Log10(values[i]) : values[i]);
            }
        }

        return ([.. xs], [.. ys]);
    }
}
