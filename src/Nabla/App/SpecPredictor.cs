using Nabla.Data;
using Nabla.Specs;
using Nabla.Tensors;

namespace Nabla.App;

/// <summary>
/// Runs a model file's network forward on new inputs (in the precision it was trained in).
/// The inputs are raw, as in the data file: when the model standardises its inputs, Predict
/// applies the stored z = (x − μ) / σ first.
/// </summary>
public static class SpecPredictor
{
    public static double[][] Predict(ModelSpec model, double[][] x)
    {
        for (int i = 0; i < x.Length; i++)
        {
            if (x[i].Length != model.Inputs)
            {
                throw new NablaException($"Input row {i + 1} has {x[i].Length} values but the model in {model.File} takes {model.Inputs}. Fix: give {model.Inputs} comma-separated numbers per row.");
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
