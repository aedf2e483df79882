using System.Diagnostics;
using System.Globalization;
using Nabla.App;
using Nabla.Specs;
using Nabla.Tests.Plotting;
using Nabla.Training;

namespace Nabla.Tests.Cli;

/// <summary>`nabla demo` and `nabla train` end to end: the run folder's files, overrides, --force, Ctrl-C.</summary>
public class TrainRunTests
{
    [Fact]
    public void Demo_TrainsThreeRatesFromTheSameInitialWeights_AndWritesTheRunFolder()
    {
        string cwd = CliProcess.TempFolder();
        var r = CliProcess.RunIn(cwd, "demo");
        Assert.True(r.ExitCode == 0, r.Error);
        string run = Path.Combine(cwd, "runs", "demo");

        // The initial weights are seed 000's (lr 0.5 report), written in full precision.
        var seed = Examples.Load("seed-000-report-lr0.5.json");
        Assert.Equal(seed.Layers[0].Weights!, ReadCsv(Path.Combine(run, "initial-weights", "W1.csv")));
        Assert.Equal([seed.Layers[1].Bias!], ReadCsv(Path.Combine(run, "initial-weights", "b2.csv")));

        foreach (string lr in new[] { "0.1", "0.5", "0.8" })
        {
            string dir = Path.Combine(run, $"lr-{lr}");
            var model = SpecReader.ReadFile(Path.Combine(dir, "model.json"));
            Assert.Equal(double.Parse(lr, CultureInfo.InvariantCulture), model.Train.LearningRate);

            // The same spec trained in-process at this rate gives the same weights, bit for bit.
            var again = SpecReader.ReadFile(Examples.Path("seed-000-report-lr0.5.json"));
            again = again with { Train = again.Train with { LearningRate = model.Train.LearningRate } };
            Assert.Equal(SpecTrainer.Train(again).Model.Layers[1].Weights!, model.Layers[1].Weights!);

            // history.csv: a header and one row per epoch; final-weights/ equal the model's.
            string[] history = File.ReadAllLines(Path.Combine(dir, "history.csv"));
            Assert.Equal("epoch,loss,bce,accuracy", history[0]);
            Assert.Equal(3000, history.Length - 1);
            Assert.StartsWith("3000,", history[^1]);
            Assert.Equal(model.Layers[0].Weights!, ReadCsv(Path.Combine(dir, "final-weights", "W1.csv")));

            // The reloaded model predicts what predictions.csv says it did.
            string[] predictions = File.ReadAllLines(Path.Combine(dir, "predictions.csv"));
            Assert.Equal("x1,x2,y1,yhat1,class,predicted,part", predictions[0]);
            var rows = predictions.Skip(1).Select(line => line.Split(',')).ToArray();
            var outputs = SpecPredictor.Predict(model, rows.Select(row => row[..2].Select(c => double.Parse(c, CultureInfo.InvariantCulture)).ToArray()).ToArray());
            Assert.Equal(rows.Select(row => double.Parse(row[3], CultureInfo.InvariantCulture)), outputs.Select(o => o[0]));
            Assert.Equal(outputs.Select(o => o[0] >= 0.5 ? "1" : "0"), rows.Select(row => row[5])); // the predicted class
            Assert.All(rows, row => Assert.Equal("train", row[6]));

            // The plots: the expected size, not blank.
            Picture.AssertPng(Path.Combine(dir, "loss.png"), 800, 500);
            Picture.AssertSvg(Path.Combine(dir, "loss.svg"), 800, 500);
            Picture.AssertPng(Path.Combine(dir, "boundary.png"), 700, 600);
            Picture.AssertPng(Path.Combine(dir, "confusion.png"), 600, 550);
        }

        Picture.AssertPng(Path.Combine(run, "loss.png"), 800, 500);

        Assert.Equal("epoch,loss lr 0.1,loss lr 0.5,loss lr 0.8", File.ReadLines(Path.Combine(run, "history.csv")).First());
        string summary = File.ReadAllText(Path.Combine(run, "summary.md"));
        Assert.Contains("| 0.1, 0.5, 0.8 |", summary);
        Assert.Contains("![Decision boundary (lr 0.8)](lr-0.8/boundary.png)", summary);
        Assert.Contains("| 1 | 0 | 2 |", summary); // the confusion matrix: both XOR-true examples right
        Assert.Contains("lr 0.8", r.Out);

        // A second demo does not touch the first run: it goes to runs/demo-2.
        Assert.Equal(0, CliProcess.RunIn(cwd, "demo").ExitCode);
        Assert.True(Directory.Exists(Path.Combine(cwd, "runs", "demo-2")));
    }

    [Fact]
    public void Train_ComparesBatches_FromTheSameInitialWeights_AsSeed004Does()
    {
        string run = Path.Combine(CliProcess.TempFolder(), "batches");
        string spec = Examples.Path("seed-004-neuron-vectorised.json");
        var r = CliProcess.Run("train", spec, "--batch", "full,2,1", "--epochs", "5", "--out", run);
        Assert.True(r.ExitCode == 0, r.Error);
        foreach (var (folder, batch, steps) in new[] { ("batch-full", 0, 5L), ("batch-2", 2, 10L), ("batch-1", 1, 20L) })
        {
            var model = SpecReader.ReadFile(Path.Combine(run, folder, "model.json"));
            Assert.Equal(batch, model.Train.Batch);
            Assert.Equal(steps, model.Result!.Steps);
            var again = SpecReader.ReadFile(spec);
            again = again with { Train = again.Train with { Batch = batch, Epochs = 5 } };
            Assert.Equal(SpecTrainer.Train(again).Model.Layers[0].Weights!, model.Layers[0].Weights!); // the same weights in-process, bit for bit
        }

        Assert.Equal("epoch,loss batch full,loss batch 2,loss batch 1", File.ReadLines(Path.Combine(run, "history.csv")).First());
        string summary = File.ReadAllText(Path.Combine(run, "summary.md"));
        Assert.Contains("| batch | epochs run | steps |", summary);
        Assert.Contains("Every batch starts from the same initial weights", summary);
        Picture.AssertPng(Path.Combine(run, "loss.png"), 800, 500);
        Assert.Contains("│ batch │", r.Out);
    }

    [Fact]
    public void Train_ComparesOptimizers_EachWithItsOwnDefaults()
    {
        string run = Path.Combine(CliProcess.TempFolder(), "optimizers");
        var r = CliProcess.Run("train", Examples.Path("moons.json"), "--optimizer", "sgd,adamw,adagrad", "--epochs", "20", "--out", run);
        Assert.True(r.ExitCode == 0, r.Error);
        var sgd = SpecReader.ReadFile(Path.Combine(run, "optimizer-sgd", "model.json"));
        var adamw = SpecReader.ReadFile(Path.Combine(run, "optimizer-adamw", "model.json"));
        var adagrad = SpecReader.ReadFile(Path.Combine(run, "optimizer-adagrad", "model.json"));
        Assert.Equal(("sgd", 0.0), (sgd.Train.Optimizer, sgd.Train.WeightDecay));
        Assert.Equal(("adamw", 0.01), (adamw.Train.Optimizer, adamw.Train.WeightDecay)); // AdamW's own λ, as a spec naming it gets
        Assert.Equal(("adagrad", 1e-10), (adagrad.Train.Optimizer, adagrad.Train.Epsilon));
        Assert.NotEqual(sgd.Layers[0].Weights!, adamw.Layers[0].Weights!);
        Assert.Contains("optimizer-adamw/loss.png", File.ReadAllText(Path.Combine(run, "summary.md")));
    }

    [Fact]
    public void Train_TwoComparedSettings_AreRefusedBeforeAnyFolderIsMade()
    {
        string run = Path.Combine(CliProcess.TempFolder(), "two");
        var r = CliProcess.Run("train", Examples.Path("moons.json"), "--optimizer", "sgd,adam", "--lr", "0.1,0.2", "--out", run);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("--lr and --optimizer each list several values", r.Error);
        Assert.False(Directory.Exists(run));

        var unknown = CliProcess.Run("train", Examples.Path("moons.json"), "--optimizer", "sgd,adamax");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("\"adamax\" is not an optimizer", unknown.Error);
        var twice = CliProcess.Run("train", Examples.Path("moons.json"), "--batch", "full,8,full");
        Assert.Equal(2, twice.ExitCode);
        Assert.Contains("full is given twice", twice.Error);
    }

    [Fact]
    public void Train_OptionsOverrideTheSpec_AndAreSavedInTheModel()
    {
        string spec = Examples.Path("seed-001-or-sigmoid.json");
        string run = Path.Combine(CliProcess.TempFolder(), "run");
        var r = CliProcess.Run("train", spec, "--lr", "0.25", "--epochs", "7", "--batch", "2", "--seed", "5", "--out", run);
        Assert.True(r.ExitCode == 0, r.Error);

        var model = SpecReader.ReadFile(Path.Combine(run, "model.json"));
        Assert.Equal((0.25, 7, 2, 5UL), (model.Train.LearningRate, model.Train.Epochs, model.Train.Batch, model.Train.Seed));
        Assert.Equal(8, File.ReadAllLines(Path.Combine(run, "history.csv")).Length);
        Assert.Equal(7, model.Result!.EpochsRun);
        Assert.Equal(14, model.Result.Steps); // 4 examples in batches of 2
    }

    [Theory]
    [InlineData("--lr", "0.1,fast")]
    [InlineData("--lr", "-1")]
    [InlineData("--batch", "half")]
    [InlineData("--batch", "0")]
    [InlineData("--epochs", "-3")]
    public void Train_BadOptionIsAUsageError(string option, string value)
    {
        var r = CliProcess.Run("train", Examples.Path("seed-001-or-sigmoid.json"), option, value, "--out", Path.Combine(CliProcess.TempFolder(), "run"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(option, r.Error);
    }

    [Fact]
    public void Force_OnlyReplacesARunFolder()
    {
        string folder = CliProcess.TempFolder();
        File.WriteAllText(Path.Combine(folder, "notes.txt"), "mine");
        var r = CliProcess.Run("train", Examples.Path("seed-001-or-sigmoid.json"), "--out", folder, "--force");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("did not write", r.Error);
        Assert.True(File.Exists(Path.Combine(folder, "notes.txt")));
    }

    [Fact]
    public async Task CtrlC_StopsCleanly_AndSavesWhatWasTrained()
    {
        string run = Path.Combine(CliProcess.TempFolder(), "run");
        using var process = CliProcess.Start(AppContext.BaseDirectory, "train", Examples.Path("seed-000-report-lr0.5.json"), "--epochs", "100000000", "--out", run);
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.NotNull(await process.StandardOutput.ReadLineAsync()); // the title: training has begun
        await Task.Delay(500);
        using (var kill = Process.Start("kill", ["-INT", process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            kill.WaitForExit();
        }

        Assert.True(process.WaitForExit(60_000), "nabla did not stop after Ctrl-C");
        Assert.Equal(130, process.ExitCode);
        Assert.Contains("Stopped after", await stderr);
        var model = SpecReader.ReadFile(Path.Combine(run, "model.json"));
        Assert.InRange(model.Result!.EpochsRun, 1, 99_999_999);
        Assert.InRange(model.History!["loss"].Length, 1, History.DefaultLimit); // a long run's history is thinned
        Assert.Equal(model.Result.EpochsRun, History.EpochsOf(model.History, model.History["loss"].Length)[^1]);
    }

    [Fact]
    public void Train_ToySet_WritesABoundaryPlot_AndTestResults()
    {
        string run = Path.Combine(CliProcess.TempFolder(), "moons");
        var r = CliProcess.Run("train", Examples.Path("moons.json"), "--epochs", "50", "--out", run);
        Assert.True(r.ExitCode == 0, r.Error);
        Picture.AssertPng(Path.Combine(run, "boundary.png"), 700, 600);
        Picture.AssertPng(Path.Combine(run, "confusion.png"), 600, 550);
        Assert.Equal(51, File.ReadAllLines(Path.Combine(run, "history.csv")).Length);
        var model = SpecReader.ReadFile(Path.Combine(run, "model.json"));
        Assert.Contains("accuracy", model.Result!.Test!.Keys);
        Assert.Contains("test accuracy", r.Out);
    }

    [Fact]
    public void Train_CsvWithNaN_NamesFileLineAndColumn_AndWritesNothing()
    {
        string dir = CliProcess.TempFolder();
        File.WriteAllText(Path.Combine(dir, "points.csv"), "a,b,label\n0,1,yes\n1,NaN,no\n");
        string spec = Path.Combine(dir, "spec.json");
        File.WriteAllText(spec, """
            { "inputs": 2, "layers": [ { "units": 1, "activation": "sigmoid" } ], "loss": "bce",
              "data": { "csv": "points.csv", "label": "label" } }
            """);
        var r = CliProcess.RunIn(dir, "train", spec);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("points.csv: line 3, column 2 \"b\": \"NaN\" is not a finite number", r.Error);
        Assert.DoesNotContain("   at ", r.Error);
        Assert.False(Directory.Exists(Path.Combine(dir, "runs")));
    }

    private static double[][] ReadCsv(string path, bool skipHeader = false) =>
        File.ReadAllLines(path).Skip(skipHeader ? 1 : 0)
            .Select(line => line.Split(',').Select(c => double.Parse(c, CultureInfo.InvariantCulture)).ToArray()).ToArray();
}
