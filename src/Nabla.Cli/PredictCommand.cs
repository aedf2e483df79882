using System.CommandLine;
using System.Globalization;
using Nabla.Specs;
using Spectre.Console;

namespace Nabla.Cli;

/// <summary>`nabla predict MODEL --x "0,1;1,1"`: the trained network's outputs for new inputs.</summary>
public static class PredictCommand
{
    public static Command Create()
    {
        var model = new Argument<FileInfo>("model") { Description = "A model file written by 'nabla train' (or any spec with weights)." };
        var x = new Option<string>("--x") { Description = "Input rows: comma-separated values, rows separated by ';', e.g. \"0,1;1,1\".", Required = true };
        var command = new Command("predict", "Run a trained model on new inputs.") { model, x };
        command.SetAction(parse => Run(parse.GetValue(model)!, parse.GetValue(x)!));
        return command;
    }

    public static int Run(FileInfo modelFile, string x)
    {
        var model = SpecReader.ReadFile(modelFile.FullName);
        double[][] rows = ParseRows(x);
        double[][] outputs = SpecPredictor.Predict(model, rows);

        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn("x");
        table.AddColumn("ŷ");
        for (int i = 0; i < rows.Length; i++)
        {
            table.AddRow(Markup.Escape(Join(rows[i])), Markup.Escape(Join(outputs[i])));
        }

        CommandRunner.Out.Write(table);
        return CommandRunner.Ok;
    }

    private static double[][] ParseRows(string text) =>
        text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select((row, i) => row.Split(',', StringSplitOptions.TrimEntries).Select(cell =>
                double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v)
                    ? v
                    : throw new NablaException($"--x: row {i + 1} holds \"{cell}\", not a finite number. Fix: write numbers such as \"0,1;1,1\".")).ToArray())
            .ToArray();

    private static string Join(double[] values) =>
        string.Join(", ", values.Select(v => v.ToString("0.######", CultureInfo.InvariantCulture)));
}
