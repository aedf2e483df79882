using Nabla.Plotting;

namespace Nabla.Tests.Plotting;

public class ConfusionPlotTests
{
    private static readonly int[,] Counts = { { 50, 0, 0 }, { 0, 46, 4 }, { 0, 3, 47 } };

    [Fact]
    public void Png_has_the_size_asked_for_and_shaded_cells()
    {
        using var folder = new ScratchFolder();
        string path = folder.File("confusion.png");

        ConfusionPlot.Save(Counts, ["setosa", "versicolor", "virginica"], path, "iris");

        var bitmap = Picture.AssertPng(path, 600, 550);
        // A full row share (setosa → setosa, 50 of 50) is drawn in the full class colour.
        var (full, _) = Picture.Where(bitmap, Picture.Sk(ClassColors.Of(0)));
        Assert.True(full > 2000, $"{full} pixels of the full shade");
    }

    [Fact]
    public void Svg_names_the_classes_and_shows_the_counts()
    {
        using var folder = new ScratchFolder();
        string path = folder.File("confusion.svg");

        ConfusionPlot.Save(Counts, ["setosa", "versicolor", "virginica"], path, "iris", 500, 450);

        string text = Picture.AssertSvg(path, 500, 450).ToString();
        foreach (string expected in new[] { "setosa", "versicolor", "virginica", "predicted", "actual", "46", "47" })
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Ten_classes_get_cell_text_that_fits_and_is_readable_and_empty_cells_stay_blank()
    {
        const int k = 10;
        var counts = new int[k, k];
        for (int c = 0; c < k; c++)
        {
            counts[c, c] = 35;
        }

        counts[4, 9] = 3;
        counts[8, 1] = 1;
        string[] names = [.. Enumerable.Range(0, k).Select(c => c.ToString(System.Globalization.CultureInfo.InvariantCulture))];
        int width = ConfusionPlot.DefaultWidth(k), height = ConfusionPlot.DefaultHeight(k);

        using var plot = ConfusionPlot.Draw(counts, names, "digits", width, height);
        plot.GetImageBytes(width, height, ScottPlot.ImageFormat.Png);

        var texts = plot.GetPlottables<ScottPlot.Plottables.Text>().ToArray();
        Assert.Equal(k + 2, texts.Length); // the non-empty cells only
        Assert.DoesNotContain(texts, t => t.LabelText.StartsWith("0\n", StringComparison.Ordinal));
        var data = plot.RenderManager.LastRender.DataRect;
        float cellHeight = data.Height / k, cellWidth = data.Width / k;
        foreach (var text in texts)
        {
            Assert.True(text.LabelFontSize >= 14, $"cell text of {text.LabelFontSize} px");
            Assert.True(2.6 * text.LabelFontSize <= cellHeight, $"two lines of {text.LabelFontSize} px in a cell {cellHeight:0} px high");
            Assert.True(2.6 * text.LabelFontSize <= cellWidth, $"'100%' at {text.LabelFontSize} px in a cell {cellWidth:0} px wide");
        }
    }

    [Fact]
    public void Counts_must_be_square_with_a_name_per_class()
    {
        using var folder = new ScratchFolder();
        Assert.Throws<ArgumentException>(() => ConfusionPlot.Save(new int[2, 3], ["a", "b"], folder.File("c.png"), "t"));
        Assert.Throws<ArgumentException>(() => ConfusionPlot.Save(new int[2, 2], ["a"], folder.File("c.png"), "t"));
        Assert.Empty(folder.Names());
    }
}
