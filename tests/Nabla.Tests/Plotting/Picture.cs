using System.Xml.Linq;
using SkiaSharp;

namespace Nabla.Tests.Plotting;

/// <summary>Reads back a saved plot: decoded PNG pixels, or the SVG as XML.</summary>
internal static class Picture
{
    public static SKBitmap Png(string path) =>
        SKBitmap.Decode(path) ?? throw new InvalidOperationException($"{path} is not a decodable image.");

    /// <summary>How many pixels of each colour (alpha ignored).</summary>
    public static Dictionary<SKColor, int> Histogram(SKBitmap bitmap)
    {
        var counts = new Dictionary<SKColor, int>();
        for (int y = 0; y < bitmap.Height; y++)
        {
            for (int x = 0; x < bitmap.Width; x++)
            {
                SKColor c = bitmap.GetPixel(x, y).WithAlpha(255);
                counts[c] = counts.GetValueOrDefault(c) + 1;
            }
        }

        return counts;
    }

    /// <summary>Number of pixels of exactly <paramref name="color"/> and the mean x of those pixels.</summary>
    public static (int Count, double MeanX) Where(SKBitmap bitmap, SKColor color)
    {
        int count = 0;
        double sumX = 0;
        for (int y = 0; y < bitmap.Height; y++)
        {
            for (int x = 0; x < bitmap.Width; x++)
            {
                if (bitmap.GetPixel(x, y).WithAlpha(255) == color)
                {
                    count++;
                    sumX += x;
                }
            }
        }

        return (count, count == 0 ? double.NaN : sumX / count);
    }

    /// <summary>Asserts a PNG of the given size that is far from blank.</summary>
    public static SKBitmap AssertPng(string path, int width, int height)
    {
        var bitmap = Png(path);
        Assert.Equal((width, height), (bitmap.Width, bitmap.Height));
        var histogram = Histogram(bitmap);
        Assert.True(histogram.Count >= 5, $"only {histogram.Count} distinct colours");
        Assert.True(histogram.Values.Max() < 0.97 * width * height, "one colour covers almost the whole image");
        return bitmap;
    }

    /// <summary>Asserts well-formed XML with an svg root of the given size.</summary>
    public static XElement AssertSvg(string path, int width, int height)
    {
        var root = XDocument.Load(path).Root!;
        Assert.Equal("svg", root.Name.LocalName);
        Assert.Equal(width.ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)root.Attribute("width"));
        Assert.Equal(height.ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)root.Attribute("height"));
        return root;
    }

    public static SKColor Sk(ScottPlot.Color c) => new(c.R, c.G, c.B);
}
