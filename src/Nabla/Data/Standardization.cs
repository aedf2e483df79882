using Nabla.Tensors;

namespace Nabla.Data;

/// <summary>
/// Per-feature standardisation z_j = (x_j − μ_j) / σ_j, with μ and σ measured on the training
/// examples only and then applied unchanged to the test examples and to new inputs.
/// </summary>
public sealed record Standardization(double[] Mean, double[] Std)
{
    /// <summary>
    /// μ_j = (1/m) Σ_i x_ij and σ_j = √((1/m) Σ_i (x_ij − μ_j)²). A constant column gets
    /// μ_j = its value and σ_j = 1, so it becomes 0 instead of 0/0.
    /// </summary>
    public static Standardization Fit(Matrix<double> x)
    {
        int m = x.Rows, n = x.Cols;
        var mean = new double[n];
        var std = new double[n];
        for (int j = 0; j < n; j++)
        {
            double first = m > 0 ? x[0, j] : 0, sum = 0;
            bool constant = true;
            for (int i = 0; i < m; i++)
            {
                sum += x[i, j];
                constant &= x[i, j] == first;
            }

            if (constant)
            {
                (mean[j], std[j]) = (first, 1);
                continue;
            }

            mean[j] = sum / m;
            double squares = 0;
            for (int i = 0; i < m; i++)
            {
                double d = x[i, j] - mean[j];
                squares += d * d;
            }

            std[j] = Math.Sqrt(squares / m);
        }

        return new Standardization(mean, std);
    }

    public int Features => Mean.Length;

    /// <summary>z_ij = (x_ij − μ_j) / σ_j.</summary>
    public Matrix<double> Apply(Matrix<double> x)
    {
        CheckWidth(x.Cols);
        var z = new Matrix<double>(x.Rows, x.Cols);
        for (int i = 0; i < x.Rows; i++)
        {
            for (int j = 0; j < x.Cols; j++)
            {
                z[i, j] = (x[i, j] - Mean[j]) / Std[j];
            }
        }

        return z;
    }

    public double[][] Apply(IReadOnlyList<double[]> rows) =>
        Apply(Matrix<double>.FromRows(rows, Features)).ToRows();

    /// <summary>The same examples with standardised inputs; the labels are unchanged.</summary>
    public Dataset Apply(Dataset data) => data with { X = Apply(data.X) };

    /// <summary>x_ij = μ_j + σ_j · z_ij: back from standardised to raw inputs.</summary>
    public Matrix<double> Revert(Matrix<double> z)
    {
        CheckWidth(z.Cols);
        var x = new Matrix<double>(z.Rows, z.Cols);
        for (int i = 0; i < z.Rows; i++)
        {
            for (int j = 0; j < z.Cols; j++)
            {
                x[i, j] = Mean[j] + (Std[j] * z[i, j]);
            }
        }

        return x;
    }

    private void CheckWidth(int cols)
    {
        if (cols != Features)
        {
            throw new ArgumentException($"The standardisation is for {Features} features, not {cols}.");
        }
    }
}
