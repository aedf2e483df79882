using System.Globalization;
using ScottPlot;

namespace Nabla.Plotting;

/// <summary>A confusion matrix as a grid of shaded, annotated cells.</summary>
public static class ConfusionPlot
{
    /// <summary>
    /// counts[actual, predicted]: actual classes run down the rows, predicted across the columns.
    /// Each cell shows its count and its share of the actual class; the shade follows that share.
    /// </summary>
    public static void Save(int[,] counts, IReadOnlyList<string> classNames, string path, string title, int width = 600, int height = 550)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(classNames);
        PlotFile.Validate(path, width, height);
        int k = counts.GetLength(0);
        if (k == 0 || counts.GetLength(1) != k || classNames.Count != k)
        {
            throw new ArgumentException(
                $"Counts must be square with one row per class: got {counts.GetLength(0)}×{counts.GetLength(1)} for {classNames.Count} class names.", nameof(counts));
        }

        using var plot = PlotLook.NewPlot();
        float fontSize = k <= 4 ? 18 : k <= 8 ? 13 : 9;
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

                string text = counts[a, p].ToString(CultureInfo.InvariantCulture)
                    + (rowTotal == 0 ? "" : "\n" + share.ToString("0%", CultureInfo.InvariantCulture));
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
        PlotFile.Save(plot, path, width, height);
    }

    /// <summary>White for 0 through to the first class colour for 1.</summary>
    private static Color Shade(double share)
    {
        Color full = ClassColors.Of(0);
        static byte Mix(byte to, double t) => (byte)Math.Round(255 + ((to - 255) * t));
        return new Color(Mix(full.R, share), Mix(full.G, share), Mix(full.B, share), (byte)255);
    }
}
