using Nabla.Data;

namespace Nabla.Tests.Data;

public class CsvDataTests
{
    [Fact]
    public void Read_SplitsFeaturesFromTheLabel_InFileOrder()
    {
        string path = TempFiles.Write("flowers.csv", "a, label ,b\n1,x,2\n\n\"3\",\"y, z\",4.5e1\n");
        var table = CsvData.Read(path, "label");

        Assert.Equal(["a", "label", "b"], table.Header);
        Assert.Equal(1, table.LabelColumn);
        Assert.Equal([1.0, 2, 3, 45], table.X.ToArray());
        Assert.Equal(["x", "y, z"], table.Labels);
        Assert.False(table.LabelsAreNumbers);
    }

    [Fact]
    public void ClassNames_AreSortedAndIndexed_NumericLabelsAsNumbers()
    {
        string path = TempFiles.Write("d.csv", "x,label\n1,10\n2,2\n3,0\n4,2\n");
        var table = CsvData.Read(path, "label");
        Assert.True(table.LabelsAreNumbers);
        var classes = table.ToClasses();
        Assert.Equal(["0", "2", "10"], classes.Classes);
        Assert.Equal([2, 1, 0, 1], classes.Labels);
        Assert.Equal([10.0, 2, 0, 2], table.ToTargets().Y.ToArray());
    }

    [Theory]
    [InlineData("x,y,label\n1,2,a\n3,abc,b\n", "line 3, column 2 \"y\"", "\"abc\" is not a number")]
    [InlineData("x,y,label\n1,2,a\n3,NaN,b\n", "line 3, column 2 \"y\"", "not a finite number")]
    [InlineData("x,y,label\n1,Infinity,a\n", "line 2, column 2 \"y\"", "not a finite number")]
    [InlineData("x,y,label\n1,,a\n", "line 2, column 2 \"y\"", "the cell is empty")]
    [InlineData("x,y,label\n1,2,a\n\n4,5\n", "line 4 has 2 values but the header has 3 columns", "column 3 \"label\" and after are missing")]
    [InlineData("x,y,label\n1,2,a,9\n", "line 2 has 4 values but the header has 3 columns", "column 4 has no header")]
    [InlineData("x,y,label\n1,2,\n", "line 2, column 3 \"label\" (the label)", "the cell is empty")]
    [InlineData("x,y,label\n1,2,-Infinity\n", "line 2, column 3 \"label\" (the label)", "not a finite number")]
    [InlineData("x,y,species\n1,2,a\n", "line 1 (the header) has no column \"label\"", "1 \"x\", 2 \"y\", 3 \"species\"")]
    [InlineData("x,y,Label\n1,2,a\n", "has no column \"label\" (did you mean \"Label\"?)", "3 \"Label\"")]
    [InlineData("x,x,label\n1,2,a\n", "line 1, column 2 \"x\"", "column 1 has the same name")]
    [InlineData("x,\"y,label\n", "line 1, column 2", "never closed")]
    [InlineData("\n  \n", "line 1: the file is empty", "write a header line")]
    [InlineData("x,y,label\n", "line 1 is the header, but no example follows it", "add one example per line")]
    public void Problems_NameTheFileLineColumnAndFix(string text, string where, string problem)
    {
        string path = TempFiles.Write("bad.csv", text);
        var e = Assert.Throws<NablaException>(() => CsvData.Read(path, "label"));
        Assert.StartsWith($"{path}: ", e.Message);
        Assert.Contains(where, e.Message);
        Assert.Contains(problem, e.Message);
        Assert.Contains(". Fix: ", e.Message);
        Assert.DoesNotContain("\n", e.Message);
    }

    [Fact]
    public void MissingFile_SaysSoAndWhereRelativePathsStart()
    {
        string path = Path.Combine(TempFiles.Folder(), "nowhere.csv");
        var e = Assert.Throws<NablaException>(() => CsvData.Read(path, "label"));
        Assert.Equal($"{path}: the file does not exist. Fix: check \"csv\" in the spec's \"data\"; a relative path is read from the spec file's folder.", e.Message);
    }
}
