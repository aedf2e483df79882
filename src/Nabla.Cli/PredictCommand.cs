using System.CommandLine;
using System.Globalization;
using Nabla.App;
using Nabla.Data;
using Nabla.Specs;
using Spectre.Console;

namespace Nabla.Cli;

/// <summary>`nabla predict MODEL (--x "0,1;1,1" | --csv FILE)`: the trained network's outputs, and class names for classifiers.</summary>
public static class PredictCommand
{
    public static Command Create()
    {
        var model = new Argument<FileInfo>("model") { Description = "A model file written by 'nabla train' (or any spec with weights)." };
        var x = new Option<string?>("--x") { Description = "Input rows: comma-separated values, rows separated by ';', e.g. \"0,1;1,1\"." };
        var csv = new Option<FileInfo?>("--csv") { Description = "A CSV file with a header: one example per line; a label column, if present, is shown beside the prediction." };
        var label = new Option<string?>("--label") { Description = "The CSV's label column (default: the one the model was trained with)." };
        var command = new Command("predict", "Run a trained model on new inputs (raw values: the model applies its own standardisation).") { model, x, csv, label };
        command.Validators.Add(result =>
        {
            if ((result.GetValue(x) is null) == (result.GetValue(csv) is null))
            {
                result.AddError("Give exactly one of --x \"0,1;1,1\" or --csv FILE.");
            }
        });
        command.SetAction(parse => Run(parse.GetValue(model)!, parse.GetValue(x), parse.GetValue(csv), parse.GetValue(label)));
        return command;
    }

    public static int Run(FileInfo modelFile, string? x, FileInfo? csv, string? label)
    {
        var model = ModelFile.Read(modelFile.FullName);
        var data = csv is null ? new ModelCsvData("--x", ParseRows(x!), null, null) : ModelCsv.Read(model, csv.FullName, label, labelRequired: false);
        foreach (string note in data.Notes)
        {
            Console.Error.WriteLine($"note: {note}");
        }

        double[][] outputs = SpecPredictor.Predict(model, data.X);
        int broken = outputs.Count(o => !o.All(double.IsFinite));

        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn("#");
        table.AddColumn("x");
        if (data.Labels is not null)
        {
            table.AddColumn("label");
        }

        table.AddColumn("ŷ");
        if (model.Classes is not null)
        {
            table.AddColumn("class");
        }

        for (int i = 0; i < data.X.Length; i++)
        {
            var cells = new List<string> { (i + 1).ToString(CultureInfo.InvariantCulture), PredictionTable.Shorten(data.X[i], 6) };
            if (data.Labels is not null)
            {
                cells.Add(data.Labels[i]);
            }

            cells.Add(PredictionTable.Shorten(outputs[i], 6));
            if (model.Classes is { } classes)
            {
                // A NaN or ∞ output stands for no class: argmax would name the first one.
                cells.Add(outputs[i].All(double.IsFinite) ? ClassLabels.NameOf(classes, outputs[i]) : "none (output not finite)");
            }

            table.AddRow(cells.Select(Markup.Escape).ToArray());
        }

        CommandRunner.Out.Write(table);
        if (broken > 0)
        {
            Console.Error.WriteLine($"nabla: {broken} of {outputs.Length} outputs are not finite (NaN or ∞): the inputs or the weights are too large for {model.Train.Precision}; those rows have no class.");
        }

        return CommandRunner.Ok;
    }

    private static double[][] ParseRows(string text)
    {
        double[][] rows = text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select((row, i) => row.Split(',', StringSplitOptions.TrimEntries).Select(cell =>
                double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v)
                    ? v
                    : throw new NablaException($"--x: row {i + 1} holds \"{cell}\", not a finite number. Fix: write numbers such as \"0,1;1,1\".")).ToArray())
            .ToArray();
        return rows.Length > 0
            ? rows
            : throw new NablaException("--x: no input rows are given. Fix: write comma-separated values, rows separated by ';', e.g. --x \"0,1;1,1\".");
    }
}
