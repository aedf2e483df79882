using Nabla.Specs;
using Nabla.Tensors;

namespace Nabla.Cli;

/// <summary>When a model is a classifier, and the names of its classes.</summary>
public static class Classification
{
    /// <summary>The class names of a classifier's outputs, or null when the model is not one.</summary>
    /// <remarks>
    /// A model trained on class labels keeps their names. Otherwise it is a classifier when its
    /// output is sigmoid or softmax (or its loss a cross-entropy) and every target is 0 or 1:
    /// its classes are "0" and "1" for one output, "class 1", "class 2", … for several.
    /// </remarks>
    public static IReadOnlyList<string>? Classes(ModelSpec model, Matrix<double> y)
    {
        if (model.Classes is { } names)
        {
            return names;
        }

        bool classOutput = model.Layers[^1].Activation is "sigmoid" or "softmax" || model.Loss.Name is "bce" or "cce";
        if (!classOutput || !y.ToRows().All(row => row.All(v => v is 0 or 1)))
        {
            return null;
        }

        return y.Cols == 1 ? ["0", "1"] : Enumerable.Range(1, y.Cols).Select(j => $"class {j}").ToList();
    }
}
