using System.Text.Json;
using System.Text.Json.Nodes;
using Nabla.Data;

namespace Nabla.Playground.Training;

/// <summary>One hidden or output layer as the page edits it.</summary>
public sealed class LayerSetting
{
    public int Units { get; set; } = 4;

    public string Activation { get; set; } = "tanh";
}

/// <summary>
/// What the page's controls set: the data, the network and the training. <see cref="ToSpec"/>
/// writes them as a spec file (the format <c>nabla train</c> reads), which the library then reads
/// and checks; sizes that would freeze the tab are refused first, naming the limit.
/// </summary>
public sealed class Settings
{
    /// <summary>At most this many hidden layers.</summary>
    public const int MaxHiddenLayers = 6;

    /// <summary>At most this many units in a layer.</summary>
    public const int MaxUnits = 64;

    /// <summary>At most this many examples in a toy set.</summary>
    public const int MaxExamples = 5000;

    public static readonly string[] Activations = ["tanh", "relu", "leaky_relu", "elu", "gelu", "softplus", "silu", "sigmoid", "identity"];

    public static readonly string[] OutputActivations = ["sigmoid", "softmax", "tanh", "identity"];

    public static readonly string[] LossNames = ["bce", "cce", "mse", "half_mse", "sse", "half_sse"];

    public static readonly string[] Optimizers = ["sgd", "momentum", "nesterov", "adam"];

    /// <summary>The initialisers: "auto" leaves "init" out (He for the ReLU family, Xavier otherwise, as the library chooses); the rest are the spec's.</summary>
    public static readonly string[] Initializers = ["auto", "xavier", "he", "normal(0.1)", "normal(1)", "uniform(-0.5,0.5)", "zeros"];

    public static readonly string[] Datasets = [.. LogicGates.Names, .. ToyDatasets.Names];

    /// <summary>The data set's name when the data is an uploaded CSV file.</summary>
    public const string CsvDataset = "csv";

    /// <summary>At most this many classes in an uploaded CSV file of more than two features (two features: one colour each, <see cref="Regions.ClassColors"/>).</summary>
    public const int MaxClasses = 20;

    /// <summary>At most this many feature columns in an uploaded CSV file (the network's inputs).</summary>
    public const int MaxInputs = 64;

    public string Dataset { get; set; } = "xor";

    /// <summary>The uploaded CSV file's examples, read by the library's CSV reader (null until one is uploaded).</summary>
    public LabelledData? Csv { get; set; }

    /// <summary>The uploaded file's name.</summary>
    public string? CsvName { get; set; }

    /// <summary>True when the data is the uploaded CSV file.</summary>
    public bool IsCsv => Dataset == CsvDataset && Csv is not null;

    /// <summary>The network's inputs: 2 for the gates and toy sets, the CSV's feature columns for a file.</summary>
    public int Inputs => IsCsv ? Csv!.X.Cols : 2;

    public int Count { get; set; } = 200;

    public double Noise { get; set; } = 0.1;

    public int Classes { get; set; } = 2;

    public double TestFraction { get; set; }

    /// <summary>Standardise each input to mean 0 and standard deviation 1 over the training part, as <c>"standardize": true</c> does.</summary>
    public bool Standardize { get; set; }

    public List<LayerSetting> Hidden { get; set; } = [new() { Units = 4, Activation = "tanh" }];

    public string OutputActivation { get; set; } = "sigmoid";

    public string Loss { get; set; } = "bce";

    public string Optimizer { get; set; } = "adam";

    public double LearningRate { get; set; } = 0.05;

    /// <summary>How every layer's starting weights are drawn from the seed: one of <see cref="Initializers"/>.</summary>
    public string Init { get; set; } = "auto";

    /// <summary>Examples per step; 0 is the whole set.</summary>
    public int Batch { get; set; }

    public bool Shuffle { get; set; } = true;

    public ulong Seed { get; set; } = 1;

    /// <summary>Train this many epochs and stop; 0 trains until paused.</summary>
    public int Epochs { get; set; }

    /// <summary>A spec the run is taken from instead of the controls (a seed exercise or a loaded file), checked by <see cref="SpecFiles.Check"/>; null when the controls set the run.</summary>
    public string? Loaded { get; set; }

    /// <summary>Where <see cref="Loaded"/> came from: the file's name or the exercise's label.</summary>
    public string? LoadedName { get; set; }

    /// <summary>The seed exercise's key when <see cref="Loaded"/> is one (a link can name it); null for a file.</summary>
    public string? LoadedExercise { get; set; }

    /// <summary>The settings of a run taken from <paramref name="json"/> (checked first; throws <see cref="NablaException"/> with a message fit to show).</summary>
    public static Settings FromSpec(string json, string name, string? exercise)
    {
        var spec = SpecFiles.Check(json, name);
        return new Settings { Loaded = json, LoadedName = name, LoadedExercise = exercise, Epochs = spec.Train.Epochs, Seed = spec.Train.Seed };
    }

    /// <summary>True for the logic gates (four points, one 0/1 target).</summary>
    public bool IsGate => LogicGates.Names.Contains(Dataset);

    /// <summary>Number of classes the chosen data has.</summary>
    public int ClassCount => IsCsv ? Csv!.Classes.Count : IsGate || ToyDatasets.HasFixedClasses(Dataset) ? 2 : Classes;

    /// <summary>Output units: one for two classes (unless softmax), else one per class.</summary>
    public int OutputUnits => ClassCount > 2 || (OutputActivation == "softmax" && !IsGate) ? ClassCount : 1;

    /// <summary>The presets: a name and the settings it makes.</summary>
    public static IReadOnlyList<(string Name, Func<Settings> Make)> Presets { get; } =
    [
        ("XOR", () => new Settings { Dataset = "xor", Hidden = [new() { Units = 4, Activation = "tanh" }], LearningRate = 0.05 }),
        ("OR", () => new Settings { Dataset = "or", Hidden = [], OutputActivation = "sigmoid", Optimizer = "sgd", LearningRate = 0.5 }),
        ("AND", () => new Settings { Dataset = "and", Hidden = [], OutputActivation = "sigmoid", Optimizer = "sgd", LearningRate = 0.5 }),
        ("Moons", () => new Settings
        {
            Dataset = "moons", Count = 500, Noise = 0.1, Hidden = [new() { Units = 8 }, new() { Units = 8 }],
            Loss = "mse", Optimizer = "sgd", LearningRate = 0.3, Batch = 10,
        }),
        ("Circles", () => new Settings
        {
            Dataset = "circles", Count = 300, Noise = 0.05, Hidden = [new() { Units = 8 }], LearningRate = 0.03, Batch = 10,
        }),
        ("Spirals", () => new Settings
        {
            Dataset = "spirals", Count = 300, Noise = 0.05, Hidden = [new() { Units = 16 }, new() { Units = 16 }],
            LearningRate = 0.01, Batch = 10,
        }),
        ("Blobs (3 classes)", () => new Settings
        {
            Dataset = "blobs", Count = 300, Noise = 0.5, Classes = 3, Hidden = [new() { Units = 6 }],
            OutputActivation = "softmax", Loss = "cce", LearningRate = 0.03, Batch = 10,
        }),
    ];

    /// <summary>Null when the sizes are within the page's limits, else the message naming the limit.</summary>
    public string? CheckLimits()
    {
        if (Loaded is not null)
        {
            return null; // (checked when it was loaded)
        }

        if (!double.IsFinite(LearningRate) || LearningRate <= 0)
        {
            return $"The learning rate must be a positive number; it is {LearningRate}.";
        }

        if (!double.IsFinite(Noise) || Noise < 0 || !double.IsFinite(TestFraction) || TestFraction < 0 || TestFraction >= 1)
        {
            return "The noise must be 0 or more, and the test fraction from 0 up to (not including) 1.";
        }

        if (Hidden.Count > MaxHiddenLayers)
        {
            return $"The playground takes at most {MaxHiddenLayers} hidden layers; this network has {Hidden.Count}.";
        }

        if (Hidden.FirstOrDefault(l => l.Units < 1 || l.Units > MaxUnits) is { } layer)
        {
            return $"A layer takes 1 to {MaxUnits} units in the playground; layer {Hidden.IndexOf(layer) + 1} has {layer.Units}.";
        }

        if (IsCsv)
        {
            var csv = Csv!;
            if (csv.X.Rows < 2 || csv.X.Rows > MaxExamples || csv.X.Cols > MaxInputs)
            {
                return $"A CSV file takes 2 to {MaxExamples} examples and at most {MaxInputs} feature columns in the playground; {CsvName} has {csv.X.Rows} examples and {csv.X.Cols} feature columns.";
            }

            bool drawn = csv.X.Cols == 2; // (the regions give each class a colour of its own)
            int most = drawn ? Regions.ClassColors.Length : MaxClasses;
            string from = drawn ? " from two features (one colour each in the regions)" : "";
            return csv.Classes.Count < 2 || csv.Classes.Count > most
                ? $"The playground learns 2 to {most} classes{from}; the label column of {CsvName} holds {csv.Classes.Count}."
                : null;
        }

        if (Dataset == CsvDataset)
        {
            return "No CSV file is uploaded: choose one under Data, or another data set.";
        }

        if (!IsGate && (Count < 4 || Count > MaxExamples))
        {
            return $"A toy set takes 4 to {MaxExamples} examples in the playground; this one asks for {Count}.";
        }

        if (!IsGate && (Classes < 2 || Classes > Regions.ClassColors.Length))
        {
            return $"The playground draws 2 to {Regions.ClassColors.Length} classes; this asks for {Classes}.";
        }

        return null;
    }

    /// <summary>The settings as a spec file's JSON.</summary>
    public string ToSpec()
    {
        if (Loaded is not null)
        {
            return Loaded;
        }

        var layers = new JsonArray();
        foreach (var hidden in Hidden)
        {
            layers.Add(new JsonObject { ["units"] = hidden.Units, ["activation"] = hidden.Activation });
        }

        layers.Add(new JsonObject { ["units"] = OutputUnits, ["activation"] = OutputActivation });
        if (Init != "auto")
        {
            foreach (var layer in layers)
            {
                layer!["init"] = Init;
            }
        }

        var data = new JsonObject { ["dataset"] = Dataset };
        JsonArray? classes = null;
        if (IsCsv)
        {
            // The file as the library's CSV reader read it: the features inline, the labels encoded for the output units.
            var set = Csv!.Encode(OutputUnits);
            data = new JsonObject { ["x"] = Rows(set.X), ["y"] = Rows(set.Y) };
            classes = [.. Csv.Classes.Select(c => JsonValue.Create(c))];
        }
        else if (!IsGate)
        {
            data["n"] = Count;
            data["noise"] = Noise;
            if (!ToyDatasets.HasFixedClasses(Dataset))
            {
                data["classes"] = Classes;
            }
        }

        if (TestFraction > 0)
        {
            data["test"] = TestFraction;
        }

        if (Standardize)
        {
            data["standardize"] = true;
        }

        var spec = new JsonObject
        {
            ["name"] = $"Playground: {(IsCsv ? CsvName : Dataset)}, {string.Join("-", [Inputs, .. Hidden.Select(h => h.Units), OutputUnits])}",
            ["inputs"] = Inputs,
            ["layers"] = layers,
            ["loss"] = Loss,
            ["metrics"] = new JsonArray("accuracy"),
            ["data"] = data,
            ["train"] = new JsonObject
            {
                ["optimizer"] = Optimizer,
                ["learning_rate"] = LearningRate,
                ["epochs"] = Epochs > 0 ? Epochs : 1000,
                ["batch"] = Batch > 0 ? JsonValue.Create(Batch) : JsonValue.Create("full"),
                ["shuffle"] = Shuffle,
                ["seed"] = Seed,
            },
        };
        if (classes is not null)
        {
            spec["classes"] = classes;
        }

        return spec.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static JsonArray Rows(Tensors.Matrix<double> m)
    {
        var rows = new JsonArray();
        for (int i = 0; i < m.Rows; i++)
        {
            var row = new JsonArray();
            for (int j = 0; j < m.Cols; j++)
            {
                row.Add(m[i, j]);
            }

            rows.Add(row);
        }

        return rows;
    }
}
