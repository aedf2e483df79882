using System.Globalization;
using Nabla.App;
using Nabla.Specs;

namespace Nabla.Tests.Cli;

/// <summary>`predict --csv` and `evaluate` on a model trained from the iris CSV, end to end; CSV errors by file, line and column.</summary>
public class PredictEvaluateTests
{
    private static readonly Lazy<string> IrisModel = new(() =>
    {
        string run = Path.Combine(CliProcess.TempFolder(), "iris");
        var r = CliProcess.Run("train", Examples.Path("iris.json"), "--out", run);
        Assert.True(r.ExitCode == 0, r.Error);
        return Path.Combine(run, "model.json");
    });

    [Fact]
    public void Train_Iris_ReachesTheTargetOnItsTestPart_AndSaysSo()
    {
        var model = SpecReader.ReadFile(IrisModel.Value);
        Assert.Equal(["setosa", "versicolor", "virginica"], model.Classes);
        Assert.True(model.Result!.Test!["accuracy"] >= 0.95);
        string summary = File.ReadAllText(Path.Combine(Path.GetDirectoryName(IrisModel.Value)!, "summary.md"));
        Assert.Contains("test accuracy", summary);
        Assert.Contains("Confusion matrix on the test data", summary);
    }

    [Fact]
    public void PredictionsCsv_NamesTheColumns_AndCoversTheTestPart()
    {
        var model = SpecReader.ReadFile(IrisModel.Value);
        string[] lines = File.ReadAllLines(Path.Combine(Path.GetDirectoryName(IrisModel.Value)!, "predictions.csv"));
        Assert.Equal("sepal_length_cm,sepal_width_cm,petal_length_cm,petal_width_cm,y1,y2,y3,yhat1,yhat2,yhat3,class,predicted,part", lines[0]);
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToArray();
        Assert.Equal(150, rows.Length); // the training part and the test part
        Assert.Contains(rows, r => r[^1] == "test");
        Assert.Equal(model.Result!.Test!["accuracy"], rows.Where(r => r[^1] == "test").Average(r => r[^3] == r[^2] ? 1.0 : 0.0), 12);
        foreach (var row in rows.Take(5))
        {
            var output = SpecPredictor.Predict(model, [row[..4].Select(c => double.Parse(c, CultureInfo.InvariantCulture)).ToArray()])[0];
            Assert.Equal(SpecPredictor.ClassOf(model, output), row[^2]);
        }
    }

    [Fact]
    public void Predict_Csv_PrintsClassNames_FromRawInputs()
    {
        string csv = Path.Combine(CliProcess.TempFolder(), "new.csv");
        File.WriteAllText(csv, "sepal_length_cm,sepal_width_cm,petal_length_cm,petal_width_cm\n5.1,3.5,1.4,0.2\n6.7,3.0,5.2,2.3\n");
        var r = CliProcess.Run("predict", IrisModel.Value, "--csv", csv);
        Assert.True(r.ExitCode == 0, r.Error);
        var model = SpecReader.ReadFile(IrisModel.Value);
        var outputs = SpecPredictor.Predict(model, [[5.1, 3.5, 1.4, 0.2], [6.7, 3.0, 5.2, 2.3]]);
        Assert.Equal("setosa", SpecPredictor.ClassOf(model, outputs[0]));
        Assert.Equal("virginica", SpecPredictor.ClassOf(model, outputs[1]));
        Assert.Contains("│ setosa", r.Out);
        Assert.Contains("│ virginica", r.Out);
        Assert.Contains(outputs[0][0].ToString("0.######", CultureInfo.InvariantCulture), r.Out);
    }

    [Fact]
    public void Evaluate_GivesLossAccuracyAndConfusionMatrix()
    {
        var r = CliProcess.Run("evaluate", IrisModel.Value, "--csv", Examples.Path("data/iris.csv"));
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Contains("150 examples", r.Out);
        Assert.Matches(@"accuracy: 0\.9[5-9]", r.Out);
        Assert.Contains("actual \\ predicted", r.Out);
        Assert.Contains("versicolor", r.Out);
    }

    [Fact]
    public void Evaluate_GivesTheMacroScoresOfItsOwnConfusionMatrix()
    {
        var r = CliProcess.Run("evaluate", IrisModel.Value, "--csv", Examples.Path("data/iris.csv"));
        Assert.True(r.ExitCode == 0, r.Error);
        var model = SpecReader.ReadFile(IrisModel.Value);
        var rows = File.ReadAllLines(Examples.Path("data/iris.csv")).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).ToArray();
        var x = rows.Select(row => row.Take(4).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();
        var y = rows.Select(row => model.Classes!.Select(c => c == row[4] ? 1.0 : 0.0).ToArray()).ToArray();
        var confusion = Nabla.Training.ConfusionMatrix.From(SpecPredictor.Predict(model, x), y);
        string F(double v) => v.ToString("0.####", CultureInfo.InvariantCulture);
        Assert.Contains($"precision {F(confusion.MacroPrecision)} · recall {F(confusion.MacroRecall)} · f1 {F(confusion.MacroF1)} (macro", r.Out);
        Assert.DoesNotContain("auc", r.Out); // three classes
    }

    [Fact]
    public void Evaluate_ABinaryClassifier_GivesTheAuc_AndARegressionItsErrors()
    {
        string folder = CliProcess.TempFolder();
        string xor = Path.Combine(folder, "xor.csv");
        File.WriteAllText(xor, "x1,x2,y\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n");
        string run = Path.Combine(folder, "xor");
        Assert.Equal(0, CliProcess.Run("train", Examples.Path("xor-relu-sigmoid.json"), "--out", run).ExitCode);
        var binary = CliProcess.Run("evaluate", Path.Combine(run, "model.json"), "--csv", xor, "--label", "y");
        Assert.True(binary.ExitCode == 0, binary.Error);
        Assert.Contains("auc: 1 (ROC, 1 against 0", binary.Out);

        string spec = Path.Combine(folder, "curve.json");
        File.WriteAllText(spec, """
            { "inputs": 1, "layers": [ { "units": 8, "activation": "tanh" }, { "units": 1, "activation": "identity" } ], "loss": "mse",
              "data": { "x": [[0], [0.25], [0.5], [0.75], [1]], "y": [[0], [0.7], [1], [0.7], [0]] },
              "train": { "optimizer": "adam", "learning_rate": 0.05, "epochs": 300, "seed": 2 } }
            """);
        string curve = Path.Combine(folder, "curve.csv");
        File.WriteAllText(curve, "x1,y\n0,0\n0.25,0.7\n0.5,1\n0.75,0.7\n1,0\n");
        run = Path.Combine(folder, "curve");
        Assert.Equal(0, CliProcess.Run("train", spec, "--out", run).ExitCode);
        var regression = CliProcess.Run("evaluate", Path.Combine(run, "model.json"), "--csv", curve, "--label", "y");
        Assert.True(regression.ExitCode == 0, regression.Error);
        var model = SpecReader.ReadFile(Path.Combine(run, "model.json"));
        var scores = Nabla.Training.RegressionScores.From(SpecPredictor.Predict(model, [[0], [0.25], [0.5], [0.75], [1]]), [[0], [0.7], [1], [0.7], [0]]);
        string F(double v) => v.ToString("0.####", CultureInfo.InvariantCulture);
        Assert.Contains($"mae {F(scores.Mae)} · rmse {F(scores.Rmse)} · r2 {F(scores.R2!.Value)}", regression.Out);
        Assert.DoesNotContain("accuracy", regression.Out);
    }

    [Theory]
    [InlineData("a,b,c,d,label\n5.1,3.5,1.4,0.2,setosa\n", "has no column \"sepal_length_cm\", \"sepal_width_cm\"", 1)] // the model takes its inputs by name
    [InlineData("sepal_length_cm,sepal_width_cm,petal_length_cm,petal_width_cm,label\n5.1,3.5,x,0.2,setosa\n", "line 2, column 3 \"petal_length_cm\": \"x\" is not a number", 1)]
    [InlineData("sepal_length_cm,sepal_width_cm,petal_length_cm,petal_width_cm,label\n5.1,3.5,1.4,setosa\n", "line 2 has 4 values but the header has 5 columns", 1)]
    [InlineData("sepal_length_cm,sepal_width_cm,petal_length_cm,petal_width_cm,label\n5.1,NaN,1.4,0.2,setosa\n", "line 2, column 2 \"sepal_width_cm\": \"NaN\" is not a finite number", 1)]
    [InlineData("sepal_length_cm,sepal_width_cm,petal_length_cm,label\n5.1,3.5,1.4,setosa\n", "has no column \"petal_width_cm\"", 1)]
    [InlineData("sepal_length_cm,sepal_width_cm,petal_length_cm,petal_width_cm,label\n5.1,3.5,1.4,0.2,rose\n", "\"rose\" is not one of the model's classes", 1)]
    public void Evaluate_CsvProblems_NameTheFileAndPlace(string text, string message, int exit)
    {
        string csv = Path.Combine(CliProcess.TempFolder(), "bad.csv");
        File.WriteAllText(csv, text);
        var r = CliProcess.Run("evaluate", IrisModel.Value, "--csv", csv);
        Assert.Equal(exit, r.ExitCode);
        if (exit == 1)
        {
            Assert.Contains("bad.csv", r.Error);
            Assert.Contains(message, r.Error);
            Assert.Contains("Fix:", r.Error);
            Assert.DoesNotContain("   at ", r.Error);
        }
    }

    [Fact]
    public void Evaluate_WithoutTheLabelColumn_SaysWhichColumnItWants()
    {
        string csv = Path.Combine(CliProcess.TempFolder(), "inputs.csv");
        File.WriteAllText(csv, "sepal_length_cm,sepal_width_cm,petal_length_cm,petal_width_cm\n5.1,3.5,1.4,0.2\n");
        var r = CliProcess.Run("evaluate", IrisModel.Value, "--csv", csv);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("no label column \"label\"", r.Error);
        Assert.Contains("Fix: pass --label COLUMN", r.Error);
    }
}
