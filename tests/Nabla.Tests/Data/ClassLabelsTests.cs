using Nabla.Data;

namespace Nabla.Tests.Data;

public class ClassLabelsTests
{
    [Fact]
    public void Numbers_SortAsNumbers_Names_SortOrdinally()
    {
        Assert.Equal(["0", "1", "2", "9", "10"], ClassLabels.Order(["10", "2", "0", "9", "1", "2"]));
        Assert.Equal(["-1.5", "0", "3"], ClassLabels.Order(["3", "-1.5", "0"]));
        Assert.Equal(["setosa", "versicolor", "virginica"], ClassLabels.Order(["virginica", "setosa", "versicolor", "setosa"]));
        Assert.Equal(["B", "a", "b"], ClassLabels.Order(["b", "a", "B"])); // ordinal: capitals first
        Assert.Equal(["1", "10", "x"], ClassLabels.Order(["x", "10", "1"])); // not all numbers: as strings
    }

    [Fact]
    public void OutputRow_MapsToItsClass()
    {
        string[] classes = ["setosa", "versicolor", "virginica"];
        Assert.Equal("versicolor", ClassLabels.NameOf(classes, [0.1, 0.7, 0.2]));
        Assert.Equal(0, ClassLabels.IndexOf([0.4, 0.4, 0.2])); // a tie goes to the first
        Assert.Equal("yes", ClassLabels.NameOf(["no", "yes"], [0.5]));
        Assert.Equal("no", ClassLabels.NameOf(["no", "yes"], [0.49]));
    }

    [Theory]
    [InlineData(3, 3, true)]
    [InlineData(2, 1, true)]
    [InlineData(2, 2, true)]
    [InlineData(3, 1, false)]
    [InlineData(3, 2, false)]
    public void Fit_OneUnitPerClass_OrOneUnitForTwo(int classes, int outputs, bool fits)
    {
        Assert.Equal(fits, ClassLabels.Fit(classes, outputs));
    }

    [Fact]
    public void Encode_OneColumnForTwoClassesAndOneUnit_ElseOneHot()
    {
        var data = new LabelledData("d", new Nabla.Tensors.Matrix<double>(3, 1), [1, 0, 1], ["a", "b"]);
        Assert.Equal([1.0, 0, 1], data.Encode(1).Y.ToArray());
        Assert.Equal([0.0, 1, 1, 0, 0, 1], data.Encode(2).Y.ToArray());
        Assert.Throws<ArgumentException>(() => data.Encode(3));
    }
}
