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
    public void Counts_must_be_square_with_a_name_per_class()
    {
        using var folder = new ScratchFolder();
        Assert.Throws<ArgumentException>(() => ConfusionPlot.Save(new int[2, 3], ["a", "b"], folder.File("c.png"), "t"));
        Assert.Throws<ArgumentException>(() => ConfusionPlot.Save(new int[2, 2], ["a"], folder.File("c.png"), "t"));
        Assert.Empty(folder.Names());
    }
}
