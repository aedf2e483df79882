using System.CommandLine;
using System.Globalization;
using Nabla.App;
using Nabla.Specs;
using Nabla.Tensors;
using Nabla.Training;
using Spectre.Console;

namespace Nabla.Cli;

/// <summary>`nabla evaluate MODEL --csv FILE`: the model's loss on labelled examples, and for classifiers accuracy and the confusion matrix.</summary>
public static class EvaluateCommand
{
    public static Command Create()
    {
        var model = new Argument<FileInfo>("model") { Description = "A model file written by 'nabla train'." };
        var csv = new Option<FileInfo>("--csv") { Description = "A CSV file with a header, the model's input columns and a label column.", Required = true };
        var label = new Option<string?>("--label") { Description = "The CSV's label column (default: the one the model was trained with)." };
        var command = new Command("evaluate", "Measure a trained model on labelled examples: loss, accuracy, confusion matrix.") { model, csv, label };
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
            console.Write(Table(confusion, classes));
        }

        return CommandRunner.Ok;
    }

    private static int Correct(ConfusionMatrix m) => Enumerable.Range(0, m.Classes).Sum(k => m.Counts[k, k]);

    /// <summary>Actual classes down, predicted across, with each class's recall (right / actual).</summary>
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
        for (int a = 0; a < m.Classes; a++)
        {
            int total = Enumerable.Range(0, m.Classes).Sum(p => counts[a, p]);
            var cells = new List<string> { Markup.Escape(classes[a]) };
            cells.AddRange(Enumerable.Range(0, m.Classes).Select(p => p == a ? $"[green]{counts[a, p]}[/]" : counts[a, p] == 0 ? "0" : $"[red]{counts[a, p]}[/]"));
            cells.Add(total == 0 ? "–" : ((double)counts[a, a] / total).ToString("0.###", CultureInfo.InvariantCulture));
            table.AddRow(cells.ToArray());
        }

        return table;
    }
}
