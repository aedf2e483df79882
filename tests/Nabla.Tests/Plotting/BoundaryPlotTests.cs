using Nabla.Plotting;

namespace Nabla.Tests.Plotting;

public class BoundaryPlotTests
{
    // Two clusters split by the line x₁ = 0.
    private static readonly double[][] X = [[-1, -1], [-0.8, 0.6], [-0.6, 0.9], [0.7, -0.9], [0.9, 0.4], [1, 1]];
    private static readonly int[] Labels = [0, 0, 0, 1, 1, 1];

    private static double[][] Sigmoid(double[][] rows) => [.. rows.Select(r => new[] { 1 / (1 + Math.Exp(-5 * r[0])) })];

    private static double[][] OneHotThirds(double[][] rows) =>
        [.. rows.Select(r => r[0] < -0.35 ? new double[] { 1, 0, 0 } : r[0] < 0.35 ? [0, 1, 0] : [0, 0, 1])];

    [Fact]
    public void One_output_column_colours_the_left_and_right_halves_by_class()
    {
        using var folder = new ScratchFolder();
        string path = folder.File("boundary.png");
        int seen = 0;

        BoundaryPlot.Save(rows => { seen = rows.Length; return Sigmoid(rows); }, X, Labels, ["zero", "one"], path, "x₁ > 0", 500, 400);

        Assert.Equal(BoundaryPlot.Resolution * BoundaryPlot.Resolution, seen);
        var bitmap = Picture.AssertPng(path, 500, 400);
        var left = Picture.Where(bitmap, Picture.Sk(ClassColors.Light(0)));
        var right = Picture.Where(bitmap, Picture.Sk(ClassColors.Light(1)));
        Assert.True(left.Count > 0.1 * 500 * 400, $"class 0 region: {left.Count} pixels");
        Assert.True(right.Count > 0.1 * 500 * 400, $"class 1 region: {right.Count} pixels");
        Assert.True(right.MeanX - left.MeanX > 80, $"class 0 centred at x = {left.MeanX:F0}, class 1 at {right.MeanX:F0}");
        Close.Equal(left.Count, right.Count, 0.1, "the two regions are about equal");
    }

    [Fact]
    public void Several_columns_use_the_argmax_and_the_regions_run_left_to_right()
    {
        using var folder = new ScratchFolder();
        string path = folder.File("thirds.png");
        int[] labels = [0, 0, 0, 2, 2, 2];

        BoundaryPlot.Save(OneHotThirds, X, labels, ["a", "b", "c"], path, "three classes");

        var bitmap = Picture.AssertPng(path, 700, 600);
        double[] centres = [.. Enumerable.Range(0, 3).Select(c => Picture.Where(bitmap, Picture.Sk(ClassColors.Light(c))).MeanX)];
        Assert.True(centres[0] < centres[1] && centres[1] < centres[2], string.Join(", ", centres));
    }

    [Theory]
    [InlineData(0.9, 1)]
    [InlineData(double.NaN, 0)]
    public void A_prediction_without_a_boundary_fills_the_plot_with_one_class(double yHat, int expected)
    {
        using var folder = new ScratchFolder();
        string path = folder.File("flat.png");

        BoundaryPlot.Save(rows => [.. rows.Select(_ => new[] { yHat })], X, Labels, ["zero", "one"], path, "flat", 400, 300);

        var bitmap = Picture.AssertPng(path, 400, 300);
        Assert.Equal(0, Picture.Where(bitmap, Picture.Sk(ClassColors.Light(1 - expected))).Count);
        Assert.True(Picture.Where(bitmap, Picture.Sk(ClassColors.Light(expected))).Count > 0.3 * 400 * 300);
    }

    [Fact]
    public void The_grid_covers_the_data_with_a_margin()
    {
        var area = BoundaryPlot.Area([[0, 10], [2, 20]]);

        Assert.Equal((-0.3, 2.3), (Math.Round(area.Left, 12), Math.Round(area.Right, 12)));
        Assert.Equal((8.5, 21.5), (Math.Round(area.Bottom, 12), Math.Round(area.Top, 12)));
    }

    [Fact]
    public void Svg_is_well_formed()
    {
        using var folder = new ScratchFolder();
        string path = folder.File("boundary.svg");

        BoundaryPlot.Save(Sigmoid, X, Labels, ["zero", "one"], path, "svg", 500, 400);

        Picture.AssertSvg(path, 500, 400);
        Assert.Equal(["boundary.svg"], folder.Names());
    }

    [Fact]
    public void The_legend_is_headed_class_above_the_class_names()
    {
        using var folder = new ScratchFolder();
        string path = folder.File("boundary.svg");

        BoundaryPlot.Save(Sigmoid, X, Labels, ["zero", "one"], path, "legend", 500, 400);

        var texts = Picture.AssertSvg(path, 500, 400).Descendants().Where(e => e.Name.LocalName == "text")
            .Select(e => e.Value.Trim()).ToList();
        int title = texts.IndexOf(BoundaryPlot.LegendTitle);
        Assert.True(title >= 0, $"no legend title among: {string.Join(" | ", texts)}");
        Assert.True(texts.IndexOf("zero") > title && texts.IndexOf("one") > title, string.Join(" | ", texts));
    }

    [Fact]
    public void Bad_inputs_are_rejected_before_anything_is_written()
    {
        using var folder = new ScratchFolder();
        string path = folder.File("b.png");

        Assert.Throws<ArgumentException>(() => BoundaryPlot.Save(Sigmoid, [[0, 0, 0]], [0], ["a", "b"], path, "3 inputs"));
        Assert.Throws<ArgumentException>(() => BoundaryPlot.Save(Sigmoid, X, [0, 1], ["a", "b"], path, "too few labels"));
        Assert.Throws<ArgumentException>(() => BoundaryPlot.Save(Sigmoid, X, [0, 0, 0, 2, 2, 2], ["a", "b"], path, "label 2 of 2"));
        Assert.Throws<InvalidOperationException>(() => BoundaryPlot.Save(_ => [], X, Labels, ["a", "b"], path, "no rows back"));
        Assert.Empty(folder.Names());
    }
}
