using System.Reflection;
using System.Text;
using Nabla.Specs;

namespace Nabla.Playground.Training;

/// <summary>
/// Runs the page takes from a spec rather than from its controls: the seed exercises of the course
/// (the repository's <c>examples/seed-*.json</c>, built into the page) and a spec or model file the
/// user loads (what <c>nabla train</c> reads and writes). The library reads and checks each one;
/// sizes that would freeze the tab are then refused, naming the limit.
/// </summary>
public static class SpecFiles
{
    /// <summary>The largest spec or model file the page reads.</summary>
    public const long MaxBytes = 2L << 20;

    /// <summary>The seed exercises: the key (the example file's name, and the link's <c>exercise=</c>) and the button's label.</summary>
    public static IReadOnlyList<(string Key, string Label)> Exercises { get; } =
    [
        ("seed-000-report-lr0.1", "Seed 000: XOR, η = 0.1"),
        ("seed-000-report-lr0.5", "Seed 000: XOR, η = 0.5"),
        ("seed-000-report-lr0.8", "Seed 000: XOR, η = 0.8"),
        ("seed-001-or-sigmoid", "Seed 001: OR, 2-2-1 sigmoid"),
        ("seed-002-leaky-relu-softmax", "Seed 002: 4-3-2 leaky ReLU, softmax"),
        ("seed-003-xor-sigmoid", "Seed 003: XOR, summed cross-entropy"),
        ("seed-004-neuron-one-example", "Seed 004: one neuron, one example"),
        ("seed-004-neuron-vectorised", "Seed 004: one neuron, OR, vectorised"),
    ];

    /// <summary>The seed exercise <paramref name="key"/>'s spec, as the repository's <c>examples/</c> holds it; null for an unknown key.</summary>
    public static string? Exercise(string key)
    {
        if (!Exercises.Any(e => e.Key == key))
        {
            return null;
        }

        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"exercises/{key}.json")
            ?? throw new InvalidOperationException($"The page was built without the exercise {key}.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    /// <summary>
    /// Reads and checks <paramref name="json"/> from <paramref name="file"/> as the library does, then the page's limits:
    /// its data must be in the file (a CSV file it names cannot be opened from a page), and its sizes within what the
    /// controls allow. Throws <see cref="NablaException"/> with a message fit to show.
    /// </summary>
    public static ModelSpec Check(string json, string file)
    {
        var spec = SpecReader.Parse(json, file);
        if (spec.Data is null)
        {
            throw new NablaException($"{file} has no \"data\", so there is nothing to train on: add \"data\" (inline \"x\" and \"y\", or a \"dataset\"), or use a spec file that has it.");
        }

        if (spec.Data.Csv is { } csv)
        {
            throw new NablaException($"{file} reads its data from the CSV file \"{csv}\", which a page cannot open: upload that file under \"Your CSV file\" and set the network with the controls, or give the data inline as \"x\" and \"y\".");
        }

        if (spec.Layers.Count > Settings.MaxHiddenLayers + 1 || spec.Layers.Any(l => l.Units > Settings.MaxUnits) || spec.Inputs > Settings.MaxInputs)
        {
            throw new NablaException($"{file} is larger than the playground takes: at most {Settings.MaxHiddenLayers} hidden layers, {Settings.MaxUnits} units in a layer and {Settings.MaxInputs} inputs. Train it with nabla train.");
        }

        int examples = spec.Data.X?.Length ?? spec.Data.Count ?? 0;
        if (examples > Settings.MaxExamples)
        {
            throw new NablaException($"{file} has {examples} examples; the playground takes at most {Settings.MaxExamples}. Train it with nabla train.");
        }

        return spec;
    }
}
