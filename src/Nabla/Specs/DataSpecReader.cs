using System.Text.Json;
using Nabla.Data;
using Nabla.Losses;
using Nabla.Tensors;

namespace Nabla.Specs;

/// <summary>Reads and checks the "data" section against the network's inputs, outputs and loss.</summary>
internal static class DataSpecReader
{
    private const string P = "$.data";
    private static readonly string[] ToyKeys = ["n", "noise", "classes", "seed"];

    public static DataSpec Read(JsonElement e, ModelSpec spec, JsonFields f)
    {
        f.Object(e, P);
        f.CheckKeys(e, P, "x", "y", "dataset", "n", "noise", "classes", "seed", "csv", "label", "standardize", "test", "validation", "split_seed", "missing", "categorical");
        var data = ReadPreparation(e, new DataSpec(), f);
        if (f.Optional(e, "categorical") is not null && f.Optional(e, "csv") is null)
        {
            throw f.Error($"{P}.categorical", "\"categorical\" names columns of a CSV file, and this data is not one", "remove \"categorical\", or give the data as \"csv\"");
        }

        if (f.Optional(e, "dataset") is { } ds)
        {
            data = data with { Dataset = f.String(ds, $"{P}.dataset") };
            if (LogicGates.Find(data.Dataset) is { } gate)
            {
                RejectToyKeys(e, $"the logic gate \"{data.Dataset}\" has its four fixed examples", f);
                CheckAgainstNetwork(gate.X.ToRows(), gate.Y.ToRows(), spec, $"{P}.dataset", f);
                return data;
            }

            if (Array.IndexOf(ToyDatasets.Names, data.Dataset) < 0)
            {
                throw f.Error($"{P}.dataset", $"unknown data set \"{data.Dataset}\"",
                    $"use one of {string.Join(", ", LogicGates.Names.Concat(ToyDatasets.Names))}, or give inline \"x\" and \"y\", or \"csv\"");
            }

            return ReadToy(e, data, spec, f);
        }

        if (f.Optional(e, "csv") is { } csv)
        {
            RejectToyKeys(e, "a CSV file holds its own examples", f);
            data = data with { Csv = f.String(csv, $"{P}.csv") };
            data = data with
            {
                Label = f.Optional(e, "label") is { } label ? f.String(label, $"{P}.label")
                : throw f.Error(P, "a CSV data set needs \"label\"", "add \"label\": the name of the column to predict")
            };
            if (f.Optional(e, "missing") is { } missing)
            {
                data = data with { Missing = f.String(missing, $"{P}.missing") };
                if (data.Missing != "mean")
                {
                    throw f.Error($"{P}.missing", $"unknown way \"{data.Missing}\" to fill missing inputs", "use \"mean\" (the training part's column mean), or leave \"missing\" out to refuse empty cells");
                }
            }

            if (f.Optional(e, "categorical") is { } categorical)
            {
                data = data with { Categorical = Categorical(categorical, data.Label, f) };
            }

            return data;
        }

        RejectToyKeys(e, "inline data holds its own examples", f);
        var x = f.Optional(e, "x") ?? throw f.Error(P, "no data: \"x\" is missing", "give \"x\" and \"y\" rows, or \"dataset\": \"xor\"");
        var y = f.Optional(e, "y") ?? throw f.Error(P, "\"y\" (the labels) is missing", "give one label row per row of \"x\"");
        data = data with { X = f.Rows(x, $"{P}.x") };
        data = data with { Y = f.Rows(y, $"{P}.y") };
        CheckAgainstNetwork(data.X, data.Y, spec, P, f);
        return data;
    }

    /// <summary>A list of distinct, non-empty column names, none of them the label.</summary>
    private static List<string> Categorical(JsonElement e, string label, JsonFields f)
    {
        const string p = $"{P}.categorical";
        if (e.ValueKind != JsonValueKind.Array)
        {
            throw f.Error(p, $"expected a list of column names, found {JsonFields.Describe(e)}", "write e.g. [\"colour\", \"city\"]");
        }

        var names = new List<string>();
        int i = 0;
        foreach (var item in e.EnumerateArray())
        {
            string name = f.String(item, $"{p}[{i}]");
            if (name.Length == 0 || names.Contains(name))
            {
                throw f.Error($"{p}[{i}]", name.Length == 0 ? "the name is empty" : $"\"{name}\" is listed twice", "list each categorical column once, by its header name");
            }

            if (name == label)
            {
                throw f.Error($"{p}[{i}]", $"\"{name}\" is the label, whose classes are encoded by the last layer", "list only input columns in \"categorical\"");
            }

            names.Add(name);
            i++;
        }

        return names;
    }

    private static DataSpec ReadPreparation(JsonElement e, DataSpec data, JsonFields f)
    {
        if (f.Optional(e, "standardize") is { } standardize)
        {
            data = data with { Standardize = f.Boolean(standardize, $"{P}.standardize") };
        }

        if (f.Optional(e, "test") is { } test)
        {
            data = data with { Test = f.Number(test, $"{P}.test") };
            if (data.Test is < 0 or >= 1)
            {
                throw f.Error($"{P}.test", $"the test fraction {data.Test} is outside [0, 1)",
                    "give the fraction of the examples to hold out, e.g. 0.2 for 20 %");
            }
        }

        if (f.Optional(e, "validation") is { } validation)
        {
            if (validation.ValueKind == System.Text.Json.JsonValueKind.Object)
            {
                f.CheckKeys(validation, $"{P}.validation", "csv");
                data = data with { ValidationCsv = f.String(f.Required(validation, $"{P}.validation", "csv", "add \"csv\": the validation file, e.g. { \"csv\": \"data/validation.csv\" }"), $"{P}.validation.csv") };
                if (f.Optional(e, "csv") is null)
                {
                    throw f.Error($"{P}.validation", "a validation file goes with training data from a CSV file (its columns are matched by name)",
                        "give the fraction of the training part to hold out instead, e.g. \"validation\": 0.1");
                }
            }
            else
            {
                data = data with { Validation = f.Number(validation, $"{P}.validation") };
            }

            if (data.ValidationCsv is null)
            {
                ValidationFraction(data, f);
            }
        }

        if (f.Optional(e, "split_seed") is { } splitSeed)
        {
            data = data with { SplitSeed = Seed(splitSeed, $"{P}.split_seed", f) };
            if (data.Test is null or 0 && data.Validation is null)
            {
                throw f.Error($"{P}.split_seed", "\"split_seed\" has no effect without a test or validation part",
                    "add \"test\": the fraction to hold out, e.g. 0.2, or remove \"split_seed\"");
            }
        }

        return data;
    }

    private static void ValidationFraction(DataSpec data, JsonFields f)
    {
        if (data.Validation is <= 0 or >= 1)
        {
            throw f.Error($"{P}.validation", $"the validation fraction {data.Validation} is outside (0, 1)",
                "give the fraction of the training part to hold out for validation, e.g. 0.1 for 10 %, or { \"csv\": \"file.csv\" }");
        }
    }

    private static DataSpec ReadToy(JsonElement e, DataSpec data, ModelSpec spec, JsonFields f)
    {
        string name = data.Dataset!;
        data = data with { Count = f.Optional(e, "n") is { } n ? f.Integer(n, $"{P}.n", 1) : null };
        data = data with { Noise = f.Optional(e, "noise") is { } noise ? f.Number(noise, $"{P}.noise") : null };
        data = data with { Seed = f.Optional(e, "seed") is { } seed ? Seed(seed, $"{P}.seed", f) : null };
        data = data with { Classes = f.Optional(e, "classes") is { } classes ? f.Integer(classes, $"{P}.classes", 2) : null };
        if (data.Noise is < 0 or > ToyDatasets.MaxNoise)
        {
            throw f.Error($"{P}.noise", $"the noise {data.Noise} is {(data.Noise < 0 ? "negative" : $"more than {ToyDatasets.MaxNoise}")}",
                $"give the standard deviation of the noise, from 0 (none) to {ToyDatasets.MaxNoise}; the shapes span about 2, so 0.1 is usual");
        }

        if (ToyDatasets.HasFixedClasses(name) && data.Classes is not (null or 2))
        {
            throw f.Error($"{P}.classes", $"\"{name}\" always has 2 classes", "remove \"classes\", or use \"spirals\" or \"blobs\" for more classes");
        }

        int k = data.Classes ?? ToyDatasets.DefaultClasses;
        int count = data.Count ?? ToyDatasets.DefaultCount;
        if (k > 1_000_000)
        {
            throw f.Error($"{P}.classes", $"{k} classes is more than 1000000, the most examples a toy set may have", "use fewer classes");
        }

        if (count < k || count > 1_000_000)
        {
            string given = data.Count is null ? $" (the default \"n\")" : "";
            throw f.Error(data.Count is null ? $"{P}.classes" : $"{P}.n", $"{count} examples{given} is {(count < k ? $"fewer than the {k} classes" : "more than 1000000")}",
                $"give n between {k} and 1000000");
        }

        string where = data.Classes is null ? $"{P}.dataset" : $"{P}.classes";
        if (spec.Inputs != 2)
        {
            throw f.Error(where, $"\"{name}\" has 2 inputs (x₁, x₂) but the network has \"inputs\": {spec.Inputs}", "make \"inputs\" 2");
        }

        int outputs = spec.Layers[^1].Units;
        if (!ClassLabels.Fit(k, outputs))
        {
            string fix = k == 2 ? "make the last layer's \"units\" 2 (one-hot, e.g. softmax) or 1 (0/1, e.g. sigmoid)" : $"make the last layer's \"units\" {k}";
            throw f.Error(where, $"\"{name}\" has {k} classes but the last layer has {outputs} units",
                $"{fix}{(ToyDatasets.HasFixedClasses(name) ? "" : $", or set \"classes\": {outputs}")}");
        }

        // One example of each class, encoded as the network will see them, checked against the loss.
        var sample = new LabelledData(name, new Matrix<double>(k, 2), Enumerable.Range(0, k).ToArray(), new string[k]).Encode(outputs);
        CheckLoss(sample.Y, spec, where, f);
        return data;
    }

    private static void RejectToyKeys(JsonElement e, string reason, JsonFields f)
    {
        foreach (string key in ToyKeys)
        {
            if (f.Optional(e, key) is not null)
            {
                throw f.Error($"{P}.{key}", $"\"{key}\" applies only to the toy sets ({string.Join(", ", ToyDatasets.Names)}); {reason}",
                    $"remove \"{key}\"");
            }
        }
    }

    private static ulong Seed(JsonElement e, string path, JsonFields f) =>
        e.ValueKind == JsonValueKind.Number && e.TryGetUInt64(out ulong s)
            ? s
            : throw f.Error(path, $"expected a whole number ≥ 0, found {JsonFields.Describe(e)}", "write e.g. 1");

    private static void CheckAgainstNetwork(double[][] x, double[][] y, ModelSpec spec, string p, JsonFields f)
    {
        string xp = p.EndsWith(".dataset", StringComparison.Ordinal) ? p : $"{p}.x";
        string yp = p.EndsWith(".dataset", StringComparison.Ordinal) ? p : $"{p}.y";
        if (x.Length == 0)
        {
            throw f.Error(xp, "the data has no examples", "give at least one row in \"x\" and in \"y\"");
        }

        if (x.Length != y.Length)
        {
            throw f.Error(yp, $"\"x\" has {x.Length} rows but \"y\" has {y.Length}", "give exactly one label row per example");
        }

        if (x[0].Length != spec.Inputs)
        {
            throw f.Error(xp, $"each example has {x[0].Length} values but the network has \"inputs\": {spec.Inputs}",
                $"make \"inputs\" {x[0].Length}, or give {spec.Inputs} values per row");
        }

        int outputs = spec.Layers[^1].Units;
        if (y[0].Length != outputs)
        {
            throw f.Error(yp, $"each label row has {y[0].Length} values but the last layer has {outputs} units",
                $"give {outputs} label values per row (one-hot for classes), or change the last layer's \"units\"");
        }

        CheckLoss(Matrix<double>.FromRows(y), spec, yp, f);
    }

    private static void CheckLoss(Matrix<double> y, ModelSpec spec, string path, JsonFields f)
    {
        var loss = Loss.FromName(spec.Loss.Name, spec.Loss.Reduction)!;
        if (loss.CheckLabels(y) is { } problem)
        {
            throw f.Error(path, problem, $"use labels that fit \"{spec.Loss.Name}\", or pick another loss");
        }
    }
}
