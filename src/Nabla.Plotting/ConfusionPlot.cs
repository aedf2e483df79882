using System.Globalization;
using ScottPlot;

namespace Nabla.Plotting;

/// <summary>A confusion matrix as a grid of shaded, annotated cells.</summary>
public static class ConfusionPlot
{
    /// <summary>
    /// counts[actual, predicted]: actual classes run down the rows, predicted across the columns.
    /// Each non-empty cell shows its count and its share of the actual class; the shade follows that share;
    /// an empty cell stays blank. Without a size the image grows with the number of classes (600×550 up to
    /// four, about 70 pixels a cell beyond), and the cell text is sized to the cell.
    /// </summary>
    public static void Save(int[,] counts, IReadOnlyList<string> classNames, string path, string title, int? width = null, int? height = null)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var (w, h) = (width ?? DefaultWidth(counts.GetLength(0)), height ?? DefaultHeight(counts.GetLength(0)));
        PlotFile.Validate(path, w, h);
        using var plot = Draw(counts, classNames, title, w, h);
        PlotFile.Save(plot, path, w, h);
    }

    internal static int DefaultWidth(int classes) => Math.Max(600, 150 + (70 * classes));

    internal static int DefaultHeight(int classes) => Math.Max(550, 130 + (65 * classes));

    /// <summary>Cell text size (pixels) for <paramref name="classes"/> cells across a <paramref name="width"/>×<paramref name="height"/> image: two lines fit a cell.</summary>
    internal static float FontSize(int classes, int width, int height)
    {
        double cell = Math.Min((width - 110.0) / classes, (height - 120.0) / classes);
        return (float)Math.Clamp(cell / 3.4, 10, 18);
    }

    /// <summary>The plot <see cref="Save"/> writes.</summary>
    internal static Plot Draw(int[,] counts, IReadOnlyList<string> classNames, string title, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(classNames);
        int k = counts.GetLength(0);
        if (k == 0 || counts.GetLength(1) != k || classNames.Count != k)
        {
            throw new ArgumentException(
                $"Counts must be square with one row per class: got {counts.GetLength(0)}×{counts.GetLength(1)} for {classNames.Count} class names.", nameof(counts));
        }

        var plot = PlotLook.NewPlot();
        float fontSize = FontSize(k, width, height);
        for (int a = 0; a < k; a++)
        {
            int rowTotal = Enumerable.Range(0, k).Sum(p => counts[a, p]);
            for (int p = 0; p < k; p++)
            {
                double share = rowTotal == 0 ? 0 : (double)counts[a, p] / rowTotal;
                double y = k - 1 - a;
                var cell = plot.Add.Rectangle(p - 0.5, p + 0.5, y - 0.5, y + 0.5);
                cell.FillColor = Shade(share);
                cell.LineColor = Colors.White;
                cell.LineWidth = 1;
                if (counts[a, p] == 0)
                {
                    continue;
                }

                string text = counts[a, p].ToString(CultureInfo.InvariantCulture)
                    + "\n" + (share < 0.005 ? "<1%" : share.ToString("0%", CultureInfo.InvariantCulture));
                var label = plot.Add.Text(text, p, y);
                label.Alignment = Alignment.MiddleCenter;
                label.LabelFontSize = fontSize;
                label.LabelFontColor = share > 0.5 ? Colors.White : Colors.Black;
                label.LabelBold = a == p;
            }
        }

        double[] positions = [.. Enumerable.Range(0, k).Select(i => (double)i)];
        plot.Axes.Bottom.SetTicks(positions, [.. classNames]);
        plot.Axes.Left.SetTicks([.. positions.Select(i => k - 1 - i)], [.. classNames]);
        plot.Axes.Bottom.TickLabelStyle.FontSize = 15;
        plot.Axes.Left.TickLabelStyle.FontSize = 15;
        plot.Axes.SetLimits(-0.5, k - 0.5, -0.5, k - 0.5);
        plot.HideGrid();
        plot.Title(title);
        plot.XLabel("predicted");
        plot.YLabel("actual");
        return plot;
    }

    /// <summary>White for 0 through to the first class colour for 1.</summary>
    private static Color Shade(double share)
    {
        Color full = ClassColors.Of(0);
        static byte Mix(byte to, double t) => (byte)Math.Round(255 + ((to - 255) * t));
        return new Color(Mix(full.R, share), Mix(full.G, share), Mix(full.B, share), (byte)255);
    }
}
