using System.Globalization;
using Nabla.Data;

namespace Nabla.Specs;

/// <summary>
/// What a network and its data will need, estimated from the spec before anything large is
/// allocated, so that a size the machine cannot hold is refused with a message instead of
/// failing ("Out of memory") part way. The estimate counts, in bytes:
/// <list type="bullet">
/// <item>per parameter: two double copies in the spec and the model written from it, and in the
/// training precision its value, gradient, the trainer's two snapshots and the optimizer's state
/// (momentum one value, Adam two);</item>
/// <item>per example of a batch: four values per unit (pre-activation, activation, δ and scratch) and the inputs;</item>
/// <item>per example of the data: its inputs and targets as read, standardised and in the training precision.</item>
/// </list>
/// The limit is three quarters of the memory the runtime reports as available
/// (<see cref="GCMemoryInfo.TotalAvailableMemoryBytes"/>); no one matrix may hold more than
/// <see cref="Array.MaxLength"/> values.
/// </summary>
public static class MemoryEstimate
{
    /// <summary>The most values one matrix may hold.</summary>
    public static long MaxMatrixElements => Array.MaxLength;

    /// <summary>The most bytes a run may be estimated to need: ¾ of the available memory.</summary>
    public static long Budget => (long)(Available * 0.75);

    private static long Available => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes is > 0 and var bytes ? bytes : 1L << 32;

    /// <summary>The bytes training <paramref name="spec"/> on <paramref name="examples"/> examples needs (0: not known yet).</summary>
    public static double Bytes(ModelSpec spec, long examples)
    {
        double element = spec.Train.Precision == "float32" ? 4 : 8;
        double states = spec.Train.Optimizer switch { "adam" or "adamw" => 2, "rmsprop" => spec.Train.Momentum > 0 ? 2 : 1, "momentum" or "nesterov" or "adagrad" => 1, _ => 0 };
        double parameters = Parameters(spec), units = spec.Layers.Sum(l => (double)l.Units);
        double batch = Batch(spec, examples);
        double data = (double)examples * (spec.Inputs + spec.Layers[^1].Units);
        return (parameters * (16 + (element * (4 + states))))
            + (batch * ((4 * units) + spec.Inputs) * element)
            + (data * (16 + element));
    }

    /// <summary>
    /// Null when the spec fits, else (the JSON path to point at, what is too large, the fix).
    /// <paramref name="budget"/> is the limit in bytes (<see cref="Budget"/> unless a test sets one).
    /// </summary>
    public static (string Path, string Problem, string Fix)? Check(ModelSpec spec, long examples, long budget)
    {
        int inputs = spec.Inputs;
        double batch = Batch(spec, examples);
        for (int l = 0; l < spec.Layers.Count; l++)
        {
            int units = spec.Layers[l].Units;
            string path = $"$.layers[{l}].units";
            if ((double)inputs * units > MaxMatrixElements)
            {
                string from = l == 0 ? "the inputs" : $"layer {l}";
                return (path, $"layer {l + 1}'s weights would be a {inputs} × {units} matrix of {Count((double)inputs * units)} values, " +
                    $"more than the {Count(MaxMatrixElements)} one matrix can hold", $"use fewer units in layer {l + 1} or {from}");
            }

            if (batch * units > MaxMatrixElements)
            {
                return (path, $"a batch of {Count(batch)} examples through layer {l + 1}'s {units} units would be {Count(batch * units)} values, " +
                    $"more than the {Count(MaxMatrixElements)} one matrix can hold", "use a smaller \"batch\" in \"train\", or fewer units");
            }

            inputs = units;
        }

        double widest = Math.Max(spec.Inputs, spec.Layers[^1].Units);
        if ((double)examples * widest > MaxMatrixElements)
        {
            return ("$.data", $"{Count(examples)} examples of {Count(widest)} values each would be {Count(examples * widest)} values, " +
                $"more than the {Count(MaxMatrixElements)} one matrix can hold", "use fewer examples, or fewer inputs or outputs");
        }

        double bytes = Bytes(spec, examples);
        if (bytes > budget)
        {
            string data = examples > 0 ? $" and {Count(examples)} example{(examples == 1 ? "" : "s")}" : "";
            return ("$.layers", $"training this network needs about {LimitedFile.Size(bytes)} (its {Count(Parameters(spec))} parameters with their gradients " +
                $"and optimizer state, a batch's activations{data}), more than the limit of {LimitedFile.Size(budget)} " +
                $"(¾ of the {LimitedFile.Size(Available)} available)",
                "use fewer or smaller layers, a smaller \"batch\", or \"precision\": \"float32\"");
        }

        return null;
    }

    /// <summary>The number of weights and biases.</summary>
    public static double Parameters(ModelSpec spec)
    {
        double parameters = 0;
        int inputs = spec.Inputs;
        foreach (var layer in spec.Layers)
        {
            parameters += ((double)inputs * layer.Units) + layer.Units;
            inputs = layer.Units;
        }

        return parameters;
    }

    /// <summary>The examples per step: the batch size, the whole data set for "full" (1 while its size is unknown).</summary>
    private static double Batch(ModelSpec spec, long examples) =>
        spec.Train.Batch > 0 ? (examples > 0 ? Math.Min(spec.Train.Batch, examples) : spec.Train.Batch) : Math.Max(examples, 1);

    private static string Count(double n) => n.ToString("#,0", CultureInfo.InvariantCulture);
}
