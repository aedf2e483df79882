using Nabla.Tensors;

namespace Nabla.Data;

/// <summary>
/// Missing inputs ("missing": "mean"): an empty cell of input column j is read as missing and filled with
/// μ_j, the mean of that column's values over the training examples (measured once, kept in the model,
/// and applied unchanged to the test and validation examples and to new inputs).
/// </summary>
public sealed record MeanImputation(double[] Mean)
{
    /// <summary>μ_j over the present values of each column of the training inputs; a column with none is refused, naming it.</summary>
    public static MeanImputation Fit(Matrix<double> x, IReadOnlyList<string> names, string file)
    {
        var mean = new double[x.Cols];
        for (int j = 0; j < x.Cols; j++)
        {
            double sum = 0;
            int present = 0;
            for (int i = 0; i < x.Rows; i++)
            {
                if (!double.IsNaN(x[i, j]))
                {
                    sum += x[i, j];
                    present++;
                }
            }

            mean[j] = present > 0 ? sum / present
                : throw new NablaException($"{file}: column \"{names[j]}\" has no value in any training example, so it has no mean to fill in. Fix: give it values, or remove the column.");
        }

        return new MeanImputation(mean);
    }

    /// <summary>Fills every missing (NaN) input of <paramref name="x"/> in place with its column's μ_j; returns how many it filled.</summary>
    public int Apply(Matrix<double> x)
    {
        int filled = 0;
        for (int i = 0; i < x.Rows; i++)
        {
            for (int j = 0; j < x.Cols; j++)
            {
                if (double.IsNaN(x[i, j]))
                {
                    x[i, j] = Mean[j]; // x_ij ← μ_j
                    filled++;
                }
            }
        }

        return filled;
    }
}
