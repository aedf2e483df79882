using Nabla.App;
using Nabla.Specs;

namespace Nabla.Tests.Data;

/// <summary>The example specs on the shipped data sets reach their accuracy on the held-out test part.</summary>
public class ExampleDataTests
{
    [Fact]
    public void Iris_ReachesAtLeast95PercentTestAccuracy_AndNamesSpecies()
    {
        var trained = SpecTrainer.Train(Examples.Load("iris.json"));

        Assert.Equal(["setosa", "versicolor", "virginica"], trained.Classes!);
        Assert.Equal(120, trained.Data.Count);
        Assert.Equal(30, trained.Test!.Count);
        Assert.True(trained.TestFinal!["accuracy"] >= 0.95, $"test accuracy {trained.TestFinal["accuracy"]}");

        // A raw measurement in cm (line 2 of iris.csv, a setosa), standardised by the model itself.
        var model = SpecReader.Parse(SpecWriter.ToJson(trained.Model));
        var output = SpecPredictor.Predict(model, [[5.1, 3.5, 1.4, 0.2]])[0];
        Assert.Equal("setosa", SpecPredictor.ClassOf(model, output));
    }

    [Fact]
    public void Digits_ReachAtLeast95PercentTestAccuracy()
    {
        var trained = SpecTrainer.Train(Examples.Load("digits.json"));

        Assert.Equal(Enumerable.Range(0, 10).Select(d => d.ToString(System.Globalization.CultureInfo.InvariantCulture)), trained.Classes!);
        Assert.Equal(1797, trained.Data.Count + trained.Test!.Count);
        Assert.Equal(359, trained.Test.Count); // round(0.2 · 1797)
        Assert.True(trained.TestFinal!["accuracy"] >= 0.95, $"test accuracy {trained.TestFinal["accuracy"]}");
    }

    [Fact]
    public void DigitsWithAdamW_TrainsUnderItsScheduleToAtLeast95PercentTestAccuracy()
    {
        var trained = SpecTrainer.Train(Examples.Load("digits-adamw.json"));

        var lr = trained.Model.History!["lr"];
        Assert.Equal(30, lr.Length);
        Assert.Equal(0.001, lr[0], 1e-15);   // warm-up: η₀·1/5
        Assert.Equal(0.005, lr[4], 1e-15);   // the warm-up's last epoch reaches η₀
        Assert.True(lr[29] < lr[10] && lr[29] > 1e-4, $"the cosine part falls towards η_min: {lr[29]}");
        Assert.True(trained.TestFinal!["accuracy"] >= 0.95, $"test accuracy {trained.TestFinal["accuracy"]}");
    }

    [Fact]
    public void Moons_AreSeparatedByTheSmallNetwork()
    {
        var trained = SpecTrainer.Train(Examples.Load("moons.json"));
        Assert.Equal(40, trained.Test!.Count);
        Assert.True(trained.TestFinal!["accuracy"] >= 0.95, $"test accuracy {trained.TestFinal["accuracy"]}");
    }

    [Fact]
    public void BreastCancer_LoadsAsTwoNamedClasses()
    {
        string spec = TempFiles.Write("bc.json", $$"""
            { "inputs": 30, "layers": [ { "units": 1, "activation": "sigmoid" } ], "loss": "bce",
              "data": { "csv": "{{Examples.Path("data/breast_cancer.csv")}}", "label": "label", "test": 0.2 } }
            """);
        var split = ModelBuilder.LoadSplit(SpecReader.ReadFile(spec));
        Assert.Equal(["benign", "malignant"], split.Classes!);
        Assert.Equal(569, split.Train.Count + split.Test!.Count);
        Assert.Equal(1, split.Train.Y.Cols);
    }
}
