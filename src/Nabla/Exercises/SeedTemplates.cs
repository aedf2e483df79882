namespace Nabla.Exercises;

/// <summary>
/// The named templates: one per seed exercise of <c>examples/</c> (<c>seed-000</c> … <c>seed-004</c>),
/// each the network, loss, optimizer and batch of that exercise; a variant draws its own numbers
/// (so the names say nothing of the gate the seed learned: a variant's targets are its own).
/// </summary>
public static class SeedTemplates
{
    private static readonly Dictionary<string, string> Templates = new(StringComparer.OrdinalIgnoreCase)
    {
        ["seed-000"] = """
            { "name": "Seed 000: 2-2-1 ReLU/sigmoid, ½ Σ (ŷ − y)², one batch step", "inputs": 2,
              "layers": [ { "units": 2, "activation": "relu" }, { "units": 1, "activation": "sigmoid" } ],
              "loss": "half_sse", "data": { "dataset": "xor" },
              "train": { "optimizer": "sgd", "learning_rate": 0.5, "epochs": 1, "batch": "full" } }
            """,
        ["seed-001"] = """
            { "name": "Seed 001: 2-2-1 sigmoid/sigmoid, ½-mean squared error, one batch step", "inputs": 2,
              "layers": [ { "units": 2, "activation": "sigmoid" }, { "units": 1, "activation": "sigmoid" } ],
              "loss": "half_mse", "data": { "dataset": "or" },
              "train": { "optimizer": "sgd", "learning_rate": 0.5, "epochs": 1, "batch": "full" } }
            """,
        ["seed-002"] = """
            { "name": "Seed 002: 4-3-2 leaky ReLU/softmax, one example", "inputs": 4,
              "layers": [ { "units": 3, "activation": "leaky_relu", "alpha": 0.01, "bias": false },
                          { "units": 2, "activation": "softmax", "bias": false } ],
              "loss": "bce", "data": { "x": [[3, 1, -1, 2]], "y": [[0, 1]] },
              "train": { "optimizer": "sgd", "learning_rate": 0.1, "epochs": 1, "batch": "full" } }
            """,
        ["seed-003"] = """
            { "name": "Seed 003: 2-2-1 sigmoid/sigmoid, summed cross-entropy, one batch step", "inputs": 2,
              "layers": [ { "units": 2, "activation": "sigmoid" }, { "units": 1, "activation": "sigmoid" } ],
              "loss": { "name": "bce", "reduction": "sum" },
              "data": { "x": [[1, 1], [1, 0], [0, 1], [0, 0]], "y": [[0], [1], [1], [0]] },
              "train": { "optimizer": "sgd", "learning_rate": 0.5, "epochs": 1, "batch": "full" } }
            """,
        ["seed-004"] = """
            { "name": "Seed 004: one sigmoid neuron, one example, one step", "inputs": 2,
              "layers": [ { "units": 1, "activation": "sigmoid" } ],
              "loss": "half_mse", "data": { "x": [[0, 1]], "y": [[1]] },
              "train": { "optimizer": "sgd", "learning_rate": 1, "epochs": 1, "batch": 1 } }
            """,
    };

    /// <summary>The template names, in order: seed-000 … seed-004.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Templates.Keys.Order(StringComparer.Ordinal)];

    /// <summary>The spec of a named template, or null when <paramref name="name"/> names none.</summary>
    public static Nabla.Specs.ModelSpec? Find(string name) =>
        Templates.TryGetValue(name, out string? json) ? Nabla.Specs.SpecReader.Parse(json, name.ToLowerInvariant()) : null;
}
