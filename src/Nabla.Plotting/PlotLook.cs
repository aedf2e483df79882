using ScottPlot;

namespace Nabla.Plotting;

/// <summary>What every Nabla plot shares: a sans-serif face when one is installed.</summary>
internal static class PlotLook
{
    private static readonly string[] SansFamilies = ["Open Sans", "DejaVu Sans", "Liberation Sans", "Arial", "Helvetica", "Segoe UI"];

    // Skia answers an unknown family with its default face, so a family counts as found only under its own name.
    private static readonly Lazy<string?> Sans = new(() =>
        SansFamilies.FirstOrDefault(f => Fonts.GetTypeface(f, bold: false, italic: false)?.FamilyName == f));

    /// <summary>A new plot whose title, labels, ticks, legend and text use the sans face.</summary>
    public static Plot NewPlot()
    {
        if (Sans.Value is { } family)
        {
            Fonts.Default = family;
        }

        return new Plot();
    }
}
