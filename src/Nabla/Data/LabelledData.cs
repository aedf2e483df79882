using Nabla.Tensors;

namespace Nabla.Data;

/// <summary>
/// Examples with one class each: Labels[i] is an index into Classes. <see cref="Encode"/>
/// turns the labels into the Y a network with a given number of output units learns.
/// </summary>
public sealed record LabelledData(string Name, Matrix<double> X, int[] Labels, IReadOnlyList<string> Classes)
{
    /// <summary>
    /// One 0/1 column when there are two classes and one output unit (y = class index),
    /// otherwise one-hot: y_ij = 1 when example i is of class j, else 0.
    /// </summary>
    public Dataset Encode(int outputs)
    {
        if (!ClassLabels.Fit(Classes.Count, outputs))
        {
            throw new ArgumentException($"{Classes.Count} classes do not fit {outputs} output units.", nameof(outputs));
        }

        var y = new Matrix<double>(Labels.Length, outputs);
        for (int i = 0; i < Labels.Length; i++)
        {
            if (outputs == 1)
            {
                y[i, 0] = Labels[i];
            }
            else
            {
                y[i, Labels[i]] = 1;
            }
        }

        return new Dataset(Name, X, y);
    }

    /// <summary>How many examples each class has.</summary>
    public int[] CountPerClass()
    {
        var counts = new int[Classes.Count];
        foreach (int label in Labels)
        {
            counts[label]++;
        }

        return counts;
    }
}
