using Nabla.Tensors;

namespace Nabla.Playground.Training;

/// <summary>
/// The decision regions of a two-input classifier: the input plane around the data cut into
/// <see cref="Side"/> × <see cref="Side"/> cells, each coloured by the class the network gives its
/// centre, paler where the network is less sure. Colours are the Okabe–Ito palette, which stays
/// distinct for colour-blind viewers.
/// </summary>
public sealed class Regions
{
    /// <summary>Cells along each axis.</summary>
    public const int Side = 64;

    /// <summary>Class colours (Okabe–Ito): orange, blue, bluish green, vermillion, reddish purple, sky blue, yellow.</summary>
    public static readonly string[] ClassColors = ["#e69f00", "#0072b2", "#009e73", "#d55e00", "#cc79a7", "#56b4e9", "#f0e442"];

    private readonly Matrix<double> grid = new(Side * Side, 2);

    public Regions(Matrix<double> x)
    {
        (MinX, MaxX) = Range(x, 0);
        (MinY, MaxY) = Range(x, 1);
        for (int row = 0; row < Side; row++)
        {
            for (int col = 0; col < Side; col++)
            {
                int i = (row * Side) + col;
                grid[i, 0] = MinX + ((col + 0.5) / Side * (MaxX - MinX));
                grid[i, 1] = MaxY - ((row + 0.5) / Side * (MaxY - MinY)); // row 0 at the top
            }
        }
    }

    public double MinX { get; }

    public double MaxX { get; }

    public double MinY { get; }

    public double MaxY { get; }

    /// <summary>Side × Side RGBA pixels, row 0 at the top, for the network's current weights (the same array each call, filled again).</summary>
    public byte[] Pixels(Session session)
    {
        var output = session.Predict(grid);
        for (int i = 0; i < Side * Side; i++)
        {
            var (cls, sure) = Decide(output.Row(i));
            var (r, g, b) = ClassRgb[cls % ClassRgb.Length];
            double mix = 0.15 + (0.55 * sure); // pale where unsure, never the full colour (the points must stand out)
            pixels[(4 * i) + 0] = (byte)Math.Round(255 - ((255 - r) * mix));
            pixels[(4 * i) + 1] = (byte)Math.Round(255 - ((255 - g) * mix));
            pixels[(4 * i) + 2] = (byte)Math.Round(255 - ((255 - b) * mix));
            pixels[(4 * i) + 3] = 255;
        }

        return pixels;
    }

    /// <summary>The class of one output row and how sure the network is, from 0 (a coin toss) to 1.</summary>
    public static (int Class, double Sure) Decide(ReadOnlySpan<double> output)
    {
        if (output.Length == 1)
        {
            double p = Math.Clamp(output[0], 0, 1);
            return (p >= 0.5 ? 1 : 0, Math.Abs(p - 0.5) * 2);
        }

        int best = 0;
        for (int j = 1; j < output.Length; j++)
        {
            if (output[j] > output[best])
            {
                best = j;
            }
        }

        double chance = 1.0 / output.Length;
        return (best, Math.Clamp((output[best] - chance) / (1 - chance), 0, 1));
    }

    /// <summary>The class colours as red, green and blue, read once (a redraw colours every pixel).</summary>
    private static readonly (int R, int G, int B)[] ClassRgb = [.. ClassColors.Select(Rgb)];

    /// <summary>The pixels of the last redraw, filled again by the next (the page sends them to the canvas before that).</summary>
    private readonly byte[] pixels = new byte[Side * Side * 4];

    /// <summary>"#rrggbb" as three bytes.</summary>
    public static (int R, int G, int B) Rgb(string hex) =>
        (Convert.ToInt32(hex[1..3], 16), Convert.ToInt32(hex[3..5], 16), Convert.ToInt32(hex[5..7], 16));

    private static (double Min, double Max) Range(Matrix<double> x, int column)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        for (int i = 0; i < x.Rows; i++)
        {
            min = Math.Min(min, x[i, column]);
            max = Math.Max(max, x[i, column]);
        }

        double margin = Math.Max(0.25, 0.1 * (max - min));
        return (min - margin, max + margin);
    }
}
