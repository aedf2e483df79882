using System.Text.Json;

namespace Nabla.Specs;

/// <summary>
/// JSON has no number for NaN or ±∞. Where a model file may hold one (a history column whose
/// loss overflowed) it is written as the string "NaN", "Infinity" or "-Infinity", and read back
/// from that string; everywhere else the reader asks for plain finite numbers.
/// </summary>
internal static class NonFiniteNumbers
{
    /// <summary>Writes <paramref name="v"/> as a number, or as its string name when it is not finite.</summary>
    public static void Write(Utf8JsonWriter w, double v)
    {
        if (double.IsFinite(v))
        {
            w.WriteNumberValue(v);
        }
        else
        {
            w.WriteStringValue(double.IsNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity");
        }
    }

    /// <summary>Writes the property <paramref name="name"/> with <paramref name="v"/> as <see cref="Write(Utf8JsonWriter, double)"/> does.</summary>
    public static void Write(Utf8JsonWriter w, string name, double v)
    {
        w.WritePropertyName(name);
        Write(w, v);
    }

    /// <summary>Reads the string "NaN", "Infinity" or "-Infinity"; false for anything else.</summary>
    public static bool TryRead(JsonElement e, out double v)
    {
        v = e.ValueKind != JsonValueKind.String ? 0 : e.GetString() switch
        {
            "NaN" => double.NaN,
            "Infinity" => double.PositiveInfinity,
            "-Infinity" => double.NegativeInfinity,
            _ => 0,
        };
        return !double.IsFinite(v);
    }
}
