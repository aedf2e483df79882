using System.Globalization;

namespace Nabla.Numerics;

/// <summary>
/// How numbers are shown: D digits after the point, except that a small non-zero number
/// (|x| &lt; 10^−(D−2)) keeps D significant digits instead of rounding to 0.000…
/// Only what is shown is rounded, never what is computed.
/// </summary>
public static class NumberFormat
{
    /// <summary>The number of decimals shown when none is given.</summary>
    public const int DefaultDecimals = 4;

    /// <summary>The number as plain ASCII ("-0.125", "0.0001753"), without a leading "+".</summary>
    public static string Format(double value, int decimals)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "∞" : "-∞";
        }

        double magnitude = Math.Abs(value);
        string text;
        if (magnitude != 0 && magnitude < Math.Pow(10, -(decimals - 2)))
        {
            int leadingZeros = (int)Math.Floor(-Math.Log10(magnitude)); // 0.00017 → 3
            int places = Math.Min(leadingZeros + decimals, 15);
            text = value.ToString("F" + places.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture).TrimEnd('0').TrimEnd('.');
        }
        else
        {
            text = value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            if (text.Contains('.'))
            {
                text = text.TrimEnd('0').TrimEnd('.');
            }
        }

        return text is "-0" ? "0" : text;
    }
}
