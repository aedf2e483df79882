using Nabla.App;
using Nabla.Specs;
using Nabla.Tests.Data;

namespace Nabla.Tests.Specs;

public class ModelFileDataTests
{
    private const string BlobsSpec = """
        { "inputs": 2, "layers": [ { "units": 6, "activation": "tanh" }, { "units": 3, "activation": "softmax" } ],
          "loss": "cce", "metrics": ["accuracy", "mse"],
          "data": { "dataset": "blobs", "n": 90, "noise": 0.3, "classes": 3, "seed": 5, "standardize": true, "test": 0.2, "split_seed": 6 },
          "train": { "optimizer": "adam", "learning_rate": 0.05, "epochs": 40, "seed": 2 } }
        """;

    [Fact]
    public void Training_WithATestPart_ReportsTheSameMeasuresOnIt()
    {
        var trained = SpecTrainer.Train(SpecReader.Parse(BlobsSpec));

        Assert.Equal(72, trained.Data.Count);
        Assert.Equal(18, trained.Test!.Count);
        Assert.Equal(18, trained.TestPredictions!.Length);
        Assert.Equal(trained.Final.Keys, trained.TestFinal!.Keys);
        Assert.Equal(["loss", "accuracy", "mse"], trained.TestFinal.Keys);
        Assert.InRange(trained.TestFinal["accuracy"], 0.9, 1);
        Assert.Equal(["0", "1", "2"], trained.Classes!);
        Assert.Equal(trained.Classes, trained.Model.Classes!);
        Assert.Equal(trained.TestFinal, trained.Model.Result!.Test!);

        // The test accuracy counts the test rows whose predicted class is their true class.
        int right = Enumerable.Range(0, 18).Count(i =>
            Nabla.Data.ClassLabels.IndexOf(trained.TestPredictions[i]) == Nabla.Data.ClassLabels.IndexOf(trained.Test.Y.Row(i)));
        Assert.Equal(right / 18.0, trained.TestFinal["accuracy"]);
    }

    [Fact]
    public void ModelFile_RoundTripsClassesStandardizationTestResultsAndDataKeys()
    {
        var trained = SpecTrainer.Train(SpecReader.Parse(BlobsSpec));
        string json = SpecWriter.ToJson(trained.Model);
        var back = SpecReader.Parse(json);

        Assert.Equal(json, SpecWriter.ToJson(back));
        Assert.Equal(["0", "1", "2"], back.Classes!);
        Assert.Equal(trained.Model.Standardization!.Mean, back.Standardization!.Mean);
        Assert.Equal(trained.Model.Standardization.Std, back.Standardization.Std);
        Assert.Equal(trained.TestFinal!["accuracy"], back.Result!.Test!["accuracy"]);
        Assert.Equal(trained.TestFinal["loss"], back.Result.Test["loss"]);
        Assert.Contains("\"test_accuracy\": ", json);
        Assert.Contains("\"standardization\": {", json);
        var data = back.Data!;
        Assert.Equal((90, 0.3, 3, 5UL, true, 0.2, 6UL), (data.Count, data.Noise, data.Classes, data.Seed, data.Standardize, data.Test, data.SplitSeed));
    }

    [Fact]
    public void Predict_StandardisesRawInputs_WithTheStoredStatistics()
    {
        var trained = SpecTrainer.Train(SpecReader.Parse(BlobsSpec));
        var model = SpecReader.Parse(SpecWriter.ToJson(trained.Model));

        // Data and Test hold the raw inputs; Predict gives the outputs training reported for them.
        Assert.Equal(trained.Predictions, SpecPredictor.Predict(model, trained.Data.X.ToRows()));
        Assert.Equal(trained.TestPredictions!, SpecPredictor.Predict(model, trained.Test!.X.ToRows()));

        // Without the statistics the same weights give other outputs: they were applied.
        var unscaled = SpecReader.Parse(SpecWriter.ToJson(trained.Model));
        unscaled = unscaled with { Standardization = null, Data = null };
        Assert.NotEqual(trained.Predictions[0], SpecPredictor.Predict(unscaled, [trained.Data.X.Row(0).ToArray()])[0]);

        // A raw point near blob 1's centre (cos 120°, sin 120°) is named by the class list.
        Assert.Equal("1", SpecPredictor.ClassOf(model, SpecPredictor.Predict(model, [[-0.5, 0.87]])[0]));
    }

    [Fact]
    public void Predict_OnAnUntrainedSpecThatStandardises_MeasuresTheStatisticsFromItsData()
    {
        var spec = SpecReader.Parse(BlobsSpec);
        var split = ModelBuilder.LoadSplit(spec);
        var scaled = SpecReader.Parse(BlobsSpec);
        scaled = scaled with { Standardization = split.Standardization };
        double[][] x = [[0.1, 0.2], [-1, 0.5]];
        Assert.Equal(SpecPredictor.Predict(scaled, x), SpecPredictor.Predict(spec, x));
    }

    [Fact]
    public void HandWrittenClassesAndStandardization_AreUsedByTrainingAndPrediction()
    {
        var spec = SpecReader.Parse("""
            { "inputs": 1, "layers": [ { "units": 1, "activation": "sigmoid", "weights": [[1]], "bias": [0] } ], "loss": "bce",
              "classes": ["cold", "hot"], "standardization": { "mean": [20], "std": [5] },
              "data": { "x": [[10], [15], [25], [30]], "y": [0, 0, 1, 1] }, "train": { "learning_rate": 0.5, "epochs": 50 } }
            """);
        Assert.Equal([-2.0, -1, 1, 2], ModelBuilder.LoadData(spec).X.ToArray()); // z = (x − 20) / 5

        var trained = SpecTrainer.Train(spec);
        Assert.Equal(["cold", "hot"], trained.Classes!);
        Assert.Equal([20.0], trained.Model.Standardization!.Mean);
        Assert.Equal(trained.Predictions, SpecPredictor.Predict(trained.Model, [[10], [15], [25], [30]]));
        Assert.Equal("hot", SpecPredictor.ClassOf(trained.Model, SpecPredictor.Predict(trained.Model, [[27]])[0]));
    }

    [Theory]
    [InlineData("\"classes\": [\"a\", \"b\"]", "$.classes", "2 class names do not fit a last layer of 3 units")]
    [InlineData("\"classes\": [\"a\", \"b\", \"a\"]", "$.classes[2]", "listed twice")]
    [InlineData("\"standardization\": { \"mean\": [0], \"std\": [1, 1] }", "$.standardization.mean", "1 values for a network of \"inputs\": 2")]
    [InlineData("\"standardization\": { \"mean\": [0, 0], \"std\": [1, 0] }", "$.standardization.std[1]", "not positive")]
    [InlineData("\"standardization\": { \"mean\": [0, 0], \"sd\": [1, 1] }", "$.standardization.sd", "unknown key")]
    [InlineData("\"result\": { \"test_accuracy\": \"high\" }", "$.result.test_accuracy", "expected a number")]
    [InlineData("\"result\": { \"train_accuracy\": 1 }", "$.result.train_accuracy", "unknown key")]
    public void ModelFileProblems_NameThePath(string extra, string path, string problem)
    {
        string json = $$"""{ "inputs": 2, "layers": [ { "units": 3, "activation": "softmax" } ], "loss": "cce", {{extra}} }""";
        var e = Assert.Throws<SpecException>(() => SpecReader.Parse(json, "model.json"));
        Assert.Equal(path, e.JsonPath);
        Assert.Contains(problem, e.Message);
        Assert.Contains("Fix: ", e.Message);
    }

    [Fact]
    public void WriteFile_RebasesARelativeCsvPath_OnTheNewFilesFolder()
    {
        string dir = TempFiles.Folder();
        TempFiles.Write("data/t.csv", "x,y,label\n0,0,a\n1,1,b\n0,1,a\n", dir);
        string specPath = TempFiles.Write("specs/spec.json", """
            { "inputs": 2, "layers": [ { "units": 1, "activation": "sigmoid" } ], "loss": "bce", "data": { "csv": "../data/t.csv", "label": "label" } }
            """, dir);
        var spec = SpecReader.ReadFile(specPath);

        string modelPath = Path.Combine(dir, "runs", "r1", "model.json");
        SpecWriter.WriteFile(spec, modelPath);
        var model = SpecReader.ReadFile(modelPath);
        Assert.Equal("../../data/t.csv", model.Data!.Csv);
        Assert.Equal("../data/t.csv", spec.Data!.Csv); // the spec itself is unchanged
        Assert.Equal(ModelBuilder.LoadData(spec).X.ToArray(), ModelBuilder.LoadData(model).X.ToArray());

        // Written beside the spec, the path stays as it was; an absolute path is kept.
        SpecWriter.WriteFile(spec, Path.Combine(dir, "specs", "copy.json"));
        Assert.Equal("../data/t.csv", SpecReader.ReadFile(Path.Combine(dir, "specs", "copy.json")).Data!.Csv);
        spec = spec with { Data = spec.Data with { Csv = Path.Combine(dir, "data", "t.csv") } };
        SpecWriter.WriteFile(spec, modelPath);
        Assert.Equal(Path.Combine(dir, "data", "t.csv"), SpecReader.ReadFile(modelPath).Data!.Csv);
    }

    [Theory]
    [InlineData("/home/ann/specs/spec.json", "data/x.csv", "/home/ann/runs/r1/model.json", "../../specs/data/x.csv")]
    [InlineData("/home/ann/spec.json", "../shared/x.csv", "/home/ann/spec-copy.json", "../shared/x.csv")]
    [InlineData("/home/ann/spec.json", "x.csv", "/tmp/run/model.json", "/home/ann/x.csv")] // only the root in common: absolute
    [InlineData("/home/ann/spec.json", "/data/x.csv", "/tmp/run/model.json", "/data/x.csv")]
    public void CsvPath_IsRebasedOnTheNewFolder_OrMadeAbsolute(string spec, string csv, string file, string expected)
    {
        if (OperatingSystem.IsWindows())
        {
            return; // these are Unix paths
        }

        Assert.Equal(expected, DataSpecWriter.Rebase(csv, spec, file));
    }
}
