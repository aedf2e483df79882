using System.Runtime.InteropServices;
using Nabla.Tensors;

namespace Nabla.Playground.Training;

/// <summary>
/// Each hidden unit's own map: its activation a_j(x₁, x₂) over the input plane the decision regions
/// cover, on a coarser <see cref="Side"/> × <see cref="Side"/> grid, from one forward pass of the grid's
/// points through the library's network (each hidden layer's A). Coloured on a diverging scale:
/// orange where negative, blue where positive (Okabe–Ito, distinct for colour-blind viewers), white
/// at 0, full colour at the largest |a| in the unit's layer. The grid, the maps and the pixels are
/// made once per network and reused for every frame.
/// </summary>
public sealed class UnitMaps
{
    /// <summary>Cells along each axis of a unit's map.</summary>
    public const int Side = 24;

    /// <summary>Cells in one unit's map.</summary>
    public const int Cells = Side * Side;

    /// <summary>The colour of the most negative activation in a layer (Okabe–Ito orange).</summary>
    public const string NegativeColor = "#e69f00";

    /// <summary>The colour of the most positive activation in a layer (Okabe–Ito blue).</summary>
    public const string PositiveColor = "#0072b2";

    /// <summary>The colour of a value that is not a number (training diverged).</summary>
    public const string NotANumberColor = "#999999";

    /// <summary>Colour steps from white to either full colour.</summary>
    private const int Steps = 255;

    /// <summary>
    /// RGBA pixels (as they lie in memory) of the scale from −1 (index 0) through 0 (<see cref="Steps"/>) to +1:
    /// a frame looks each value up instead of mixing colours (the interpreter pays for every call).
    /// </summary>
    private static readonly uint[] Palette = MakePalette();

    private static readonly uint NotANumberPixel = Pack(Rgb(NotANumberColor));

    private readonly Matrix<double> grid = new(Cells, 2);
    private readonly double[][] maps;   // hidden layer l: unit j's map at [j · Cells + cell]
    private readonly double[] scales;   // hidden layer l: the largest finite |a| on the grid
    private readonly int[] firstMap;    // hidden layer l: its first unit's index among all the maps
    private readonly byte[] pixels;

    /// <summary>Maps for the hidden layers of <paramref name="network"/> over the plane [minX, maxX] × [minY, maxY].</summary>
    public UnitMaps(Network<double> network, double minX, double maxX, double minY, double maxY)
    {
        if (network.Inputs != 2)
        {
            throw new ArgumentException($"Unit maps are drawn for two inputs; this network has {network.Inputs}.", nameof(network));
        }

        (MinX, MaxX, MinY, MaxY) = (minX, maxX, minY, maxY);
        for (int row = 0; row < Side; row++)
        {
            for (int col = 0; col < Side; col++)
            {
                int i = (row * Side) + col;
                grid[i, 0] = minX + ((col + 0.5) / Side * (maxX - minX));
                grid[i, 1] = maxY - ((row + 0.5) / Side * (maxY - minY)); // row 0 at the top, as the regions
            }
        }

        int hidden = network.Layers.Count - 1;
        maps = new double[hidden][];
        scales = new double[hidden];
        firstMap = new int[hidden];
        for (int l = 0; l < hidden; l++)
        {
            maps[l] = new double[network.Layers[l].Units * Cells];
            firstMap[l] = Count;
            Count += network.Layers[l].Units;
        }

        pixels = new byte[Count * Cells * 4];
    }

    /// <summary>The plane's left edge (the first input).</summary>
    public double MinX { get; }

    /// <summary>The plane's right edge.</summary>
    public double MaxX { get; }

    /// <summary>The plane's bottom edge (the second input).</summary>
    public double MinY { get; }

    /// <summary>The plane's top edge.</summary>
    public double MaxY { get; }

    /// <summary>The number of hidden layers.</summary>
    public int Layers => maps.Length;

    /// <summary>The number of maps: every hidden unit of every hidden layer.</summary>
    public int Count { get; }

    /// <summary>The grid's points, one per row (cell = row · Side + column, row 0 at the top).</summary>
    public Matrix<double> Grid => grid;

    /// <summary>
    /// RGBA pixels of every map after <see cref="Compute"/>: hidden layer by hidden layer, unit by unit, each
    /// <see cref="Side"/> × <see cref="Side"/> with row 0 at the top. The same array every time.
    /// </summary>
    public byte[] Pixels => pixels;

    /// <summary>The units of hidden layer <paramref name="layer"/> (from 0).</summary>
    public int Units(int layer) => maps[layer].Length / Cells;

    /// <summary>Unit <paramref name="unit"/>'s activations in hidden layer <paramref name="layer"/> (both from 0), one per cell.</summary>
    public ReadOnlySpan<double> Map(int layer, int unit) => maps[layer].AsSpan(unit * Cells, Cells);

    /// <summary>The largest finite |a| in hidden layer <paramref name="layer"/>'s maps: the full colour.</summary>
    public double Scale(int layer) => scales[layer];

    /// <summary>Where the map of <paramref name="unit"/> in hidden layer <paramref name="layer"/> starts in <see cref="Pixels"/>, in maps.</summary>
    public int IndexOf(int layer, int unit) => firstMap[layer] + unit;

    /// <summary>
    /// Runs the grid through <paramref name="network"/> (the one the maps were made for, with its current
    /// weights) and fills the maps, their scales and <see cref="Pixels"/>. Allocates nothing once the
    /// layers' buffers hold the grid.
    /// </summary>
    public void Compute(Network<double> network)
    {
        if (network.Layers.Count - 1 != maps.Length)
        {
            throw new ArgumentException("These unit maps were made for another network.", nameof(network));
        }

        network.Forward(grid);
        for (int l = 0; l < maps.Length; l++)
        {
            var a = network.Layers[l].A;
            var map = maps[l];
            int units = a.Cols;
            if (units * Cells != map.Length)
            {
                throw new ArgumentException("These unit maps were made for another network.", nameof(network));
            }

            double scale = 0;
            for (int cell = 0; cell < Cells; cell++)
            {
                var row = a.Row(cell);
                for (int j = 0; j < units; j++)
                {
                    double v = row[j];
                    map[(j * Cells) + cell] = v;
                    if (Math.Abs(v) > scale && double.IsFinite(v))
                    {
                        scale = Math.Abs(v);
                    }
                }
            }

            scales[l] = scale;
            double inverse = Inverse(scale);
            var layerPixels = MemoryMarshal.Cast<byte, uint>(pixels.AsSpan(firstMap[l] * Cells * 4, map.Length * 4));
            for (int i = 0; i < map.Length; i++)
            {
                layerPixels[i] = Pixel(map[i], inverse);
            }
        }
    }

    /// <summary>
    /// The diverging colour of activation <paramref name="value"/> in a layer whose largest |a| is
    /// <paramref name="scale"/>: white at 0, <see cref="PositiveColor"/> at +scale, <see cref="NegativeColor"/>
    /// at −scale, mixed linearly between (and clamped beyond); grey for a value that is not finite.
    /// </summary>
    /// <remarks>The mix is rounded to one of <see cref="Steps"/> steps each side of white.</remarks>
    public static (byte R, byte G, byte B) Color(double value, double scale)
    {
        Span<byte> rgba = stackalloc byte[4];
        MemoryMarshal.Write(rgba, Pixel(value, Inverse(scale)));
        return (rgba[0], rgba[1], rgba[2]);
    }

    /// <summary>1 / scale, or 0 (all white) for a scale that is 0 or not finite.</summary>
    private static double Inverse(double scale) => scale > 0 && double.IsFinite(scale) ? 1 / scale : 0;

    /// <summary>The RGBA pixel of <paramref name="value"/> on the scale whose full colour is at 1 / <paramref name="inverse"/>.</summary>
    private static uint Pixel(double value, double inverse)
    {
        if (!double.IsFinite(value))
        {
            return NotANumberPixel;
        }

        double t = value * inverse;
        int index = t >= 1 ? 2 * Steps : t <= -1 ? 0 : (int)((t * Steps) + Steps + 0.5); // (positive: the cast rounds half up)
        return Palette[index];
    }

    private static uint[] MakePalette()
    {
        var negative = Rgb(NegativeColor);
        var positive = Rgb(PositiveColor);
        var palette = new uint[(2 * Steps) + 1];
        for (int i = 0; i < palette.Length; i++)
        {
            double t = (i - Steps) / (double)Steps;
            var (r, g, b) = t >= 0 ? positive : negative;
            double mix = Math.Abs(t);
            palette[i] = Pack((Mix(r, mix), Mix(g, mix), Mix(b, mix)));
        }

        return palette;
    }

    /// <summary>An opaque RGBA pixel as it lies in memory (R first).</summary>
    private static uint Pack((int R, int G, int B) color)
    {
        Span<byte> rgba = [(byte)color.R, (byte)color.G, (byte)color.B, 255];
        return MemoryMarshal.Read<uint>(rgba);
    }

    /// <summary>"#rrggbb" as three bytes.</summary>
    private static (int R, int G, int B) Rgb(string hex) =>
        (Convert.ToInt32(hex[1..3], 16), Convert.ToInt32(hex[3..5], 16), Convert.ToInt32(hex[5..7], 16));

    private static byte Mix(int channel, double mix) => (byte)Math.Round(255 - ((255 - channel) * mix));
}
