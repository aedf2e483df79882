namespace Nabla.Training;

/// <summary>
/// How close a regression's outputs ŷ come to the targets y, each output column scored on its own and
/// the columns averaged (scikit-learn's multioutput="uniform_average"):
/// MAE = (1/m) Σ |ŷ − y|, RMSE = √((1/m) Σ (ŷ − y)²), R² = 1 − Σ (ŷ − y)² / Σ (y − ȳ)².
/// </summary>
/// <param name="Mae">The mean absolute error.</param>
/// <param name="Rmse">The root mean squared error.</param>
/// <param name="R2">The coefficient of determination; null when some column's targets are all equal (no variance to explain).</param>
public sealed record RegressionScores(double Mae, double Rmse, double? R2)
{
    /// <summary>The scores of <paramref name="outputs"/> against <paramref name="targets"/>, row by row.</summary>
    public static RegressionScores From(double[][] outputs, double[][] targets)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(targets);
        if (outputs.Length != targets.Length || outputs.Length == 0)
        {
            throw new ArgumentException($"{outputs.Length} output rows and {targets.Length} target rows: they must match, and not be empty.", nameof(targets));
        }

        int m = outputs.Length, columns = targets[0].Length;
        double mae = 0, rmse = 0, r2 = 0;
        bool r2Defined = true;
        for (int c = 0; c < columns; c++)
        {
            double mean = 0;
            for (int i = 0; i < m; i++)
            {
                mean += targets[i][c];
            }

            mean /= m;                                              // ȳ
            double absolute = 0, squared = 0, total = 0;
            for (int i = 0; i < m; i++)
            {
                double e = outputs[i][c] - targets[i][c];           // ŷ − y
                absolute += Math.Abs(e);
                squared += e * e;
                total += (targets[i][c] - mean) * (targets[i][c] - mean);
            }

            mae += absolute / m;
            rmse += Math.Sqrt(squared / m);
            r2Defined &= total > 0;
            r2 += total > 0 ? 1 - (squared / total) : 0;
        }

        return new RegressionScores(mae / columns, rmse / columns, r2Defined ? r2 / columns : null);
    }
}
