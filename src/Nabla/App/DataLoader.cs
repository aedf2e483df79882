using Nabla.Data;
using Nabla.Losses;
using Nabla.Specs;
using Nabla.Tensors;

namespace Nabla.App;

/// <summary>
/// Loads a spec's data (inline, a logic gate, a toy set or a CSV file), encodes the labels for
/// the network's last layer, holds out the test part and measures the standardisation. A file's
/// own "classes" and "standardization" are kept when the data does not provide new ones, so
/// training, explaining and predicting all see the inputs the same way.
/// </summary>
internal static class DataLoader
{
    public static DataSplit Load(ModelSpec spec)
    {
        var data = spec.Data ?? throw new NablaException($"{spec.File}: the spec has no \"data\" section. Fix: add \"data\": {{ \"dataset\": \"xor\" }} or inline \"x\" and \"y\".");
        int outputs = spec.Layers[^1].Units;
        Dataset all;
        LabelledData? labelled = null;
        CsvTable? table = null;
        OneHotEncoding? categories = null;
        if (data.Dataset is not null && LogicGates.Find(data.Dataset) is { } gate)
        {
            all = gate;
        }
        else if (data.Dataset is not null)
        {
            labelled = ToyDatasets.Generate(data.Dataset, data.Count ?? ToyDatasets.DefaultCount, data.Noise ?? ToyDatasets.DefaultNoise,
                data.Classes ?? ToyDatasets.DefaultClasses, data.Seed ?? spec.Train.Seed)!;
            all = labelled.Encode(outputs);
        }
        else if (data.Csv is not null)
        {
            (all, labelled, table, categories) = LoadCsv(spec, data, outputs);
        }
        else
        {
            all = new Dataset("inline", Matrix<double>.FromRows(data.X!), Matrix<double>.FromRows(data.Y!));
        }

        Dataset train = all;
        Dataset? test = null;
        Dataset? validation = null;
        int[]? labels = labelled?.Labels;
        ulong seed = data.SplitSeed ?? spec.Train.Seed;
        if (data.Test is > 0 and double fraction)
        {
            var (trainRows, testRows) = TrainTestSplit.Indices(all.Count, fraction, seed, labels);
            if (trainRows.Length == 0 || testRows.Length == 0)
            {
                throw new NablaException($"{spec.File}: at $.data.test: holding out {fraction} of {all.Count} examples leaves " +
                    $"{trainRows.Length} to train on and {testRows.Length} to test on. Fix: choose a test fraction that leaves examples in both parts, or remove \"test\".");
            }

            (train, test) = (all.Take(trainRows), all.Take(testRows));
            labels = labels is null ? null : [.. trainRows.Select(i => labels[i])];
        }

        if (data.Validation is { } share)
        {
            // Out of the training part, stratified like the test part, with the next seed (so it differs from the test split's shuffle).
            var (trainRows, validationRows) = TrainTestSplit.Indices(train.Count, share, unchecked(seed + 1), labels);
            if (trainRows.Length == 0 || validationRows.Length == 0)
            {
                throw new NablaException($"{spec.File}: at $.data.validation: holding out {share} of the {train.Count} training examples leaves " +
                    $"{trainRows.Length} to train on and {validationRows.Length} to validate on. Fix: choose a validation fraction that leaves examples in both parts, or remove \"validation\".");
            }

            (train, validation) = (train.Take(trainRows), train.Take(validationRows));
        }

        var notes = table?.DelimiterNote is { } note ? new List<string> { note } : [];
        foreach (var (name, line, cell) in table?.Detected ?? [])
        {
            var column = categories!.Columns.First(c => c.Name == name);
            notes.Add($"{table!.File}: column \"{name}\" holds text (\"{cell}\" on line {line}), so it is read as categorical: one-hot encoded as {Inputs(column)}. " +
                $"List it in \"categorical\" in the spec's \"data\" to say so; if it should hold numbers, fix that cell.");
        }

        var imputation = data.Missing == "mean" ? MeanImputation.Fit(train.X, [.. table!.Features], table.File) : spec.Imputation;
        if (imputation is not null && data.Missing == "mean")
        {
            int filled = imputation.Apply(train.X) + (test is null ? 0 : imputation.Apply(test.X)) + (validation is null ? 0 : imputation.Apply(validation.X));
            notes.Add($"{table!.File}: {filled} empty input {(filled == 1 ? "cell was" : "cells were")} filled with the training part's column mean (\"missing\": \"mean\"; the means are kept in the model).");
        }

        if (data.ValidationCsv is { } file)
        {
            validation = ValidationFile(spec, file, table!, labelled?.Classes, imputation, categories, notes);
        }

        // Measured on the training part when asked (one-hot columns left as 0 and 1); otherwise the statistics the file already holds, if any.
        var standardization = data.Standardize ? Standardization.Fit(train.X, categories?.IsOneHot([.. table!.Features])) : spec.Standardization;
        return new DataSplit(train, test, labelled?.Classes ?? spec.Classes, standardization)
        {
            Validation = validation,
            Imputation = imputation,
            Categories = categories,
            InputNames = table is null ? spec.InputNames : [.. table.Features],
            Notes = notes,
        };
    }

    /// <summary>The validation file: its columns matched by name to the training CSV's, its labels encoded by the training classes.</summary>
    private static Dataset ValidationFile(ModelSpec spec, string file, CsvTable training, IReadOnlyList<string>? classes, MeanImputation? imputation,
        OneHotEncoding? categories, List<string> notes)
    {
        string dir = Path.GetDirectoryName(Path.GetFullPath(spec.File)) ?? ".";
        string path = Path.IsPathRooted(file) ? file : Path.Combine(dir, file);
        var shape = spec with { InputNames = [.. training.Features], Classes = classes?.ToList(), Imputation = imputation, Categories = categories };
        var read = ModelCsv.Read(shape, path, training.Label, labelRequired: true,
            pathFix: $"check \"validation\": {{ \"csv\": … }} in {spec.File}; a relative path is read from the spec file's folder");
        notes.AddRange(read.Notes);
        return new Dataset("validation", Matrix<double>.FromRows(read.X), read.Y!);
    }

    private static (Dataset All, LabelledData? Labelled, CsvTable Table, OneHotEncoding? Categories) LoadCsv(ModelSpec spec, DataSpec data, int outputs)
    {
        string dir = Path.GetDirectoryName(Path.GetFullPath(spec.File)) ?? ".";
        string path = Path.IsPathRooted(data.Csv!) ? data.Csv! : Path.Combine(dir, data.Csv!);
        var table = CsvData.Read(path, data.Label!, emptyAsMissing: data.Missing == "mean", categorical: data.Categorical, detect: true);
        string column = $"column {table.LabelColumn + 1} \"{table.Label}\"";
        if (data.Categorical?.FirstOrDefault(c => !table.Header.Contains(c)) is { } absent)
        {
            throw new NablaException($"{spec.File}: at $.data.categorical: {path} has no column \"{absent}\"; the columns are " +
                $"{string.Join(", ", table.Header.Select(h => $"\"{h}\""))}. Fix: list the categorical columns by their header names.");
        }

        // The width is checked before the one-hot matrix is made: a column of ids read as categories would make it m × m.
        var categories = table.Text.Count > 0 ? OneHotEncoding.Fit(table) : null;
        int width = categories?.Width(table) ?? table.X.Cols;
        if (width != spec.Inputs)
        {
            string what = categories is null ? $"{width} feature columns (all but {column})"
                : $"{width} inputs after one-hot encoding (all columns but {column}, with " +
                    string.Join(", ", categories.Columns.Select(c => $"\"{c.Name}\" as {c.Categories.Count}")) + ")";
            string detected = string.Concat(table.Detected.Select(d => $" \"{d.Column}\" is read as categorical because line {d.Line} holds \"{d.Cell}\"; if it should hold numbers, fix that cell."));
            throw new NablaException($"{path}: the CSV has {what} but the network in {spec.File} has \"inputs\": {spec.Inputs}.{detected} Fix: make \"inputs\" {width}.");
        }

        table = categories?.Apply(table) ?? table;

        // Before the labels are encoded (m × outputs values): the sizes now known must fit.
        if (MemoryEstimate.Check(spec, table.X.Rows, MemoryEstimate.Budget) is var (_, tooLarge, smaller))
        {
            throw new NablaException($"{path}: with its {table.X.Rows} examples, {tooLarge}. Fix: {smaller}.");
        }

        // A squared-error loss on one output unit with numeric labels is regression: y is the number itself.
        if (IsSquaredError(spec.Loss.Name) && outputs == 1 && table.LabelsAreNumbers)
        {
            return (table.ToTargets(), null, table, categories);
        }

        var labelled = table.ToClasses();
        int k = labelled.Classes.Count;
        if (k < 2 || !ClassLabels.Fit(k, outputs))
        {
            string names = string.Join(", ", labelled.Classes.Take(10)) + (k > 10 ? ", …" : "");
            string fix = k < 2 ? "give examples of at least two classes, or use \"mse\" with one output unit for a numeric target"
                : $"make the last layer's \"units\" {k}{(k == 2 ? " (one-hot), or 1 (0/1, e.g. sigmoid)" : " (one per class)")}";
            throw new NablaException($"{path}: {column} holds {k} {(k == 1 ? "class" : "classes")} ({names}) but the last layer in {spec.File} has {outputs} units. Fix: {fix}.");
        }

        var set = labelled.Encode(outputs);
        if (ModelBuilder.BuildLoss(spec.Loss).CheckLabels(set.Y) is { } problem)
        {
            // Class labels are 0/1, so in practice only one unit with cce (whose rows must sum to 1) fails here.
            throw new NablaException(outputs == 1
                ? $"{path}: {column} holds 2 classes, written as one 0/1 column for the one output unit, which \"{spec.Loss.Name}\" cannot learn ({problem}). Fix: use \"bce\" with one sigmoid unit, or two softmax units with \"cce\"."
                : $"{path}: {column}: {problem}. Fix: use labels that fit \"{spec.Loss.Name}\", or pick another loss.");
        }

        return (set, labelled, table, categories);
    }

    /// <summary>"3 inputs (colour=blue, colour=green, colour=red)", the list cut short after 10.</summary>
    private static string Inputs(CategoricalColumn column)
    {
        var names = column.InputNames.ToList();
        return $"{names.Count} input{(names.Count == 1 ? "" : "s")} ({string.Join(", ", names.Take(10))}{(names.Count > 10 ? ", …" : "")})";
    }

    private static bool IsSquaredError(string loss) => Loss.FromName(loss) is SquaredError;
}
