using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Nabla.Training;

namespace Nabla.Tests.Training;

/// <summary>
/// Precision, recall, F1 (per class and macro), ROC AUC and the regression scores against scikit-learn's values
/// (Reference/sklearn_metrics.py, run once with Debian's python3-sklearn; its output is Reference/sklearn_metrics.json).
/// </summary>
public class MetricsReferenceTests
{
    private static readonly JsonArray Cases = JsonNode.Parse(File.ReadAllText(Path.Combine(Folder(), "Reference", "sklearn_metrics.json")))!["cases"]!.AsArray();

    private static JsonNode Case(string name) => Cases.Single(c => (string)c!["name"]! == name)!;

    private static double[][] Rows(JsonNode node) => node.AsArray().Select(r => r!.AsArray().Select(v => (double)v!).ToArray()).ToArray();

    [Theory]
    [InlineData("three classes")]
    [InlineData("binary with ties")]
    public void ClassScores_AreScikitLearns(string name)
    {
        var c = Case(name);
        var confusion = ConfusionMatrix.From(Rows(c["outputs"]!), Rows(c["targets"]!));
        var precision = c["precision"]!.AsArray().Select(v => (double)v!).ToArray();
        for (int k = 0; k < confusion.Classes; k++)
        {
            Assert.Equal(precision[k], confusion.Precision(k), 14);
            Assert.Equal((double)c["recall"]![k]!, confusion.Recall(k), 14);
            Assert.Equal((double)c["f1"]![k]!, confusion.F1(k), 14);
        }

        Assert.Equal((double)c["macro_precision"]!, confusion.MacroPrecision, 14);
        Assert.Equal((double)c["macro_recall"]!, confusion.MacroRecall, 14);
        Assert.Equal((double)c["macro_f1"]!, confusion.MacroF1, 14);
        if (name == "three classes")
        {
            Assert.Equal(0, confusion.Precision(2)); // never predicted: 0, as zero_division=0
        }
    }

    [Fact]
    public void Auc_IsScikitLearns_TiesCountingAHalf()
    {
        var c = Case("binary with ties");
        var scores = Rows(c["outputs"]!).Select(r => r[0]).ToArray();
        var positive = Rows(c["targets"]!).Select(r => r[0] == 1).ToArray();
        Assert.Equal((double)c["auc"]!, RocAuc.Of(scores, positive)!.Value, 14);
    }

    [Fact]
    public void Auc_OfPerfectReversedAndOneClass()
    {
        Assert.Equal(1.0, RocAuc.Of([0.1, 0.3, 0.35, 0.8], [false, false, true, true]));
        Assert.Equal(0.75, RocAuc.Of([0.1, 0.4, 0.35, 0.8], [false, false, true, true])); // one pair of four misordered
        Assert.Equal(0.5, RocAuc.Of([0.1, 0.4, 0.35, 0.8], [true, false, false, true]));
        Assert.Equal(0.0, RocAuc.Of([0.9, 0.1], [false, true]));
        Assert.Equal(0.5, RocAuc.Of([0.5, 0.5, 0.5], [false, true, true]));
        Assert.Null(RocAuc.Of([0.2, 0.7], [true, true]));
    }

    [Fact]
    public void RegressionScores_AreScikitLearns()
    {
        var c = Case("regression");
        var scores = RegressionScores.From(Rows(c["outputs"]!), Rows(c["targets"]!));
        Assert.Equal((double)c["mae"]!, scores.Mae, 13);
        Assert.Equal((double)c["rmse"]!, scores.Rmse, 13);
        Assert.Equal((double)c["r2"]!, scores.R2!.Value, 13);
        Assert.Null(RegressionScores.From([[1.0], [2.0]], [[3.0], [3.0]]).R2); // constant targets: nothing to explain
    }

    private static string Folder([CallerFilePath] string source = "") => Path.GetDirectoryName(source)!;
}
