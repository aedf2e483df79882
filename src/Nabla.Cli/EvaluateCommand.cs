using System.CommandLine;
using System.Globalization;
using Nabla.App;
using Nabla.Specs;
using Nabla.Tensors;
using Nabla.Training;
using Spectre.Console;

namespace Nabla.Cli;

/// <summary>`nabla evaluate MODEL --csv FILE`: the model's loss on labelled examples; for classifiers accuracy, macro precision/recall/F1, AUC and the confusion matrix; for regressions MAE, RMSE and R².</summary>
public static class EvaluateCommand
{
    public static Command Create()
    {
        var model = new Argument<FileInfo>("model") { Description = "A model file written by 'nabla train'." };
        var csv = new Option<FileInfo>("--csv") { Description = "A CSV file with a header, the model's input columns and a label column.", Required = true };
        var label = new Option<string?>("--label") { Description = "The CSV's label column (default: the one the model was trained with)." };
        var command = new Command("evaluate", "Measure a trained model on labelled examples: loss; for a classifier accuracy, precision, recall, F1 (and AUC for two classes) with the confusion matrix; for a regression MAE, RMSE and R².") { model, csv, label };
        command.SetAction(parse => Run(parse.GetValue(model)!, parse.GetValue(csv)!, parse.GetValue(label)));
        return command;
    }

    public static int Run(FileInfo modelFile, FileInfo csv, string? label)
    {
        var model = ModelFile.Read(modelFile.FullName);
        var data = ModelCsv.Read(model, csv.FullName, label, labelRequired: true);
        foreach (string note in data.Notes)
        {
            Console.Error.WriteLine($"note: {note}");
        }

        var y = data.Y!;
        double[][] outputs = SpecPredictor.Predict(model, data.X);
        double loss = ModelBuilder.BuildLoss(model.Loss).Value(Matrix<double>.FromRows(outputs, y.Cols), y);

        var console = CommandRunner.Out;
        console.MarkupLine($"[bold]{Markup.Escape(model.Name ?? modelFile.Name)}[/] on {Markup.Escape(csv.Name)}: {data.X.Length} examples");
        console.MarkupLine($"loss ({Markup.Escape(model.Loss.Name)}): {loss.ToString("G6", CultureInfo.InvariantCulture)}");
        if (Classification.Classes(model, y) is { } classes)
        {
            var confusion = ConfusionMatrix.From(outputs, y.ToRows());
            console.MarkupLine($"accuracy: {confusion.Accuracy.ToString("0.####", CultureInfo.InvariantCulture)} ({Correct(confusion)} of {confusion.Total} right)");
            console.MarkupLine($"precision {Number(confusion.MacroPrecision)} · recall {Number(confusion.MacroRecall)} · f1 {Number(confusion.MacroF1)} (macro: each the mean over the {confusion.Classes} classes)");
            if (confusion.Classes == 2)
            {
                // The score of class 2 (the second): ŷ of one sigmoid output, or p₂ of two softmax outputs.
                var scores = outputs.Select(o => o[^1]).ToArray();
                var positive = y.ToRows().Select(t => Data.ClassLabels.IndexOf(t) == 1).ToArray();
                string auc = RocAuc.Of(scores, positive) is { } area ? Number(area) : "– (only one class among the labels)";
                console.MarkupLine($"auc: {auc} (ROC, {Markup.Escape(classes[1])} against {Markup.Escape(classes[0])}, from the scores)");
            }

            console.Write(Table(confusion, classes));
        }
        else
        {
            var scores = RegressionScores.From(outputs, y.ToRows());
            string r2 = scores.R2 is { } value ? Number(value) : "– (the targets do not vary)";
            console.MarkupLine($"mae {Number(scores.Mae)} · rmse {Number(scores.Rmse)} · r2 {r2}" + (y.Cols > 1 ? $" (each the mean over the {y.Cols} outputs)" : ""));
        }

        return CommandRunner.Ok;
    }

    private static string Number(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    private static int Correct(ConfusionMatrix m) => Enumerable.Range(0, m.Classes).Sum(k => m.Counts[k, k]);

    /// <summary>Actual classes down, predicted across, with each class's recall (right / actual), precision (right / predicted) and F1.</summary>
    private static Table Table(ConfusionMatrix m, IReadOnlyList<string> classes)
    {
        var counts = m.Counts;
        var table = new Table().Border(TableBorder.Rounded).Title("confusion matrix: actual ↓, predicted →");
        table.AddColumn("actual \\ predicted");
        foreach (string c in classes)
        {
            table.AddColumn(new TableColumn(Markup.Escape(c)).RightAligned());
        }

        table.AddColumn(new TableColumn("recall").RightAligned());
        table.AddColumn(new TableColumn("precision").RightAligned());
        table.AddColumn(new TableColumn("f1").RightAligned());
        for (int a = 0; a < m.Classes; a++)
        {
            int total = Enumerable.Range(0, m.Classes).Sum(p => counts[a, p]);
            var cells = new List<string> { Markup.Escape(classes[a]) };
            cells.AddRange(Enumerable.Range(0, m.Classes).Select(p => p == a ? $"[green]{counts[a, p]}[/]" : counts[a, p] == 0 ? "0" : $"[red]{counts[a, p]}[/]"));
            cells.Add(total == 0 ? "–" : ((double)counts[a, a] / total).ToString("0.###", CultureInfo.InvariantCulture));
            cells.Add(m.Precision(a).ToString("0.###", CultureInfo.InvariantCulture));
            cells.Add(m.F1(a).ToString("0.###", CultureInfo.InvariantCulture));
            table.AddRow(cells.ToArray());
        }

        return table;
    }
}
