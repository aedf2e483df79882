using ScottPlot;

namespace Nabla.Plotting;

/// <summary>One colour per class: strong for data points, a light tint of it for regions.</summary>
internal static class ClassColors
{
    private static readonly Color[] Strong = new ScottPlot.Palettes.Category10().Colors;

    /// <summary>How far the region tint moves from the class colour toward white.</summary>
    private const double Tint = 0.72;

    public static Color Of(int index) => Strong[index % Strong.Length];

    public static Color Light(int index)
    {
        Color c = Of(index);
        static byte Toward(byte v) => (byte)Math.Round(v + ((255 - v) * Tint));
        return new Color(Toward(c.R), Toward(c.G), Toward(c.B), (byte)255);
    }
}
