using System.Text.Json;

namespace Nabla.Specs;

/// <summary>Writes the "data" section the way <see cref="DataSpecReader"/> reads it.</summary>
internal static class DataSpecWriter
{
    /// <param name="rebase">How a CSV path is written: made relative to the file being written, or as read.</param>
    public static void Write(Utf8JsonWriter w, DataSpec data, Func<string, string> rebase)
    {
        w.WriteStartObject("data");
        if (data.Dataset is not null)
        {
            w.WriteString("dataset", data.Dataset);
            WriteOptional(w, "n", data.Count);
            WriteOptional(w, "noise", data.Noise);
            WriteOptional(w, "classes", data.Classes);
            if (data.Seed is { } seed)
            {
                w.WriteNumber("seed", seed);
            }
        }
        else if (data.Csv is not null)
        {
            w.WriteString("csv", rebase(data.Csv));
            w.WriteString("label", data.Label);
            if (data.Categorical is { } categorical)
            {
                w.WriteStartArray("categorical");
                foreach (string name in categorical)
                {
                    w.WriteStringValue(name);
                }

                w.WriteEndArray();
            }
        }
        else
        {
            WriteRows(w, "x", data.X!);
            WriteRows(w, "y", data.Y!);
        }

        if (data.Standardize)
        {
            w.WriteBoolean("standardize", true);
        }

        if (data.Missing is { } missing)
        {
            w.WriteString("missing", missing);
        }

        WriteOptional(w, "test", data.Test);
        WriteOptional(w, "validation", data.Validation);
        if (data.ValidationCsv is { } validation)
        {
            w.WriteStartObject("validation");
            w.WriteString("csv", rebase(validation));
            w.WriteEndObject();
        }

        if (data.SplitSeed is { } splitSeed)
        {
            w.WriteNumber("split_seed", splitSeed);
        }

        w.WriteEndObject();
    }

    /// <summary>
    /// A relative CSV path, re-expressed from the folder of the spec it was read with to the
    /// folder of the file being written. It is absolute when the two share no folder below the
    /// root (another drive, or /tmp and /home): a path up to the root and down again says less.
    /// </summary>
    public static string Rebase(string csv, string fromSpec, string toFile)
    {
        if (Path.IsPathRooted(csv))
        {
            return csv;
        }

        string from = Path.GetDirectoryName(Path.GetFullPath(fromSpec)) ?? ".";
        string to = Path.GetDirectoryName(Path.GetFullPath(toFile)) ?? ".";
        string target = Path.GetFullPath(Path.Combine(from, csv));
        var comparison = OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        if (!string.Equals(TopFolder(to), TopFolder(target), comparison))
        {
            return target;
        }

        return Path.GetRelativePath(to, target).Replace('\\', '/');
    }

    /// <summary>The root and first folder of a full path: "/work" of "/work/a/b", "C:\x" of "C:\x\y".</summary>
    private static string TopFolder(string full)
    {
        string root = Path.GetPathRoot(full) ?? "";
        string rest = full[root.Length..];
        int cut = rest.IndexOfAny([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar]);
        return root + (cut < 0 ? rest : rest[..cut]);
    }

    private static void WriteOptional(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v)
        {
            NonFiniteNumbers.Write(w, name, v);
        }
    }

    private static void WriteRows(Utf8JsonWriter w, string name, double[][] rows)
    {
        w.WriteStartArray(name);
        foreach (var row in rows)
        {
            w.WriteStartArray();
            foreach (double v in row)
            {
                NonFiniteNumbers.Write(w, v);
            }

            w.WriteEndArray();
        }

        w.WriteEndArray();
    }
}
