using Nabla.Data;
using Nabla.Training;
using ScottPlot;
using ScottPlot.Plottables;

namespace Nabla.Plotting;

/// <summary>The decision regions of a two-input classifier with the data drawn on top.</summary>
public static class BoundaryPlot
{
    /// <summary>Grid cells per axis (predict sees Resolution² rows at once); odd, so every fourth point reaches both edges.</summary>
    internal const int Resolution = 201;

    /// <summary>Extra room around the data on each side, as a fraction of its range.</summary>
    private const double Margin = 0.15;

    /// <summary>The heading of the legend: its entries are the classes of the data points.</summary>
    internal const string LegendTitle = "class";

    /// <summary>
    /// Colours each point of a grid over the data (plus a margin) by the class the model predicts there,
    /// draws the ŷ = ½ contour for a one-column output, and puts the data points on top in their true class's colour.
    /// <paramref name="predict"/> maps input rows (each a double[2]) to output rows, read by ConfusionMatrix.ClassOf.
    /// </summary>
    public static void Save(
        Func<double[][], double[][]> predict,
        double[][] x,
        int[] labels,
        IReadOnlyList<string> classNames,
        string path,
        string title,
        int width = 700,
        int height = 600)
    {
        ArgumentNullException.ThrowIfNull(predict);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(classNames);
        PlotFile.Validate(path, width, height);
        Check(x, labels, classNames);

        CoordinateRect area = Area(x);
        double[][] grid = GridPoints(area);
        double[][] outputs = predict(grid);
        if (outputs is null || outputs.Length != grid.Length)
        {
            throw new InvalidOperationException($"predict returned {outputs?.Length ?? 0} rows for {grid.Length} inputs.");
        }

        using var regions = Regions(outputs);
        using var plot = PlotLook.NewPlot();
        plot.Add.ImageRect(regions, area).AntiAlias = false;
        if (outputs[0].Length == 1)
        {
            AddHalfContour(plot, grid, outputs);
        }

        plot.Legend.ManualItems.Add(new LegendItem { LabelText = LegendTitle, MarkerShape = MarkerShape.None, LabelBold = true });
        for (int c = 0; c < classNames.Count; c++)
        {
            var rows = Enumerable.Range(0, x.Length).Where(i => labels[i] == c).ToArray();
            var points = plot.Add.ScatterPoints(rows.Select(i => x[i][0]).ToArray(), rows.Select(i => x[i][1]).ToArray(), ClassColors.Of(c));
            points.MarkerSize = x.Length <= 200 ? 9 : 6;
            points.MarkerStyle.OutlineColor = Colors.White;
            points.MarkerStyle.OutlineWidth = 1;
            plot.Legend.ManualItems.Add(new LegendItem
            {
                LabelText = classNames[c],
                MarkerShape = MarkerShape.FilledCircle,
                MarkerSize = points.MarkerSize,
                MarkerFillColor = ClassColors.Of(c),
                MarkerLineColor = ClassColors.Of(c),
            });
        }

        plot.Axes.SetLimits(area);
        plot.HideGrid();
        plot.Title(title);
        plot.XLabel("x₁");
        plot.YLabel("x₂");
        plot.ShowLegend(Edge.Right);
        PlotFile.Save(plot, path, width, height);
    }

    private static void Check(double[][] x, int[] labels, IReadOnlyList<string> classNames)
    {
        if (x.Length == 0)
        {
            throw new ArgumentException("A boundary plot needs at least one data point.", nameof(x));
        }

        if (labels.Length != x.Length)
        {
            throw new ArgumentException($"{labels.Length} labels for {x.Length} points.", nameof(labels));
        }

        for (int i = 0; i < x.Length; i++)
        {
            if (x[i] is not { Length: 2 } || !double.IsFinite(x[i][0]) || !double.IsFinite(x[i][1]))
            {
                throw new ArgumentException($"Point {i}: a boundary plot needs exactly two finite inputs per row.", nameof(x));
            }

            if (labels[i] < 0 || labels[i] >= classNames.Count)
            {
                throw new ArgumentException($"Point {i}: label {labels[i]} is not one of the {classNames.Count} classes.", nameof(labels));
            }
        }
    }

    /// <summary>The data's bounding box grown by <see cref="Margin"/> (at least ±0.5 on a flat axis).</summary>
    internal static CoordinateRect Area(double[][] x)
    {
        (double Lo, double Hi) Range(int j)
        {
            double lo = x.Min(r => r[j]), hi = x.Max(r => r[j]);
            double pad = hi > lo ? (hi - lo) * Margin : 0.5;
            return (lo - pad, hi + pad);
        }

        var (left, right) = Range(0);
        var (bottom, top) = Range(1);
        return new CoordinateRect(left, right, bottom, top);
    }

    /// <summary>Cell centres, row-major from the top row (largest x₂) down, left to right.</summary>
    private static double[][] GridPoints(CoordinateRect area)
    {
        var grid = new double[Resolution * Resolution][];
        double dx = area.Width / Resolution, dy = area.Height / Resolution;
        for (int r = 0; r < Resolution; r++)
        {
            for (int c = 0; c < Resolution; c++)
            {
                grid[(r * Resolution) + c] = [area.Left + ((c + 0.5) * dx), area.Top - ((r + 0.5) * dy)];
            }
        }

        return grid;
    }

    /// <summary>One pixel per grid cell in the light colour of the predicted class.</summary>
    private static Image Regions(double[][] outputs)
    {
        var pixels = new byte[Resolution, Resolution, 3];
        for (int r = 0; r < Resolution; r++)
        {
            for (int c = 0; c < Resolution; c++)
            {
                Color color = ClassColors.Light(ClassLabels.IndexOf(outputs[(r * Resolution) + c]));
                pixels[r, c, 0] = color.R;
                pixels[r, c, 1] = color.G;
                pixels[r, c, 2] = color.B;
            }
        }

        return new Image(pixels);
    }

    /// <summary>The ŷ = ½ line, traced on every fourth grid point (plenty for a smooth curve, cheap to contour); none when ŷ never crosses ½.</summary>
    private static void AddHalfContour(Plot plot, double[][] grid, double[][] outputs)
    {
        const int step = 4;
        const int n = ((Resolution - 1) / step) + 1;
        var coordinates = new Coordinates3d[n, n];
        for (int r = 0; r < n; r++)
        {
            for (int c = 0; c < n; c++)
            {
                int k = (r * step * Resolution) + (c * step);
                coordinates[n - 1 - r, c] = new Coordinates3d(grid[k][0], grid[k][1], outputs[k][0]);
            }
        }

        var zs = coordinates.Cast<Coordinates3d>().Select(p => p.Z).ToArray();
        if (!zs.All(double.IsFinite) || zs.Min() >= 0.5 || zs.Max() < 0.5)
        {
            return; // nothing to trace: one class everywhere, or outputs that are not numbers
        }

        var contour = new ContourLines { ContourLineLevels = [0.5] };
        contour.LabelStyle.IsVisible = false;
        contour.LineColor = Colors.Black.WithAlpha(0.6);
        contour.LineWidth = 1.5f;
        contour.Update(coordinates);
        plot.Add.Plottable(contour);
    }
}
