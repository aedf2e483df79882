using Nabla.Data;
using Nabla.Specs;
using Nabla.Tensors;

namespace Nabla.App;

/// <summary>
/// Runs a model file's network forward on new inputs (in the precision it was trained in).
/// The inputs are raw, as in the data file: when the model standardises its inputs, Predict
/// applies the stored z = (x − μ) / σ first. A categorical column comes as its one-hot inputs
/// (<see cref="ModelCsv"/> encodes a CSV file's cells with the model's categories).
/// </summary>
public static class SpecPredictor
{
    /// <summary>The model's outputs for each row of inputs <paramref name="x"/> (raw inputs: the model's standardisation is applied first), in the model's precision.</summary>
    public static double[][] Predict(ModelSpec model, double[][] x)
    {
        for (int i = 0; i < x.Length; i++)
        {
            if (x[i].Length != model.Inputs)
            {
                string each = model.Categories is null || model.InputNames is null ? ""
                    : $", one per input ({string.Join(", ", model.InputNames.Take(12))}{(model.InputNames.Count > 12 ? ", …" : "")}; a one-hot input is 1 for its category, else 0), " +
                        "or a CSV file (--csv) with the columns named as when the model was trained";
                throw new NablaException($"Input row {i + 1} has {x[i].Length} values but the model in {model.File} takes {model.Inputs}. Fix: give {model.Inputs} comma-separated numbers per row{each}.");
            }
        }

        if (StandardizationOf(model) is { } scale)
        {
            x = scale.Apply(x);
        }

        if (model.Train.Precision == "float32")
        {
            return ModelBuilder.BuildNetwork<float>(model).Forward(Matrix<float>.FromRows(x, model.Inputs)).ToRows();
        }

        return ModelBuilder.BuildNetwork<double>(model).Forward(Matrix<double>.FromRows(x, model.Inputs)).ToRows();
    }

    /// <summary>The class name an output row stands for, or null when the model has no class names.</summary>
    public static string? ClassOf(ModelSpec model, ReadOnlySpan<double> output) =>
        model.Classes is { } classes ? ClassLabels.NameOf(classes, output) : null;

    /// <summary>The stored statistics; for a spec that asks for standardisation but was never trained, measured from its data.</summary>
    private static Standardization? StandardizationOf(ModelSpec model) =>
        model.Standardization ?? (model.Data is { Standardize: true } ? ModelBuilder.LoadSplit(model).Standardization : null);
}
