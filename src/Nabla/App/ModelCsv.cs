using Nabla.Data;
using Nabla.Specs;
using Nabla.Tensors;

namespace Nabla.App;

/// <summary>A CSV read for a trained model: its raw inputs, and (when the file has the label column) the targets.</summary>
public sealed record ModelCsvData(string File, double[][] X, Matrix<double>? Y, IReadOnlyList<string>? Labels)
{
    /// <summary>Things the user should hear: columns ignored, a semicolon-separated file.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}

/// <summary>
/// Reads new examples for a trained model from a CSV with a header. A model that keeps its input
/// column names ("input_names", written by training on a CSV) takes its inputs by name, in any
/// order, and other columns are ignored (and said so); otherwise every column but the label (the
/// model's "data.label", or the one named) is an input, in file order. A categorical column is one-hot
/// encoded with the model's categories (a category it never saw is an error naming the line and the value).
/// The label, when present, is encoded the way the model was trained (its classes, one-hot or one 0/1 column).
/// </summary>
public static class ModelCsv
{
    /// <param name="pathFix">The fix for a file that cannot be read (default: the command line's --csv).</param>
    public static ModelCsvData Read(ModelSpec model, string path, string? label, bool labelRequired, string pathFix = "check the file given to --csv")
    {
        string column = label ?? model.Data?.Label ?? "label";
        // The path and the label column come from the command line here, not from a spec: the fixes say so.
        var table = CsvData.Read(path, column, labelOptional: true, pathFix: pathFix, emptyAsMissing: model.Imputation is not null,
            categorical: model.Categories?.Names.ToList());
        if (labelRequired && !table.HasLabel)
        {
            throw new NablaException($"{path}: line 1 (the header) has no label column \"{column}\"; the columns are {Names(table.Features)}. " +
                "Fix: pass --label COLUMN naming the column that holds the labels.");
        }

        var notes = new List<string>();
        if (table.DelimiterNote is { } note)
        {
            notes.Add(note);
        }

        if (model.Categories is { } categories)
        {
            table = categories.Apply(table); // with the model's categories: "colour" → "colour=blue", "colour=red", …
        }

        if (model.InputNames is { } names)
        {
            table = ByName(table, names, model, notes);
        }
        else if (table.X.Cols != model.Inputs)
        {
            throw new NablaException($"{path}: the CSV has {table.X.Cols} input columns ({Names(table.Features)}) but the model in {model.File} takes {model.Inputs}. " +
                $"Fix: give {model.Inputs} input columns{(table.HasLabel ? "" : $", and name the label column \"{column}\" (or pass --label) if the file has one")}.");
        }

        if (model.Imputation?.Apply(table.X) is > 0 and int filled)
        {
            notes.Add($"{path}: {filled} empty input {(filled == 1 ? "cell was" : "cells were")} filled with the training part's column mean, as the model was trained.");
        }

        double[][] x = table.X.ToRows();
        if (!table.HasLabel)
        {
            return new ModelCsvData(path, x, null, null) { Notes = notes };
        }

        int outputs = model.Layers[^1].Units;
        Matrix<double> y;
        if (model.Classes is { } classes)
        {
            var index = classes.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);
            var labels = new int[table.Labels.Count];
            for (int i = 0; i < labels.Length; i++)
            {
                labels[i] = index.TryGetValue(table.Labels[i], out int k) ? k
                    : throw new NablaException($"{path}: example {i + 1}, column {table.LabelColumn + 1} \"{table.Label}\": \"{table.Labels[i]}\" is not one of the model's classes ({Names(classes)}). Fix: correct the label, or remove that example.");
            }

            y = new LabelledData(table.File, table.X, labels, classes).Encode(outputs).Y;
        }
        else if (outputs == 1 && table.LabelsAreNumbers)
        {
            y = table.ToTargets().Y;
        }
        else
        {
            throw new NablaException($"{path}: column {table.LabelColumn + 1} \"{table.Label}\" holds labels, but the model in {model.File} has {outputs} outputs and no class names. " +
                "Fix: evaluate a model trained on a CSV (it keeps its class names), or give one numeric label per example for a one-output model.");
        }

        if (ModelBuilder.BuildLoss(model.Loss).CheckLabels(y) is { } problem)
        {
            throw new NablaException($"{path}: column {table.LabelColumn + 1} \"{table.Label}\": {problem}. Fix: give labels the model's loss \"{model.Loss.Name}\" accepts.");
        }

        return new ModelCsvData(path, x, y, table.Labels) { Notes = notes };
    }

    /// <summary>The table with X's columns taken by the model's input names, in the model's order.</summary>
    private static CsvTable ByName(CsvTable table, IReadOnlyList<string> names, ModelSpec model, List<string> notes)
    {
        var features = table.Features.ToList();
        var missing = names.Where(n => !features.Contains(n)).ToList();
        if (missing.Count > 0)
        {
            throw new NablaException($"{table.File}: line 1 (the header) has no column {Names(missing)}, which the model in {model.File} takes as input" +
                $"{(missing.Count > 1 ? "s" : "")}; the columns are {Names(table.Header)}. Fix: add the missing column{(missing.Count > 1 ? "s" : "")} (in any order), named as when the model was trained.");
        }

        var extra = features.Where(f => !names.Contains(f)).ToList();
        if (extra.Count > 0)
        {
            notes.Add($"{table.File}: ignored the column{(extra.Count > 1 ? "s" : "")} {Names(extra)}, which the model does not take.");
        }

        int[] at = [.. names.Select(n => features.IndexOf(n))];
        if (extra.Count == 0 && at.SequenceEqual(Enumerable.Range(0, at.Length)))
        {
            return table; // (the model's order already)
        }

        var x = new Matrix<double>(table.X.Rows, names.Count);
        for (int r = 0; r < x.Rows; r++)
        {
            var from = table.X.Row(r);
            var to = x.Row(r);
            for (int c = 0; c < at.Length; c++)
            {
                to[c] = from[at[c]]; // the model's input c is the file's column named names[c]
            }
        }

        return table with { X = x };
    }

    private static string Names(IEnumerable<string> names)
    {
        var list = names.ToList();
        return string.Join(", ", list.Take(8).Select(n => $"\"{n}\"")) + (list.Count > 8 ? $", … {list.Count} in all" : "");
    }
}
