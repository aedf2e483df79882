namespace Nabla.Numerics;

/// <summary>
/// The error function erf(x) = (2/√π)·∫₀ˣ e^(−t²) dt and its complement erfc(x) = 1 − erf(x), to about
/// one ulp in double: for |x| &lt; 3 the series erf(x) = (2/√π)·e^(−x²)·Σₙ 2ⁿx^(2n+1)/(1·3·…·(2n+1)), whose
/// terms are all positive (no cancellation); beyond, the continued fraction
/// erfc(x) = (e^(−x²)/√π)·1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + …))))) evaluated by Lentz's method.
/// </summary>
public static class Erf
{
    private const double TwoOverSqrtPi = 1.1283791670955126;  // 2/√π
    private const double OneOverSqrtPi = 0.56418958354775628; // 1/√π

    /// <summary>Below this the series, above it the continued fraction (each is the more accurate there).</summary>
    private const double Switch = 2;

    /// <summary>erf(x).</summary>
    public static double Of(double x)
    {
        if (double.IsNaN(x))
        {
            return x;
        }

        double ax = Math.Abs(x);
        double value = ax < Switch ? Series(ax) : 1 - ContinuedFraction(ax);
        return x < 0 ? -value : value;
    }

    /// <summary>erfc(x) = 1 − erf(x), without the cancellation of 1 − erf(x) for large x.</summary>
    public static double Complement(double x)
    {
        if (double.IsNaN(x))
        {
            return x;
        }

        if (x < 0)
        {
            return 2 - Complement(-x);
        }

        return x < Switch ? 1 - Series(x) : ContinuedFraction(x);
    }

    /// <summary>erf(x) for 0 ≤ x &lt; 2 by the all-positive series.</summary>
    private static double Series(double x)
    {
        double x2 = x * x;
        double term = x, sum = x;
        for (int n = 1; n < 200; n++)
        {
            term *= 2 * x2 / ((2 * n) + 1); // 2ⁿx^(2n+1)/(1·3·…·(2n+1))
            sum += term;
            if (term < sum * 1e-17)
            {
                break;
            }
        }

        return TwoOverSqrtPi * Math.Exp(-x2) * sum;
    }

    /// <summary>erfc(x) for x ≥ 2 by the continued fraction (modified Lentz).</summary>
    private static double ContinuedFraction(double x)
    {
        if (x > 27)
        {
            return 0; // (below the smallest double)
        }

        const double tiny = 1e-300;
        double f = x, c = x, d = 0;
        for (int n = 1; n < 300; n++)
        {
            double a = n / 2.0; // the partial numerators 1/2, 1, 3/2, 2, …
            d = x + (a * d);
            d = Math.Abs(d) < tiny ? tiny : d;
            c = x + (a / c);
            c = Math.Abs(c) < tiny ? tiny : c;
            d = 1 / d;
            double delta = c * d;
            f *= delta;
            if (Math.Abs(delta - 1) < 1e-16)
            {
                break;
            }
        }

        return OneOverSqrtPi * Math.Exp(-x * x) / f;
    }
}
