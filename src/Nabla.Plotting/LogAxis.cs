using System.Globalization;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace Nabla.Plotting;

/// <summary>
/// A log-scale y axis: the data are plotted as log₁₀(y) and the ticks are labelled with y itself,
/// major at each power of ten, minor at 2…9×; a range of two decades or less also labels 2× and 5×,
/// one of a decade or less labels every step. The axis runs from the decade at or below the smallest
/// value to the decade at or above the largest, so both ends carry a label and every value lies between two.
/// </summary>
internal static class LogAxis
{
    /// <summary>Log scale when asked for, or (unasked) when the values span more than two decades; never with a value ≤ 0.</summary>
    public static bool Wanted(IEnumerable<double> values, bool? logY)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (double v in values.Where(double.IsFinite))
        {
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }

        if (!(min > 0) || double.IsInfinity(max))
        {
            return false;
        }

        return logY ?? max / min > 100;
    }

    /// <summary>Ticks for an axis that shows log₁₀ values between <paramref name="lo"/> and <paramref name="hi"/>.</summary>
    public static List<Tick> Ticks(double lo, double hi)
    {
        var ticks = new List<Tick>();
        double span = hi - lo;
        for (int d = (int)Math.Floor(lo) - 1; d <= (int)Math.Ceiling(hi) + 1; d++)
        {
            for (int k = 1; k <= 9; k++)
            {
                double position = d + Math.Log10(k);
                if (k == 1 || span <= 1 || (span <= 2 && k is 2 or 5))
                {
                    ticks.Add(Tick.Major(position, Label(k, d)));
                }
                else
                {
                    ticks.Add(Tick.Minor(position));
                }
            }
        }

        return ticks;
    }

    /// <summary>k·10^d written plainly (0.002, 500) for |d| ≤ 4, else as 2e-7.</summary>
    public static string Label(int k, int d) =>
        Math.Abs(d) <= 4
            ? (k * Math.Pow(10, d)).ToString("0.####", CultureInfo.InvariantCulture)
            : $"{k}e{d.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The whole decades (as log₁₀) around log₁₀ values <paramref name="lo"/> … <paramref name="hi"/>; at least one decade apart.</summary>
    public static (double Bottom, double Top) Limits(double lo, double hi)
    {
        double bottom = Math.Floor(lo), top = Math.Ceiling(hi);
        return top > bottom ? (bottom, top) : (bottom, bottom + 1);
    }

    /// <summary>Sets the left axis to whole decades around the log₁₀ values <paramref name="lo"/> … <paramref name="hi"/>, with its ticks.</summary>
    public static void Apply(Plot plot, double lo, double hi)
    {
        var (bottom, top) = Limits(lo, hi);
        plot.Axes.Left.TickGenerator = new NumericManual([.. Ticks(bottom, top)]);
        plot.Axes.Left.MinorTickStyle.Length = 3;
        plot.Axes.AutoScale();
        plot.Axes.SetLimitsY(bottom, top);
    }
}
