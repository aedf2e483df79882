using System.Globalization;
using Nabla.Numerics;

namespace Nabla.Data;

/// <summary>
/// Class names and how a network's outputs stand for them: one unit per class (one-hot y,
/// the class is argmax ŷ), or, for two classes, one unit (y = 0 or 1, the class is ŷ ≥ ½).
/// </summary>
public static class ClassLabels
{
    /// <summary>The distinct labels, sorted as numbers when every label is a number ("2" before "10"), else in ordinal string order.</summary>
    public static string[] Order(IEnumerable<string> labels)
    {
        var distinct = labels.Distinct(StringComparer.Ordinal).ToArray();
        if (distinct.All(l => Number(l) is not null))
        {
            return distinct.OrderBy(l => Number(l)!.Value).ThenBy(l => l, StringComparer.Ordinal).ToArray();
        }

        return distinct.OrderBy(l => l, StringComparer.Ordinal).ToArray();
    }

    /// <summary>Whether a last layer of <paramref name="outputs"/> units can hold that many classes.</summary>
    public static bool Fit(int classes, int outputs) => outputs == classes || (classes == 2 && outputs == 1);

    /// <summary>The class an output row stands for: one unit: 1 when ŷ ≥ ½ else 0; several: argmax ŷ (the first on a tie).</summary>
    public static int IndexOf(ReadOnlySpan<double> output) =>
        output.Length == 1 ? (output[0] >= 0.5 ? 1 : 0) : ArgMax.Of(output);

    /// <summary>The name of the class an output row stands for.</summary>
    public static string NameOf(IReadOnlyList<string> classes, ReadOnlySpan<double> output) => classes[IndexOf(output)];

    /// <summary>The label as a finite number, or null when it is not one.</summary>
    internal static double? Number(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v) ? v : null;
}
