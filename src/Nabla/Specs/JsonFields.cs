using System.Text.Json;
using Nabla.Numerics;

namespace Nabla.Specs;

/// <summary>
/// Typed access to the fields of a spec's JSON, each read with its path so that a wrong
/// type or value becomes a <see cref="SpecException"/> pointing at the file, line and column.
/// </summary>
internal sealed class JsonFields(string file, JsonPositions positions)
{
    public string File { get; } = file;

    public SpecException Error(string path, string problem, string fix)
    {
        var (line, column) = positions.Find(path);
        return new SpecException(File, path, line, column, problem, fix);
    }

    /// <summary>Rejects keys the format does not know, suggesting the closest known one.</summary>
    public void CheckKeys(JsonElement obj, string path, params string[] known)
    {
        foreach (var property in obj.EnumerateObject())
        {
            if (Array.IndexOf(known, property.Name) < 0)
            {
                string? near = known.OrderBy(k => EditDistance.Between(k, property.Name)).FirstOrDefault();
                string hint = near is not null && EditDistance.Between(near, property.Name) <= 3 ? $"did you mean \"{near}\"? The keys" : "The keys";
                throw Error($"{path}.{property.Name}", $"unknown key \"{property.Name}\"",
                    $"{hint} allowed here are {string.Join(", ", known.Select(k => $"\"{k}\""))}");
            }
        }
    }

    public JsonElement Object(JsonElement e, string path)
    {
        return e.ValueKind == JsonValueKind.Object
            ? e
            : throw Error(path, $"expected an object {{ … }}, found {Describe(e)}", "write this value as a JSON object");
    }

    public JsonElement? Optional(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v : null;

    public JsonElement Required(JsonElement obj, string path, string name, string fix) =>
        Optional(obj, name) ?? throw Error(path, $"the required key \"{name}\" is missing", fix);

    public double Number(JsonElement e, string path)
    {
        return e.ValueKind == JsonValueKind.Number && e.TryGetDouble(out double d) && double.IsFinite(d)
            ? d
            : throw Error(path, $"expected a number, found {Describe(e)}", "write a plain finite number such as 0.5");
    }

    /// <summary>A whole number ≥ 0 that may exceed an int (a count of steps).</summary>
    public long Count(JsonElement e, string path)
    {
        return e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out long n) && n >= 0
            ? n
            : throw Error(path, $"expected a whole number ≥ 0, found {Describe(e)}", "write a count such as 120");
    }

    public int Integer(JsonElement e, string path, int min)
    {
        if (e.ValueKind != JsonValueKind.Number || !e.TryGetInt32(out int i))
        {
            throw Error(path, $"expected a whole number, found {Describe(e)}", $"write an integer ≥ {min}");
        }

        return i >= min ? i : throw Error(path, $"{i} is too small", $"use a whole number ≥ {min}");
    }

    public string String(JsonElement e, string path)
    {
        return e.ValueKind == JsonValueKind.String
            ? e.GetString()!
            : throw Error(path, $"expected a string, found {Describe(e)}", "write the value in double quotes");
    }

    public bool Boolean(JsonElement e, string path)
    {
        return e.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? e.GetBoolean()
            : throw Error(path, $"expected true or false, found {Describe(e)}", "write true or false (no quotes)");
    }

    public double[] Vector(JsonElement e, string path)
    {
        if (e.ValueKind != JsonValueKind.Array)
        {
            throw Error(path, $"expected an array of numbers, found {Describe(e)}", "write a list such as [0.1, 0.2]");
        }

        var values = new double[e.GetArrayLength()];
        int i = 0;
        foreach (var item in e.EnumerateArray())
        {
            // (The element's path is built only for a message: a data set may hold millions of values.)
            values[i] = IsFinite(item, out double v) ? v : Number(item, $"{path}[{i}]");
            i++;
        }

        return values;
    }

    /// <summary>
    /// A list of numbers in which a value JSON has no number for may also be given as the string
    /// "NaN", "Infinity" or "-Infinity" (see <see cref="NonFiniteNumbers"/>): a model file's history.
    /// </summary>
    public double[] Series(JsonElement e, string path)
    {
        if (e.ValueKind != JsonValueKind.Array)
        {
            throw Error(path, $"expected an array of numbers, found {Describe(e)}", "write a list such as [0.1, 0.2]");
        }

        var values = new double[e.GetArrayLength()];
        int i = 0;
        foreach (var item in e.EnumerateArray())
        {
            values[i] = NonFiniteNumbers.TryRead(item, out double v) ? v
                : item.ValueKind == JsonValueKind.Number ? Number(item, $"{path}[{i}]")
                : throw Error($"{path}[{i}]", $"expected a number, found {Describe(item)}", "write a number, or \"NaN\", \"Infinity\" or \"-Infinity\"");
            i++;
        }

        return values;
    }

    /// <summary>A list of rows; every row must have the same length.</summary>
    public double[][] Rows(JsonElement e, string path)
    {
        if (e.ValueKind != JsonValueKind.Array)
        {
            throw Error(path, $"expected an array of rows, found {Describe(e)}", "write rows such as [[0, 1], [1, 0]]");
        }

        var rows = new double[e.GetArrayLength()][];
        int i = 0;
        foreach (var item in e.EnumerateArray())
        {
            // A bare number is a row of one value: "y": [0, 1, 1, 0] means [[0], [1], [1], [0]].
            rows[i] = IsFinite(item, out double v) ? [v]
                : item.ValueKind == JsonValueKind.Number ? [Number(item, $"{path}[{i}]")]
                : AllFinite(item, out double[] row) ? row : Vector(item, $"{path}[{i}]");
            if (rows[i].Length != rows[0].Length)
            {
                throw Error($"{path}[{i}]", $"row {i + 1} has {rows[i].Length} values but row 1 has {rows[0].Length}",
                    "give every row the same number of values");
            }

            i++;
        }

        return rows;
    }

    /// <summary>An array of finite numbers, read without building any path; false for anything else.</summary>
    private static bool AllFinite(JsonElement e, out double[] values)
    {
        values = [];
        if (e.ValueKind != JsonValueKind.Array)
        {
            return false;
        }

        values = new double[e.GetArrayLength()];
        int i = 0;
        foreach (var item in e.EnumerateArray())
        {
            if (!IsFinite(item, out values[i++]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsFinite(JsonElement e, out double d)
    {
        d = 0;
        return e.ValueKind == JsonValueKind.Number && e.TryGetDouble(out d) && double.IsFinite(d);
    }

    public static string Describe(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => $"the string \"{e.GetString()}\"",
        JsonValueKind.Number => $"the number {e.GetRawText()}",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        JsonValueKind.True or JsonValueKind.False => e.GetRawText(),
        _ => "null",
    };
}
