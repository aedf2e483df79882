using System.Globalization;
using System.Text.RegularExpressions;

namespace Nabla.Explain.Checking;

/// <summary>
/// A number as a learner wrote it, with its text kept so its precision is known:
/// "0.752" has 3 decimals, "1.5" has 1, "3" has 0, and "1.2e-3" has 4 (two significant digits,
/// i.e. 0.0012). Both the Unicode minus − and the ASCII - are accepted.
/// </summary>
public sealed partial record WrittenNumber(string Text, double Value, int Decimals)
{
    /// <summary>One unit in the last written place: 10^−d.</summary>
    public double Unit => Math.Pow(10, -Decimals);

    /// <summary>The value rounded to the written number of decimals (halves away from zero).</summary>
    public double Round(double value) => Round(value, Decimals);

    /// <summary>x rounded to d decimals (d may be negative: −2 rounds to hundreds).</summary>
    public static double Round(double value, int decimals)
    {
        if (decimals >= 0 && decimals <= 15)
        {
            return Math.Round(value, decimals, MidpointRounding.AwayFromZero);
        }

        double scale = Math.Pow(10, decimals);
        return Math.Round(value * scale, MidpointRounding.AwayFromZero) / scale;
    }

    /// <summary>x written with d decimals, ASCII minus ("-0.230").</summary>
    public static string Format(double value, int decimals)
    {
        string text = Round(value, decimals).ToString("F" + Math.Clamp(decimals, 0, 20).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return text.TrimStart('-').Trim('0', '.').Length == 0 ? text.TrimStart('-') : text;
    }

    /// <summary>Reads "0.752", "−.230", "+3", "1.2e-3"; false for anything else.</summary>
    public static bool TryParse(string text, out WrittenNumber number)
    {
        number = null!;
        string plain = text.Trim().Replace('\u2212', '-'); // − (U+2212) → -
        var match = Pattern().Match(plain);
        if (!match.Success ||
            !double.TryParse(plain, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) ||
            !double.IsFinite(value))
        {
            return false;
        }

        int decimals = match.Groups["fraction"].Value.Length;
        if (match.Groups["exponent"].Success)
        {
            decimals -= int.Parse(match.Groups["exponent"].Value, CultureInfo.InvariantCulture); // 1.2e-3 → 1 + 3
        }

        number = new WrittenNumber(text.Trim(), value, decimals);
        return true;
    }

    /// <summary>The number as written (<see cref="Text"/>).</summary>
    public override string ToString() => Text;

    [GeneratedRegex(@"^[+-]?(\d+(\.(?<fraction>\d*))?|\.(?<fraction>\d+))([eE](?<exponent>[+-]?\d{1,3}))?$")]
    private static partial Regex Pattern();
}
