using System.Globalization;
using System.Text;

namespace Nabla.Playground.Training;

/// <summary>
/// The page's settings, and the steps taken, as a URL query (<c>?data=moons&amp;layers=8-tanh,8-tanh&amp;lr=0.3…</c>),
/// so a link restores the same run. Reading a link checks every value: an unknown name, a number
/// that does not parse, too many layers or a long query give a message, never an exception;
/// the sizes are then checked by <see cref="Settings.CheckLimits"/> as the page's own controls are.
/// </summary>
public static class SettingsLink
{
    /// <summary>A link longer than this is refused (a real one is a few hundred characters).</summary>
    public const int MaxQueryLength = 2000;

    /// <summary>A link restores at most this many steps (more would hold the page for a long time).</summary>
    public const long MaxSteps = 20_000;

    /// <summary>The settings and the steps taken as a query, starting with '?'.</summary>
    public static string Write(Settings s, long steps)
    {
        if (s.Loaded is not null)
        {
            // A seed exercise is named; a loaded file cannot travel in a link, and its name says so when the link is opened.
            var from = s.LoadedExercise is { } key ? new StringBuilder("?exercise=").Append(key) : new StringBuilder("?file=").Append(Uri.EscapeDataString(s.LoadedName ?? ""));
            return (steps > 0 ? from.Append("&steps=").Append(Num(steps)) : from).ToString();
        }

        var q = new StringBuilder("?data=").Append(s.Dataset);
        if (!s.IsGate)
        {
            q.Append("&n=").Append(Num(s.Count)).Append("&noise=").Append(Num(s.Noise)).Append("&classes=").Append(Num(s.Classes));
        }

        q.Append("&test=").Append(Num(s.TestFraction)).Append(s.Standardize ? "&std=1" : "")
            .Append("&layers=").Append(string.Join(",", s.Hidden.Select(h => $"{Num(h.Units)}-{h.Activation}")))
            .Append("&out=").Append(s.OutputActivation).Append("&loss=").Append(s.Loss).Append("&opt=").Append(s.Optimizer)
            .Append("&lr=").Append(Num(s.LearningRate)).Append("&batch=").Append(Num(s.Batch)).Append("&epochs=").Append(Num(s.Epochs))
            .Append("&seed=").Append(Num(s.Seed)).Append("&shuffle=").Append(s.Shuffle ? "1" : "0")
            .Append(s.Init == "auto" ? "" : "&init=" + Uri.EscapeDataString(s.Init));
        if (steps > 0)
        {
            q.Append("&steps=").Append(Num(steps));
        }

        return q.ToString();
    }

    /// <summary>
    /// Reads <paramref name="query"/> (with or without its '?'): the settings it gives (the XOR preset's for
    /// what it leaves out) and the steps to take, or a message saying what is wrong with it.
    /// </summary>
    public static (Settings? Settings, long Steps, string? Problem) Read(string query)
    {
        query = query.TrimStart('?');
        if (query.Length > MaxQueryLength)
        {
            return Fail($"the link's settings are {query.Length} characters long; the playground reads at most {MaxQueryLength}.");
        }

        var s = Settings.Presets[0].Make();
        Settings? exercise = null;
        long steps = 0;
        foreach (string pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = pair.IndexOf('=', StringComparison.Ordinal);
            string key = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]).Replace('+', ' ');
            string value = eq < 0 ? "" : Uri.UnescapeDataString(pair[(eq + 1)..].Replace('+', ' '));
            string? problem = key switch
            {
                "exercise" => Exercise(value, out exercise),
                "file" => $"it was a run of the file {value}, which a link cannot hold (load the file again).",
                "data" when value == Settings.CsvDataset => "an uploaded CSV file is not part of a link (upload it again, then set the network).",
                "data" => Name(value, Settings.Datasets, "data set", v => s.Dataset = v),
                "n" => Int(value, key, v => s.Count = v),
                "noise" => Double(value, key, v => s.Noise = v),
                "classes" => Int(value, key, v => s.Classes = v),
                "test" => Double(value, key, v => s.TestFraction = v),
                "std" => value is "0" or "1" ? Set(() => s.Standardize = value == "1") : $"std is 0 or 1, not \"{value}\".",
                "layers" => Layers(value, s),
                "out" => Name(value, Settings.OutputActivations, "output activation", v => s.OutputActivation = v),
                "loss" => Name(value, Settings.LossNames, "loss", v => s.Loss = v),
                "opt" => Name(value, Settings.Optimizers, "optimizer", v => s.Optimizer = v),
                "lr" => Double(value, key, v => s.LearningRate = v),
                "init" => Name(value, Settings.Initializers, "weight initialiser", v => s.Init = v),
                "batch" => Int(value, key, v => s.Batch = v),
                "epochs" => Int(value, key, v => s.Epochs = v),
                "seed" => ulong.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out ulong seed) ? Set(() => s.Seed = seed) : $"seed \"{value}\" is not a whole number from 0.",
                "shuffle" => value is "0" or "1" ? Set(() => s.Shuffle = value == "1") : $"shuffle is 0 or 1, not \"{value}\".",
                "steps" => long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out steps) && steps <= MaxSteps
                    ? null
                    : $"steps \"{value}\" is not a number of steps from 0 to {MaxSteps:N0} (the most a link restores).",
                _ => $"\"{key}\" is not a setting the playground knows (it knows exercise, data, n, noise, classes, test, std, layers, out, loss, opt, lr, init, batch, epochs, seed, shuffle and steps).",
            };
            if (problem is not null)
            {
                return Fail(problem);
            }
        }

        if (exercise is not null)
        {
            return (exercise, steps, null);
        }

        if (s.Batch < 0 || s.Epochs < 0)
        {
            return Fail("the batch and the epochs are 0 or more.");
        }

        return s.CheckLimits() is { } limit ? Fail(limit) : (s, steps, null);
    }

    private static (Settings?, long, string?) Fail(string problem) => (null, 0, "This link's settings could not be used: " + problem + " The page starts from the XOR preset instead.");

    private static string? Exercise(string key, out Settings? exercise)
    {
        exercise = SpecFiles.Exercise(key) is { } json ? Settings.FromSpec(json, SpecFiles.Exercises.First(e => e.Key == key).Label, key) : null;
        return exercise is null ? $"\"{key}\" is not a seed exercise of the playground (it has {string.Join(", ", SpecFiles.Exercises.Select(e => e.Key))})." : null;
    }

    private static string? Set(Action set)
    {
        set();
        return null;
    }

    private static string? Name(string value, string[] known, string what, Action<string> set) =>
        known.Contains(value) ? Set(() => set(value)) : $"\"{value}\" is not a {what} of the playground (it has {string.Join(", ", known)}).";

    private static string? Int(string value, string key, Action<int> set) =>
        int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int v) ? Set(() => set(v)) : $"{key} \"{value}\" is not a whole number.";

    private static string? Double(string value, string key, Action<double> set) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v)
            ? Set(() => set(v))
            : $"{key} \"{value}\" is not a finite number.";

    private static string? Layers(string value, Settings s)
    {
        string[] layers = value.Length == 0 ? [] : value.Split(',');
        if (layers.Length > Settings.MaxHiddenLayers)
        {
            return $"it asks for {layers.Length} hidden layers; the playground takes at most {Settings.MaxHiddenLayers}.";
        }

        var hidden = new List<LayerSetting>();
        foreach (string layer in layers)
        {
            int dash = layer.IndexOf('-', StringComparison.Ordinal);
            if (dash < 0 || !int.TryParse(layer[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out int units) || !Settings.Activations.Contains(layer[(dash + 1)..]))
            {
                return $"the layer \"{layer}\" is not units-activation (say 8-tanh; the activations are {string.Join(", ", Settings.Activations)}).";
            }

            hidden.Add(new LayerSetting { Units = units, Activation = layer[(dash + 1)..] });
        }

        s.Hidden = hidden;
        return null;
    }

    private static string Num<T>(T value)
        where T : IFormattable => Uri.EscapeDataString(value.ToString(value is double ? "R" : null, CultureInfo.InvariantCulture));
}
