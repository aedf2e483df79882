using Nabla.Plotting;

namespace Nabla.Tests.Plotting;

public class PlotFileTests
{
    [Theory]
    [InlineData("plot.jpg")]
    [InlineData("plot")]
    [InlineData("plot.png.txt")]
    public void An_unknown_extension_is_an_argument_error(string name)
    {
        using var folder = new ScratchFolder();
        var error = Assert.Throws<ArgumentException>(() => LossPlot.Save([("loss", [1.0, 0.5])], folder.File(name), "t"));
        Assert.Contains(".png or .svg", error.Message, StringComparison.Ordinal);
        Assert.Empty(folder.Names());
    }

    [Theory]
    [InlineData("a.PNG", false)]
    [InlineData("a.Svg", true)]
    public void The_extension_is_read_without_regard_to_case(string name, bool svg) =>
        Assert.Equal(svg, PlotFile.IsSvg(name));

    [Fact]
    public void Overwriting_replaces_the_file_and_leaves_no_temp_file()
    {
        using var folder = new ScratchFolder();
        string path = folder.File("loss.png");
        File.WriteAllText(path, "old");

        LossPlot.Save([("loss", [1.0, 0.5, 0.25])], path, "overwrite", width: 300, height: 200);
        ConfusionPlot.Save(new[,] { { 3, 1 }, { 0, 4 } }, ["no", "yes"], folder.File("cm.svg"), "cm");

        Assert.Equal(["cm.svg", "loss.png"], folder.Names());
        Picture.AssertPng(path, 300, 200);
    }

    [Fact]
    public void A_missing_folder_is_created()
    {
        using var folder = new ScratchFolder();
        string path = Path.Combine(folder.Path, "plots", "loss.svg");

        LossPlot.Save([("loss", [1.0, 0.5])], path, "nested");

        Assert.True(File.Exists(path));
    }

    [Fact]
    public void A_size_below_one_pixel_is_rejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => LossPlot.Save([("loss", [1.0])], "x.png", "t", width: 0));
}
