using Nabla.Data;
using Nabla.Training;

namespace Nabla.Tests.Training;

public class ConfusionMatrixTests
{
    [Theory]
    [InlineData(0.5, 1)]
    [InlineData(0.49999, 0)]
    [InlineData(0.93, 1)]
    [InlineData(0.0, 0)]
    public void One_column_is_class_one_from_one_half_up(double yHat, int expected) =>
        Assert.Equal(expected, ClassLabels.IndexOf([yHat]));

    [Fact]
    public void Several_columns_give_the_argmax_first_on_ties()
    {
        Assert.Equal(2, ClassLabels.IndexOf([0.1, 0.2, 0.7]));
        Assert.Equal(0, ClassLabels.IndexOf([0.9, 0.05, 0.05]));
        Assert.Equal(1, ClassLabels.IndexOf([0.2, 0.4, 0.4]));
    }

    [Fact]
    public void Binary_counts_are_indexed_actual_then_predicted()
    {
        double[][] outputs = [[0.9], [0.2], [0.6], [0.4], [0.7]];
        double[][] targets = [[1], [0], [0], [1], [1]];

        var cm = ConfusionMatrix.From(outputs, targets);

        Assert.Equal(2, cm.Classes);
        Assert.Equal(5, cm.Total);
        Assert.Equal(new int[,] { { 1, 1 }, { 1, 2 } }, cm.Counts);
        Assert.Equal(0.6, cm.Accuracy, 12);
    }

    [Fact]
    public void One_hot_counts_and_accuracy()
    {
        double[][] outputs = [[0.8, 0.1, 0.1], [0.1, 0.8, 0.1], [0.1, 0.1, 0.8], [0.6, 0.3, 0.1]];
        double[][] targets = [[1, 0, 0], [0, 1, 0], [0, 1, 0], [0, 0, 1]];

        var cm = ConfusionMatrix.From(outputs, targets);

        Assert.Equal(3, cm.Classes);
        Assert.Equal(new int[,] { { 1, 0, 0 }, { 0, 1, 1 }, { 1, 0, 0 } }, cm.Counts);
        Assert.Equal(0.5, cm.Accuracy, 12);
    }

    [Fact]
    public void Counts_is_a_copy()
    {
        var cm = ConfusionMatrix.From([[1.0]], [[1.0]]);
        cm.Counts[1, 1] = 42;
        Assert.Equal(1, cm.Counts[1, 1]);
    }

    [Fact]
    public void Markdown_table_has_actual_rows_and_predicted_columns()
    {
        var cm = ConfusionMatrix.From([[0.9], [0.2], [0.6], [0.4], [0.7]], [[1], [0], [0], [1], [1]]);

        string md = cm.ToMarkdown(["no", "a|b"]);

        Assert.Equal(
            "| actual \\ predicted | no | a\\|b |\n" +
            "| --- | ---: | ---: |\n" +
            "| no | 1 | 1 |\n" +
            "| a\\|b | 1 | 2 |",
            md);
    }

    [Fact]
    public void Mismatched_shapes_and_names_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => ConfusionMatrix.From([[0.1]], [[1], [0]]));
        Assert.Throws<ArgumentException>(() => ConfusionMatrix.From([[0.1, 0.9]], [[1]]));
        Assert.Throws<ArgumentException>(() => ConfusionMatrix.From([[1.0]], [[1.0]]).ToMarkdown(["only one"]));
    }
}
