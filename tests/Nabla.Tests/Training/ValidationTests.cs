using Nabla.App;
using Nabla.Specs;
using Nabla.Tensors;

namespace Nabla.Tests.Training;

/// <summary>A validation part held out of the training part, measured every epoch, and early stopping that watches it.</summary>
public class ValidationTests
{
    [Fact]
    public void The_validation_part_comes_out_of_the_training_part_stratified_and_apart_from_the_test_part()
    {
        var spec = Examples.Load("digits-early-stopping.json");
        var split = ModelBuilder.LoadSplit(spec);

        Assert.Equal(359, split.Test!.Count);                 // round(0.2 · 1797)
        Assert.Equal(216, split.Validation!.Count);           // round(0.15 · 1438)
        Assert.Equal(1797 - 359 - 216, split.Train.Count);
        var rows = new HashSet<string>();
        foreach (var part in new[] { split.Train, split.Test, split.Validation })
        {
            foreach (var row in part.X.ToRows())
            {
                rows.Add(string.Join(",", row));
            }
        }

        // Every example lands in some part (and the sizes add up to the whole, so none lands in two).
        var whole = Examples.Load("digits-early-stopping.json");
        whole = whole with { Data = whole.Data! with { Test = null, Validation = null } };
        var all = ModelBuilder.LoadSplit(whole).Train.X.ToRows().Select(r => string.Join(",", r)).ToHashSet();
        Assert.Equal(all, rows);

        // Each class keeps its share in the validation part (stratified): 10 classes of about 180 → 21 or 22 each.
        var perClass = split.Validation.Y.ToRows().GroupBy(r => Array.IndexOf(r, r.Max())).Select(g => g.Count()).ToList();
        Assert.Equal(10, perClass.Count);
        Assert.All(perClass, c => Assert.InRange(c, 20, 23));
    }

    [Fact]
    public void Early_stopping_keeps_the_best_epoch_whose_weights_are_those_of_a_run_that_ended_there()
    {
        var spec = Examples.Load("digits-early-stopping.json");
        var stopped = SpecTrainer.Train(spec);

        var result = stopped.Model.Result!;
        var valLoss = stopped.Model.History!["val_loss"];
        int kept = result.KeptEpoch!.Value;
        Assert.Equal(kept + 10, result.EpochsRun);               // patience 10 after the best
        Assert.True(result.EpochsRun < 300, "the validation loss turned well before the last epoch");
        Assert.Equal(valLoss.Min(), valLoss[kept - 1]);         // the best val_loss
        Assert.True(valLoss[^1] > valLoss[kept - 1]);
        Assert.Contains($"keeps the weights of epoch {kept}", result.Message);

        // The same spec run for exactly `kept` epochs, without early stopping, ends with the same weights, bit for bit.
        var plain = Examples.Load("digits-early-stopping.json");
        plain = plain with { Train = plain.Train with { EarlyStopping = null } };
        plain = plain with { Train = plain.Train with { Epochs = kept } };
        var reference = SpecTrainer.Train(plain);
        for (int l = 0; l < 2; l++)
        {
            Assert.Equal(reference.Model.Layers[l].Weights, stopped.Model.Layers[l].Weights);
            Assert.Equal(reference.Model.Layers[l].Bias, stopped.Model.Layers[l].Bias);
        }

        Assert.Equal(reference.Model.History!["val_loss"], valLoss[..kept]);

        // The test curve: each epoch's test loss, drawn and never watched; at the kept epoch it is the model's test loss.
        var testLoss = stopped.Model.History!["test_loss"];
        Assert.Equal(result.EpochsRun, testLoss.Length);
        Assert.Equal(result.Test!["loss"], testLoss[kept - 1], 12);
        Assert.Equal(reference.Model.History!["test_accuracy"], stopped.Model.History!["test_accuracy"][..kept]);
    }

    [Fact]
    public void The_model_file_keeps_the_validation_the_early_stopping_and_the_kept_epoch()
    {
        var trained = SpecTrainer.Train(Examples.Load("digits-early-stopping.json"));
        var again = SpecReader.Parse(SpecWriter.ToJson(trained.Model));

        Assert.Equal(0.15, again.Data!.Validation);
        Assert.Equal(trained.Model.Train.EarlyStopping, again.Train.EarlyStopping);
        Assert.Equal(trained.Model.Result!.KeptEpoch, again.Result!.KeptEpoch);
        Assert.Equal(SpecWriter.ToJson(trained.Model), SpecWriter.ToJson(again));
    }

    [Theory]
    [InlineData("\"data\": { \"dataset\": \"xor\", \"validation\": 1 }", "$.data.validation", "outside (0, 1)")]
    [InlineData("\"data\": { \"dataset\": \"xor\", \"validation\": { \"csv\": \"v.csv\" } }", "$.data.validation", "goes with training data from a CSV file")]
    [InlineData("\"data\": { \"dataset\": \"xor\" }, \"train\": { \"early_stopping\": { } }", "$.train.early_stopping.monitor", "add \"validation\"")]
    [InlineData("\"data\": { \"dataset\": \"xor\", \"validation\": 0.25 }, \"train\": { \"early_stopping\": { \"monitor\": \"val_acc\" } }", "$.train.early_stopping.monitor", "\"val_loss\"")]
    [InlineData("\"data\": { \"dataset\": \"xor\", \"validation\": 0.25 }, \"train\": { \"early_stopping\": { \"patience\": 0 } }", "$.train.early_stopping.patience", "too small")]
    [InlineData("\"data\": { \"dataset\": \"xor\", \"validation\": 0.25 }, \"train\": { \"early_stopping\": { \"min_delta\": -1 } }", "$.train.early_stopping.min_delta", "negative")]
    public void Bad_validation_and_early_stopping_settings_are_refused_naming_the_place(string parts, string path, string says)
    {
        var e = Assert.Throws<SpecException>(() => SpecReader.Parse($$"""{ "inputs": 2, "layers": [ { "units": 1, "activation": "sigmoid" } ], "loss": "bce", {{parts}} }""", "s.json"));
        Assert.Equal(path, e.JsonPath);
        Assert.Contains(says, e.Message);
    }

    [Fact]
    public void A_validation_file_is_read_by_column_name_and_measured_every_epoch()
    {
        string dir = Nabla.Tests.Cli.CliProcess.TempFolder();
        var lines = File.ReadAllLines(Examples.Path("data/iris.csv"));
        File.WriteAllLines(Path.Combine(dir, "train.csv"), lines.Where((_, i) => i == 0 || i % 5 != 0));
        // The validation file: every fifth flower, its columns in another order and separated by ';'.
        File.WriteAllLines(Path.Combine(dir, "val.csv"), lines.Where((_, i) => i == 0 || i % 5 == 0)
            .Select(l => l.Split(',')).Select(c => string.Join(";", c[4], c[3], c[2], c[1], c[0])));
        string spec = Path.Combine(dir, "iris.json");
        File.WriteAllText(spec, """
            { "inputs": 4, "layers": [ { "units": 6, "activation": "tanh" }, { "units": 3, "activation": "softmax" } ], "loss": "cce", "metrics": ["accuracy"],
              "data": { "csv": "train.csv", "label": "label", "standardize": true, "validation": { "csv": "val.csv" } },
              "train": { "optimizer": "adam", "learning_rate": 0.02, "epochs": 15, "batch": 16, "seed": 2 } }
            """);
        var trained = SpecTrainer.Train(SpecReader.ReadFile(spec));
        var valLoss = trained.Model.History!["val_loss"];
        Assert.Equal(15, valLoss.Length);
        Assert.Contains(trained.Notes, n => n.Contains("val.csv") && n.Contains("semicolon"));

        // The last val_loss is the final model's loss on those 30 flowers, read the plain way.
        var rows = lines.Where((_, i) => i > 0 && i % 5 == 0).Select(l => l.Split(',')).ToArray();
        var x = rows.Select(r => r[..4].Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray()).ToArray();
        var y = Matrix<double>.FromRows(rows.Select(r => trained.Model.Classes!.Select(c => c == r[4] ? 1.0 : 0.0).ToArray()).ToArray(), 3);
        var outputs = Matrix<double>.FromRows(SpecPredictor.Predict(trained.Model, x), 3);
        Assert.Equal(new Nabla.Losses.CategoricalCrossEntropy().Value(outputs, y), valLoss[^1], 12);

        // The model file keeps the file, relative to where the model is written.
        string model = Path.Combine(dir, "run", "model.json");
        Directory.CreateDirectory(Path.GetDirectoryName(model)!);
        SpecWriter.WriteFile(trained.Model, model);
        Assert.Equal("../val.csv", SpecReader.ReadFile(model).Data!.ValidationCsv);

        // An unseen class in the validation file is named.
        File.AppendAllText(Path.Combine(dir, "val.csv"), "rose;0.2;1.4;3.5;5.1\n");
        var unseen = Assert.Throws<NablaException>(() => SpecTrainer.Train(SpecReader.ReadFile(spec)));
        Assert.Contains("\"rose\" is not one of the model's classes", unseen.Message);
        File.Delete(Path.Combine(dir, "val.csv"));
        var missing = Assert.Throws<NablaException>(() => SpecTrainer.Train(SpecReader.ReadFile(spec)));
        Assert.Contains("val.csv", missing.Message);
        Assert.Contains("\"validation\": { \"csv\": … }", missing.Message);
    }

    [Fact]
    public void Missing_inputs_are_filled_with_the_training_parts_means_and_so_are_new_ones()
    {
        string dir = Nabla.Tests.Cli.CliProcess.TempFolder();
        File.WriteAllText(Path.Combine(dir, "points.csv"), "a,b,label\n1,,x\n3,10,x\n,20,y\n5,30,y\n");
        string spec = Path.Combine(dir, "points.json");
        File.WriteAllText(spec, """
            { "inputs": 2, "layers": [ { "units": 1, "activation": "sigmoid" } ], "loss": "bce",
              "data": { "csv": "points.csv", "label": "label", "missing": "mean" },
              "train": { "optimizer": "sgd", "learning_rate": 0.1, "epochs": 3, "seed": 1 } }
            """);
        var trained = SpecTrainer.Train(SpecReader.ReadFile(spec));
        Assert.Equal([3.0, 20.0], trained.Model.Imputation!.Mean);        // μ over the present values: (1+3+5)/3, (10+20+30)/3
        Assert.Equal([1.0, 20.0], trained.Data.X.Row(0).ToArray());       // the empty b of line 2
        Assert.Equal([3.0, 20.0], trained.Data.X.Row(2).ToArray());       // the empty a of line 4
        Assert.Contains(trained.Notes, n => n.Contains("2 empty input cells were filled"));

        string model = Path.Combine(dir, "model.json");
        SpecWriter.WriteFile(trained.Model, model);
        var back = SpecReader.ReadFile(model);
        Assert.Equal([3.0, 20.0], back.Imputation!.Mean);
        File.WriteAllText(Path.Combine(dir, "new.csv"), "b,a\n,7\n");
        var read = ModelCsv.Read(back, Path.Combine(dir, "new.csv"), null, labelRequired: false);
        Assert.Equal([7.0, 20.0], read.X[0]);                              // by name, then b filled with its mean
        Assert.Equal(SpecPredictor.Predict(back, [[7.0, 20.0]]), SpecPredictor.Predict(back, read.X));

        // Without "missing", an empty cell is refused, and the fix says how to allow it.
        File.WriteAllText(spec, File.ReadAllText(spec).Replace(", \"missing\": \"mean\"", ""));
        var refused = Assert.Throws<NablaException>(() => SpecTrainer.Train(SpecReader.ReadFile(spec)));
        Assert.Contains("line 2, column 2 \"b\": the cell is empty", refused.Message);
        Assert.Contains("\"missing\": \"mean\"", refused.Message);
    }
}
