using ScottPlot;

namespace Nabla.Plotting;

/// <summary>Writes a finished plot to .png or .svg atomically (temp file beside it, then a rename).</summary>
internal static class PlotFile
{
    /// <summary>True for .svg, false for .png; any other extension is an <see cref="ArgumentException"/>.</summary>
    public static bool IsSvg(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".png" => false,
            ".svg" => true,
            var other => throw new ArgumentException(
                $"Cannot tell the image format of '{path}': use a .png or .svg file name{(other.Length > 0 ? $", not {other}" : "")}.", nameof(path)),
        };
    }

    /// <summary>Checks what every Save checks before drawing anything.</summary>
    public static void Validate(string path, int width, int height)
    {
        IsSvg(path);
        if (width <= 0 || height <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(width), $"The image must be at least 1×1 pixels, not {width}×{height}.");
        }
    }

    public static void Save(Plot plot, string path, int width, int height)
    {
        Validate(path, width, height);
        string full = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(folder);
        string temp = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            if (IsSvg(path))
            {
                File.WriteAllText(temp, plot.GetSvgXml(width, height));
            }
            else
            {
                File.WriteAllBytes(temp, plot.GetImageBytes(width, height, ImageFormat.Png));
            }

            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
