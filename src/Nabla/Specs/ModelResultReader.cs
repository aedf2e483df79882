using System.Text.Json;
using Nabla.Data;

namespace Nabla.Specs;

/// <summary>Reads the parts of a model file that training writes: classes, standardization, result, history.</summary>
internal static class ModelResultReader
{
    private const string TestPrefix = "test_";

    public static ModelSpec Read(JsonElement root, ModelSpec spec, JsonFields f)
    {
        if (f.Optional(root, "classes") is { } classes)
        {
            spec = spec with { Classes = ReadClasses(classes, spec, f) };
        }

        if (f.Optional(root, "input_names") is { } names)
        {
            spec = spec with { InputNames = ReadInputNames(names, spec, f) };
        }

        if (f.Optional(root, "standardization") is { } standardization)
        {
            spec = spec with { Standardization = ReadStandardization(standardization, spec, f) };
        }

        if (f.Optional(root, "imputation") is { } imputation)
        {
            const string p = "$.imputation";
            f.Object(imputation, p);
            f.CheckKeys(imputation, p, "mean");
            double[] mean = f.Vector(f.Required(imputation, p, "mean", $"add \"mean\": one value per input ({spec.Inputs})"), $"{p}.mean");
            spec = spec with
            {
                Imputation = mean.Length == spec.Inputs ? new MeanImputation(mean)
                : throw f.Error($"{p}.mean", $"{mean.Length} values for a network of \"inputs\": {spec.Inputs}", $"give one value per input ({spec.Inputs})")
            };
        }

        if (f.Optional(root, "categories") is { } categories)
        {
            spec = spec with { Categories = ReadCategories(categories, spec, f) };
        }

        if (f.Optional(root, "history") is { } history)
        {
            f.Object(history, "$.history");
            // (A key given twice was refused while the file was parsed.)
            spec = spec with { History = history.EnumerateObject().ToDictionary(p => p.Name, p => f.Series(p.Value, $"$.history.{p.Name}")) };
        }

        if (f.Optional(root, "result") is { } result)
        {
            spec = spec with { Result = ReadResult(result, f) };
        }

        return spec;
    }

    private static List<string> ReadClasses(JsonElement e, ModelSpec spec, JsonFields f)
    {
        const string p = "$.classes";
        if (e.ValueKind != JsonValueKind.Array)
        {
            throw f.Error(p, $"expected an array of class names, found {JsonFields.Describe(e)}", "write e.g. [\"setosa\", \"versicolor\", \"virginica\"]");
        }

        var names = e.EnumerateArray().Select((item, i) => f.String(item, $"{p}[{i}]")).ToList();
        for (int i = 0; i < names.Count; i++)
        {
            if (names.IndexOf(names[i]) < i)
            {
                throw f.Error($"{p}[{i}]", $"the class \"{names[i]}\" is listed twice", "list each class once");
            }
        }

        int outputs = spec.Layers[^1].Units;
        if (names.Count < 2 || !ClassLabels.Fit(names.Count, outputs))
        {
            throw f.Error(p, $"{names.Count} class names do not fit a last layer of {outputs} units",
                outputs == 1 ? "give 2 names: the class of output 0, then the class of output 1" : $"give {outputs} names, one per output unit");
        }

        return names;
    }

    private static Standardization ReadStandardization(JsonElement e, ModelSpec spec, JsonFields f)
    {
        const string p = "$.standardization";
        f.Object(e, p);
        f.CheckKeys(e, p, "mean", "std");
        double[] mean = f.Vector(f.Required(e, p, "mean", $"add \"mean\": one value per input ({spec.Inputs})"), $"{p}.mean");
        double[] std = f.Vector(f.Required(e, p, "std", $"add \"std\": one value per input ({spec.Inputs})"), $"{p}.std");
        foreach (var (values, key) in new[] { (mean, "mean"), (std, "std") })
        {
            if (values.Length != spec.Inputs)
            {
                throw f.Error($"{p}.{key}", $"{values.Length} values for a network of \"inputs\": {spec.Inputs}", $"give one value per input ({spec.Inputs})");
            }
        }

        int bad = Array.FindIndex(std, s => s <= 0);
        return bad < 0 ? new Standardization(mean, std)
            : throw f.Error($"{p}.std[{bad}]", $"the standard deviation {std[bad]} is not positive", "use a positive σ (1 for a constant input)");
    }

    /// <summary>Column name → its categories (distinct, non-empty), each standing for an input named "column=category".</summary>
    private static OneHotEncoding ReadCategories(JsonElement e, ModelSpec spec, JsonFields f)
    {
        const string p = "$.categories";
        f.Object(e, p);
        if (spec.InputNames is null)
        {
            throw f.Error(p, "categories without \"input_names\": the one-hot inputs are found by name", "add \"input_names\" (as training on a CSV writes it), or remove \"categories\"");
        }

        var columns = new List<CategoricalColumn>();
        foreach (var property in e.EnumerateObject())
        {
            string at = $"{p}.{property.Name}";
            if (property.Value.ValueKind != JsonValueKind.Array)
            {
                throw f.Error(at, $"expected a list of categories, found {JsonFields.Describe(property.Value)}", "write e.g. [\"blue\", \"red\"]");
            }

            var categories = new List<string>();
            int i = 0;
            foreach (var item in property.Value.EnumerateArray())
            {
                string category = f.String(item, $"{at}[{i}]");
                if (category.Length == 0 || categories.Contains(category))
                {
                    throw f.Error($"{at}[{i}]", category.Length == 0 ? "the category is empty" : $"\"{category}\" is listed twice", "list each category once");
                }

                if (!spec.InputNames.Contains(CategoricalColumn.InputName(property.Name, category)))
                {
                    throw f.Error($"{at}[{i}]", $"no input is named \"{CategoricalColumn.InputName(property.Name, category)}\" in \"input_names\"",
                        "give each category the input that stands for it, or remove the category");
                }

                categories.Add(category);
                i++;
            }

            columns.Add(categories.Count > 0 ? new CategoricalColumn(property.Name, categories)
                : throw f.Error(at, "the column has no categories", "list its categories, e.g. [\"blue\", \"red\"]"));
        }

        return new OneHotEncoding(columns);
    }

    /// <summary>One distinct, non-empty name per input.</summary>
    private static List<string> ReadInputNames(JsonElement e, ModelSpec spec, JsonFields f)
    {
        const string p = "$.input_names";
        if (e.ValueKind != JsonValueKind.Array)
        {
            throw f.Error(p, $"expected a list of column names, found {JsonFields.Describe(e)}", "write e.g. [\"sepal_length\", \"sepal_width\"]");
        }

        var names = new List<string>();
        int i = 0;
        foreach (var item in e.EnumerateArray())
        {
            string name = f.String(item, $"{p}[{i}]");
            if (name.Length == 0 || names.Contains(name))
            {
                throw f.Error($"{p}[{i}]", name.Length == 0 ? "the name is empty" : $"\"{name}\" is listed twice", "give each input column its own name");
            }

            names.Add(name);
            i++;
        }

        return names.Count == spec.Inputs ? names
            : throw f.Error(p, $"{names.Count} names for {spec.Inputs} inputs", $"give one name per input ({spec.Inputs}), or remove \"input_names\"");
    }

    private static RunSummary ReadResult(JsonElement e, JsonFields f)
    {
        const string p = "$.result";
        f.Object(e, p);
        string[] known = ["epochs_run", "steps", "final_loss", "diverged", "message", "kept_epoch"];
        Dictionary<string, double>? test = null;
        foreach (var property in e.EnumerateObject().Where(q => q.Name.StartsWith(TestPrefix, StringComparison.Ordinal)))
        {
            test ??= [];
            test[property.Name[TestPrefix.Length..]] = f.Number(property.Value, $"{p}.{property.Name}");
        }

        f.CheckKeys(e, p, [.. known, .. (test?.Keys.Select(k => TestPrefix + k) ?? [])]);
        return new RunSummary(
            f.Optional(e, "epochs_run") is { } epochs ? f.Integer(epochs, $"{p}.epochs_run", 0) : 0,
            f.Optional(e, "steps") is { } steps ? f.Count(steps, $"{p}.steps") : 0,
            f.Optional(e, "final_loss") is { } loss ? f.Number(loss, $"{p}.final_loss") : 0,
            f.Optional(e, "diverged") is { } diverged && f.Boolean(diverged, $"{p}.diverged"),
            f.Optional(e, "message") is { } message ? f.String(message, $"{p}.message") : null,
            test)
        {
            KeptEpoch = f.Optional(e, "kept_epoch") is { } kept ? f.Integer(kept, $"{p}.kept_epoch", 1) : null,
        };
    }

    /// <summary>The key a test result is written under: "loss" → "test_loss".</summary>
    public static string TestKey(string name) => TestPrefix + name;
}
