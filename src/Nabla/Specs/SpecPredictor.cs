using Nabla.Tensors;

namespace Nabla.Specs;

/// <summary>Runs a model file's network forward on new inputs (in the precision it was trained in).</summary>
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

        if (model.Train.Precision == "float32")
        {
            return ModelBuilder.BuildNetwork<float>(model).Forward(Matrix<float>.FromRows(x, model.Inputs)).ToRows();
        }

        return ModelBuilder.BuildNetwork<double>(model).Forward(Matrix<double>.FromRows(x, model.Inputs)).ToRows();
    }
}
