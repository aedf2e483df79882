using System.Text;
using System.Text.Json;
using Nabla.Activations;
using Nabla.Data;
using Nabla.Layers;
using Nabla.Losses;

namespace Nabla.Specs;

/// <summary>
/// Reads a spec or model file (JSON with comments and trailing commas allowed) and checks
/// everything that can be checked without the data: names, shapes between layers, settings.
/// Every problem is a <see cref="SpecException"/> that names the file, line, JSON path and fix.
/// A UTF-8 byte order mark is skipped; bytes that are not UTF-8, a key given twice in one object
/// and a file over <see cref="LimitedFile.MaxSpecBytes"/> are refused.
/// </summary>
public static class SpecReader
{
    private static readonly JsonDocumentOptions Options = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>Reads and checks the spec or model file at <paramref name="path"/>.</summary>
    public static ModelSpec ReadFile(string path)
    {
        byte[] bytes;
        try
        {
            bytes = LimitedFile.ReadAllBytes(path, LimitedFile.MaxSpecBytes, "spec file");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new NablaException($"{path}: cannot read the spec file ({e.Message}). Fix: check the path.");
        }

        var spec = Parse(bytes, path);
        spec = spec with { File = path };
        return spec;
    }

    /// <summary>Reads and checks a spec given as text; <paramref name="file"/> names it in messages.</summary>
    public static ModelSpec Parse(string json, string file = "<spec>") => Parse(Encoding.UTF8.GetBytes(json), file);

    /// <summary>Reads and checks a spec given as UTF-8 bytes; <paramref name="file"/> names it in messages.</summary>
    public static ModelSpec Parse(byte[] utf8, string file)
    {
        utf8 = Utf8Text.WithoutByteOrderMark(utf8);
        Utf8Text.Check(utf8, file);
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(utf8, Options);
        }
        catch (JsonException e)
        {
            long line = (e.LineNumber ?? -1) + 1;
            long column = (e.BytePositionInLine ?? -1) + 1;
            string reason = e.Message.Split(" LineNumber:")[0].Split(" Path:")[0].TrimEnd('.', ' ');
            throw new SpecException(file, "", (int)line, (int)column, $"this is not valid JSON ({reason})",
                "check the brackets, commas and quotes near that place");
        }

        using (doc)
        {
            var f = new JsonFields(file, new JsonPositions(utf8, file));
            return ReadModel(doc.RootElement, f);
        }
    }

    private static ModelSpec ReadModel(JsonElement root, JsonFields f)
    {
        f.Object(root, "$");
        f.CheckKeys(root, "$", "name", "inputs", "layers", "loss", "metrics", "classes", "input_names", "data", "standardization", "imputation", "categories", "train", "result", "history");
        var spec = new ModelSpec { File = f.File };
        if (f.Optional(root, "name") is { } name)
        {
            spec = spec with { Name = f.String(name, "$.name") };
        }

        spec = spec with { Inputs = f.Integer(f.Required(root, "$", "inputs", "add \"inputs\": the number of input features, e.g. \"inputs\": 2"), "$.inputs", 1) };
        var layers = f.Required(root, "$", "layers", "add \"layers\": [ { \"units\": 1, \"activation\": \"sigmoid\" } ]");
        if (layers.ValueKind != JsonValueKind.Array || layers.GetArrayLength() == 0)
        {
            throw f.Error("$.layers", "expected a non-empty array of layers", "list at least one layer, e.g. [ { \"units\": 1, \"activation\": \"sigmoid\" } ]");
        }

        int width = spec.Inputs;
        int l = 0;
        var read = new List<LayerSpec>();
        foreach (var layer in layers.EnumerateArray())
        {
            var ls = ReadLayer(layer, $"$.layers[{l}]", l + 1, width, f);
            read.Add(ls);
            width = ls.Units;
            l++;
        }

        spec = spec with { Layers = read };

        if (spec.Layers[^1].Dropout > 0)
        {
            throw f.Error($"$.layers[{l - 1}].dropout", "dropout on the output layer would drop the network's answers",
                "put \"dropout\" on a hidden layer, or remove it here");
        }

        spec = spec with { Loss = ReadLoss(f.Optional(root, "loss"), f) };
        if (f.Optional(root, "metrics") is { } metrics)
        {
            spec = spec with { Metrics = ReadMetrics(metrics, f) };
        }

        if (f.Optional(root, "data") is { } data)
        {
            spec = spec with { Data = DataSpecReader.Read(data, spec, f) };
        }

        if (f.Optional(root, "train") is { } train)
        {
            spec = spec with { Train = TrainSpecReader.Read(train, f) };
        }

        if (spec.Train.EarlyStopping is { } stopping)
        {
            CheckMonitor(stopping.Monitor, spec, f);
        }

        spec = ModelResultReader.Read(root, spec, f);
        if (MemoryEstimate.Check(spec, KnownExamples(spec.Data), MemoryEstimate.Budget) is var (path, problem, fix))
        {
            throw f.Error(path, problem, fix);
        }

        return spec;
    }

    /// <summary>The number of examples the data section gives before any file is read (0 for a CSV file).</summary>
    private static long KnownExamples(DataSpec? data) => data switch
    {
        { X: { } x } => x.Length,
        { Dataset: { } name } when Data.LogicGates.Find(name) is { } gate => gate.Count,
        { Dataset: not null } => data.Count ?? Data.ToyDatasets.DefaultCount,
        _ => 0,
    };

    private static LayerSpec ReadLayer(JsonElement e, string path, int number, int inputs, JsonFields f)
    {
        f.Object(e, path);
        f.CheckKeys(e, path, "units", "activation", "alpha", "weights", "weights_by_unit", "bias", "trainable", "train_bias", "init", "dropout");
        var layer = new LayerSpec
        {
            Units = f.Integer(f.Required(e, path, "units", "add \"units\": the number of units in this layer"), $"{path}.units", 1),
        };
        if (f.Optional(e, "activation") is { } act)
        {
            layer = layer with { Activation = f.String(act, $"{path}.activation") };
            if (Activation.FromName(layer.Activation) is null)
            {
                throw f.Error($"{path}.activation", $"unknown activation \"{layer.Activation}\"",
                    $"use one of {string.Join(", ", Activation.Names)}");
            }
        }

        if (f.Optional(e, "alpha") is { } alpha)
        {
            layer = layer with { Alpha = f.Number(alpha, $"{path}.alpha") };
        }

        bool byRows = f.Optional(e, "weights") is not null;
        bool byUnit = f.Optional(e, "weights_by_unit") is not null;
        if (byRows && byUnit)
        {
            throw f.Error($"{path}.weights_by_unit", "both \"weights\" and \"weights_by_unit\" are given", "keep one of them");
        }

        if (byRows)
        {
            // n_in × n_out: row i holds the weights leaving input i.
            string wp = $"{path}.weights";
            layer = layer with { Weights = f.Rows(f.Optional(e, "weights")!.Value, wp) };
            CheckShape(layer.Weights, inputs, layer.Units, wp, number, "n_in × n_out: one row per input, one column per unit", f);
        }
        else if (byUnit)
        {
            // n_out × n_in (the W·x notation): row j holds unit j's incoming weights.
            string wp = $"{path}.weights_by_unit";
            var byUnitRows = f.Rows(f.Optional(e, "weights_by_unit")!.Value, wp);
            CheckShape(byUnitRows, layer.Units, inputs, wp, number, "n_out × n_in: one row per unit, holding its incoming weights", f);
            layer = layer with { Weights = Transpose(byUnitRows, inputs, layer.Units) };
        }

        if (f.Optional(e, "bias") is { } bias)
        {
            if (bias.ValueKind == JsonValueKind.False)
            {
                layer = layer with { HasBias = false };
            }
            else if (bias.ValueKind != JsonValueKind.True)
            {
                // A bare number is a one-unit bias: "bias": 0.5.
                layer = layer with { Bias = bias.ValueKind == JsonValueKind.Number ? [f.Number(bias, $"{path}.bias")] : f.Vector(bias, $"{path}.bias") };
                if (layer.Bias.Length != layer.Units)
                {
                    throw f.Error($"{path}.bias", $"layer {number} has {layer.Units} units but {layer.Bias.Length} bias values",
                        $"give one bias per unit ({layer.Units} values), or \"bias\": false for none");
                }
            }
        }

        if (f.Optional(e, "trainable") is { } trainable)
        {
            layer = layer with { Trainable = f.Boolean(trainable, $"{path}.trainable") };
        }

        layer = layer with { TrainBias = layer.Trainable };
        if (f.Optional(e, "train_bias") is { } trainBias)
        {
            layer = layer with { TrainBias = f.Boolean(trainBias, $"{path}.train_bias") };
        }

        if (f.Optional(e, "dropout") is { } dropout)
        {
            layer = layer with { Dropout = f.Number(dropout, $"{path}.dropout") };
            if (layer.Dropout is not (>= 0 and < 1))
            {
                throw f.Error($"{path}.dropout", $"dropout {layer.Dropout} is outside [0, 1)",
                    "give the probability of dropping a unit's output while training, from 0 up to (not including) 1, e.g. 0.2");
            }
        }

        if (f.Optional(e, "init") is { } init)
        {
            layer = layer with { Init = f.String(init, $"{path}.init") };
            var initializer = Initializer.Parse(layer.Init)
                ?? throw f.Error($"{path}.init", $"unknown initialiser \"{layer.Init}\"", $"use one of {string.Join(", ", Initializer.Kinds)}");
            if (!initializer.InRange)
            {
                throw f.Error($"{path}.init", $"the initialiser \"{layer.Init}\" has a parameter that is not a finite number within ±{Initializer.MaxParameter:G}",
                    "use small finite values, e.g. normal(0.01) or uniform(-0.5, 0.5)");
            }
        }

        return layer;
    }

    private static void CheckShape(double[][] rows, int expectRows, int expectCols, string path, int number, string layout, JsonFields f)
    {
        int cols = rows.Length == 0 ? 0 : rows[0].Length;
        if (rows.Length != expectRows || cols != expectCols)
        {
            string source = number == 1 ? $"the {expectRows} network inputs" : $"the units of layer {number - 1}";
            throw f.Error(path, $"layer {number} needs a {expectRows} × {expectCols} matrix ({layout}) but this one is {rows.Length} × {cols}",
                $"check the layer sizes: layer {number} receives its inputs from {source}" +
                (path.EndsWith("weights", StringComparison.Ordinal) ? "; if you wrote one row per unit, rename the key to \"weights_by_unit\"" : ""));
        }
    }

    private static double[][] Transpose(double[][] rows, int r, int c)
    {
        var t = new double[r][];
        for (int i = 0; i < r; i++)
        {
            t[i] = new double[c];
            for (int j = 0; j < c; j++)
            {
                t[i][j] = rows[j][i];
            }
        }

        return t;
    }

    private static LossSpec ReadLoss(JsonElement? e, JsonFields f)
    {
        if (e is null)
        {
            throw f.Error("$", "the required key \"loss\" is missing", $"add \"loss\": one of {string.Join(", ", Loss.Names)}");
        }

        string name;
        Reduction? reduction = null;
        double? delta = null;
        if (e.Value.ValueKind == JsonValueKind.Object)
        {
            f.CheckKeys(e.Value, "$.loss", "name", "reduction", "delta");
            name = f.String(f.Required(e.Value, "$.loss", "name", "add \"name\": e.g. \"bce\""), "$.loss.name");
            if (f.Optional(e.Value, "reduction") is { } r)
            {
                reduction = f.String(r, "$.loss.reduction") switch
                {
                    "mean" => Reduction.Mean,
                    "sum" => Reduction.Sum,
                    var other => throw f.Error("$.loss.reduction", $"unknown reduction \"{other}\"", "use \"mean\" or \"sum\""),
                };
            }

            if (f.Optional(e.Value, "delta") is { } d)
            {
                delta = f.Number(d, "$.loss.delta");
                if (name != "huber" || delta <= 0)
                {
                    throw f.Error("$.loss.delta", name != "huber" ? $"\"delta\" belongs to the huber loss, not \"{name}\"" : $"delta {delta} is not positive",
                        name != "huber" ? "remove \"delta\", or use \"name\": \"huber\"" : "use a positive δ such as 1.0 (the default)");
                }
            }
        }
        else
        {
            name = f.String(e.Value, "$.loss");
        }

        if (Loss.FromName(name) is null)
        {
            throw f.Error(e.Value.ValueKind == JsonValueKind.Object ? "$.loss.name" : "$.loss", $"unknown loss \"{name}\"",
                $"use one of {string.Join(", ", Loss.Names)}");
        }

        return new LossSpec(name, reduction, delta);
    }

    /// <summary>Early stopping watches a column the history will have: loss, a metric, or their val_ forms when there is validation data.</summary>
    private static void CheckMonitor(string monitor, ModelSpec spec, JsonFields f)
    {
        List<string> columns = ["loss", .. spec.Metrics];
        bool validation = spec.Data?.HasValidation ?? false;
        if (validation)
        {
            columns.AddRange([.. columns.Select(c => "val_" + c)]);
        }

        if (!columns.Contains(monitor))
        {
            throw f.Error("$.train.early_stopping.monitor", $"the history has no column \"{monitor}\"",
                monitor.StartsWith("val_", StringComparison.Ordinal) && !validation
                    ? "add \"validation\": 0.1 to \"data\" to hold out a validation part, or watch \"loss\""
                    : $"watch one of {string.Join(", ", columns.Select(c => $"\"{c}\""))}");
        }
    }

    private static List<string> ReadMetrics(JsonElement e, JsonFields f)
    {
        if (e.ValueKind != JsonValueKind.Array)
        {
            throw f.Error("$.metrics", "expected an array of names", "write e.g. [\"accuracy\", \"bce\"]");
        }

        var names = new List<string>();
        int i = 0;
        foreach (var item in e.EnumerateArray())
        {
            string name = f.String(item, $"$.metrics[{i}]");
            if (name != "accuracy" && Loss.FromName(name) is null)
            {
                throw f.Error($"$.metrics[{i}]", $"unknown metric \"{name}\"", $"use \"accuracy\" or a loss name: {string.Join(", ", Loss.Names)}");
            }

            if (names.IndexOf(name) is >= 0 and int first)
            {
                throw f.Error($"$.metrics[{i}]", $"the metric \"{name}\" is listed twice (items {first + 1} and {i + 1}); each is one column of the history",
                    "list each metric once");
            }

            names.Add(name);
            i++;
        }

        return names;
    }
}
