using Nabla.App;
using Nabla.Specs;
using Nabla.Tests.Data;

namespace Nabla.Tests.Specs;

public class CsvSpecTests
{
    private const string Flowers = "width,height,label\n1,1,b\n2,2,a\n3,3,c\n4,4,a\n5,5,b\n6,6,c\n";

    /// <summary>A spec beside data/&lt;name&gt;.csv in a fresh folder.</summary>
    private static ModelSpec Spec(string csv, int outputs, string activation, string loss, string extra = "", int inputs = 2)
    {
        string dir = TempFiles.Folder();
        TempFiles.Write("data/t.csv", csv, dir);
        string spec = TempFiles.Write("spec.json", $$"""
            { "inputs": {{inputs}}, "layers": [ { "units": {{outputs}}, "activation": "{{activation}}" } ], "loss": "{{loss}}",
              "data": { "csv": "data/t.csv", "label": "label"{{extra}} } }
            """, dir);
        return SpecReader.ReadFile(spec);
    }

    [Fact]
    public void ClassLabels_AreOneHot_InSortedOrder()
    {
        var split = ModelBuilder.LoadSplit(Spec(Flowers, 3, "softmax", "cce"));
        Assert.Equal(["a", "b", "c"], split.Classes!);
        Assert.Equal([0.0, 1, 0, 1, 0, 0, 0, 0, 1], split.Train.Y.ToArray()[..9]); // b, a, c
        Assert.Equal([1.0, 1, 2, 2], split.Train.X.ToArray()[..4]);
    }

    [Fact]
    public void TwoClasses_AreOneColumnForOneUnit_AndOneHotForTwo()
    {
        const string csv = "x,y,label\n0,1,yes\n1,0,no\n1,1,yes\n";
        var one = ModelBuilder.LoadSplit(Spec(csv, 1, "sigmoid", "bce"));
        Assert.Equal(["no", "yes"], one.Classes!);
        Assert.Equal([1.0, 0, 1], one.Train.Y.ToArray());

        var two = ModelBuilder.LoadSplit(Spec(csv, 2, "softmax", "cce"));
        Assert.Equal([0.0, 1, 1, 0, 0, 1], two.Train.Y.ToArray());
    }

    [Fact]
    public void NumericLabel_WithASquaredErrorLossAndOneUnit_IsARegressionTarget()
    {
        const string csv = "x,y,label\n0,1,2.5\n1,0,-1\n1,1,10\n";
        var regression = ModelBuilder.LoadSplit(Spec(csv, 1, "identity", "mse"));
        Assert.Null(regression.Classes);
        Assert.Equal([2.5, -1, 10], regression.Train.Y.ToArray());

        // The same numbers with three output units are three classes, sorted as numbers.
        var classes = ModelBuilder.LoadSplit(Spec(csv, 3, "softmax", "mse"));
        Assert.Equal(["-1", "2.5", "10"], classes.Classes!);
    }

    [Theory]
    [InlineData(2, "softmax", "cce", "column 3 \"label\" holds 3 classes (a, b, c) but the last layer in", "has 2 units. Fix: make the last layer's \"units\" 3 (one per class).")]
    [InlineData(1, "sigmoid", "cce", "column 3 \"label\" holds 3 classes", "make the last layer's \"units\" 3")]
    public void ClassesThatDoNotFitTheOutputs_NameTheFileColumnAndFix(int outputs, string activation, string loss, string problem, string fix)
    {
        var spec = Spec(Flowers, outputs, activation, loss);
        var e = Assert.Throws<NablaException>(() => ModelBuilder.LoadSplit(spec));
        Assert.StartsWith(Path.Combine(Path.GetDirectoryName(spec.File)!, "data/t.csv") + ": ", e.Message);
        Assert.Contains(problem, e.Message);
        Assert.Contains(spec.File, e.Message);
        Assert.Contains(fix, e.Message);
    }

    [Fact]
    public void TwoClassesOnOneUnit_WithCce_IsRejectedByTheLoss()
    {
        var spec = Spec("x,y,label\n0,1,a\n1,0,b\n", 1, "sigmoid", "cce");
        var e = Assert.Throws<NablaException>(() => ModelBuilder.LoadSplit(spec));
        Assert.Contains("column 3 \"label\" holds 2 classes, written as one 0/1 column for the one output unit, which \"cce\" cannot learn (label row 1 sums to 0, not 1;", e.Message);
        Assert.Contains("Fix: use \"bce\" with one sigmoid unit, or two softmax units with \"cce\".", e.Message);
    }

    [Fact]
    public void FeatureColumns_MustMatchTheInputs()
    {
        var e = Assert.Throws<NablaException>(() => ModelBuilder.LoadSplit(Spec(Flowers, 3, "softmax", "cce", inputs: 4)));
        Assert.Contains("the CSV has 2 feature columns (all but column 3 \"label\")", e.Message);
        Assert.Contains("Fix: make \"inputs\" 2.", e.Message);
    }

    [Fact]
    public void MissingCsv_NamesTheResolvedPath()
    {
        string spec = TempFiles.Write("spec.json", """
            { "inputs": 2, "layers": [ { "units": 1, "activation": "sigmoid" } ], "loss": "bce", "data": { "csv": "gone.csv", "label": "y" } }
            """);
        var e = Assert.Throws<NablaException>(() => ModelBuilder.LoadSplit(SpecReader.ReadFile(spec)));
        Assert.StartsWith(Path.Combine(Path.GetDirectoryName(spec)!, "gone.csv") + ": the file does not exist. Fix:", e.Message);
    }

    [Fact]
    public void StratifiedSplit_KeepsEveryClassInBothParts()
    {
        string csv = "x,y,label\n" + string.Concat(Enumerable.Range(0, 30).Select(i => $"{i},{i % 7},{"abc"[i % 3]}\n"));
        var split = ModelBuilder.LoadSplit(Spec(csv, 3, "softmax", "cce", ", \"test\": 0.2, \"split_seed\": 4"));
        Assert.Equal(24, split.Train.Count);
        Assert.Equal([2.0, 2, 2], Enumerable.Range(0, 3).Select(j => Examples.Column(split.Test!.Y, j).Sum()));
    }
}
