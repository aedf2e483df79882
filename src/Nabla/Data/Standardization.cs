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
    /// μ_j = its value and σ_j = 1, so it becomes 0 instead of 0/0. When the sums overflow (values
    /// near ±1.8e308) or the squares underflow (values below 1e-150), the column is first divided by
    /// its largest magnitude s and μ_j = s·μ(x/s), σ_j = s·σ(x/s): finite and positive for any finite column.
    /// </summary>
    /// <param name="x">The training inputs.</param>
    /// <param name="leave">The columns to leave as they are (μ_j = 0, σ_j = 1): one-hot columns, whose 0 and 1
    /// already say "not this category" and "this category" on a unit scale; standardised, they would take values
    /// that depend on how common the category is, and their weights would no longer read as the effect of the category.</param>
    public static Standardization Fit(Matrix<double> x, IReadOnlyList<bool>? leave = null)
    {
        int m = x.Rows, n = x.Cols;
        var mean = new double[n];
        var std = new double[n];
        for (int j = 0; j < n; j++)
        {
            if (leave is not null && leave[j])
            {
                (mean[j], std[j]) = (0, 1); // z = (x − 0) / 1 = x
                continue;
            }

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
            if (!double.IsFinite(mean[j]) || !double.IsFinite(std[j]) || std[j] == 0)
            {
                (mean[j], std[j]) = Scaled(x, j);
            }
        }

        return new Standardization(mean, std);
    }

    /// <summary>μ and σ of column j measured on x/s, s its largest magnitude, then scaled back by s.</summary>
    private static (double Mean, double Std) Scaled(Matrix<double> x, int j)
    {
        int m = x.Rows;
        double s = 0;
        for (int i = 0; i < m; i++)
        {
            s = Math.Max(s, Math.Abs(x[i, j]));
        }

        double sum = 0;
        for (int i = 0; i < m; i++)
        {
            sum += x[i, j] / s;
        }

        double mean = sum / m, squares = 0;
        for (int i = 0; i < m; i++)
        {
            double d = (x[i, j] / s) - mean;
            squares += d * d;
        }

        // σ(x/s) ≤ 1, so s·σ ≤ s is finite; it is positive since the column is not constant.
        return (mean * s, Math.Max(Math.Sqrt(squares / m) * s, double.Epsilon));
    }

    /// <summary>The number of inputs standardised.</summary>
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
                double d = x[i, j] - Mean[j];
                z[i, j] = double.IsFinite(d) ? d / Std[j] : (x[i, j] / Std[j]) - (Mean[j] / Std[j]); // (x − μ overflowed)
            }
        }

        return z;
    }

    /// <summary>z = (x − μ)/σ for every row of raw inputs.</summary>
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
