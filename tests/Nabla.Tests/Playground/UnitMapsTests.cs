using Nabla.Activations;
using Nabla.Layers;
using Nabla.Losses;
using Nabla.Playground.Training;
using Nabla.Tensors;

namespace Nabla.Tests.Playground;

/// <summary>
/// The playground's hidden-unit maps against the library: each map value is that hidden layer's A for
/// the cell's point, computed by <see cref="Network{T}.Forward"/> on that point alone; the colours are the
/// diverging Okabe–Ito scale, white at 0.
/// </summary>
public class UnitMapsTests
{
    private const double MinX = -1.5, MaxX = 2.5, MinY = -0.75, MaxY = 1.25;

    [Fact]
    public void EachMapValue_IsItsLayersActivation_ForTheCellsPoint()
    {
        var network = Network();
        var maps = new UnitMaps(network, MinX, MaxX, MinY, MaxY);
        maps.Compute(network);

        int[] rows = [0, 5, 11, UnitMaps.Side - 1];
        int[] cols = [0, 7, 16, UnitMaps.Side - 1];
        foreach (int row in rows)
        {
            foreach (int col in cols)
            {
                // The cell's centre, row 0 at the top of the plane (as the regions are drawn).
                double x1 = MinX + ((col + 0.5) * (MaxX - MinX) / UnitMaps.Side);
                double x2 = MaxY - ((row + 0.5) * (MaxY - MinY) / UnitMaps.Side);
                network.Forward(Matrix<double>.FromArray(1, 2, x1, x2));
                int cell = (row * UnitMaps.Side) + col;
                for (int l = 0; l < maps.Layers; l++)
                {
                    for (int j = 0; j < maps.Units(l); j++)
                    {
                        Assert.Equal(network.Layers[l].A[0, j], maps.Map(l, j)[cell], 1e-12);
                    }
                }
            }
        }
    }

    [Fact]
    public void TheSizes_AreOneMapPerHiddenUnit()
    {
        var network = Network();
        var maps = new UnitMaps(network, MinX, MaxX, MinY, MaxY);
        Assert.Equal(2, maps.Layers);
        Assert.Equal(5, maps.Units(0));
        Assert.Equal(3, maps.Units(1));
        Assert.Equal(8, maps.Count);
        Assert.Equal(UnitMaps.Side * UnitMaps.Side, maps.Map(1, 2).Length);
        Assert.Equal(8 * UnitMaps.Side * UnitMaps.Side * 4, maps.Pixels.Length);
        Assert.Equal((UnitMaps.Side * UnitMaps.Side, 2), (maps.Grid.Rows, maps.Grid.Cols));
        Assert.Equal(5 + 1, maps.IndexOf(1, 1));
    }

    [Fact]
    public void TheScale_IsTheLayersLargestActivation_AndThePixelsAreItsColours()
    {
        var network = Network();
        var maps = new UnitMaps(network, MinX, MaxX, MinY, MaxY);
        maps.Compute(network);
        for (int l = 0; l < maps.Layers; l++)
        {
            double largest = 0;
            for (int j = 0; j < maps.Units(l); j++)
            {
                foreach (double v in maps.Map(l, j))
                {
                    largest = Math.Max(largest, Math.Abs(v));
                }
            }

            Assert.True(largest > 0);
            Assert.Equal(largest, maps.Scale(l));
            for (int j = 0; j < maps.Units(l); j++)
            {
                var map = maps.Map(l, j);
                for (int cell = 0; cell < map.Length; cell += 37)
                {
                    int at = ((maps.IndexOf(l, j) * UnitMaps.Cells) + cell) * 4;
                    var (r, g, b) = UnitMaps.Color(map[cell], largest);
                    Assert.Equal([r, g, b, 255], maps.Pixels[at..(at + 4)]);
                }
            }
        }
    }

    [Fact]
    public void TheColourScale_IsWhiteAtZero_BlueAtPlusMax_OrangeAtMinusMax()
    {
        Assert.Equal(((byte)255, (byte)255, (byte)255), UnitMaps.Color(0, 0.8));
        Assert.Equal(((byte)0x00, (byte)0x72, (byte)0xb2), UnitMaps.Color(0.8, 0.8));
        Assert.Equal(((byte)0xe6, (byte)0x9f, (byte)0x00), UnitMaps.Color(-0.8, 0.8));
        Assert.Equal(UnitMaps.Color(0.8, 0.8), UnitMaps.Color(5, 0.8));    // clamped beyond the scale
        Assert.Equal(UnitMaps.Color(-0.8, 0.8), UnitMaps.Color(-5, 0.8));
        // A quarter of the scale: a quarter of the way from white to the colour, channel by channel, 255 − (255 − c)/4.
        Assert.Equal(((byte)191, (byte)220, (byte)236), UnitMaps.Color(0.2, 0.8));
        Assert.Equal(((byte)249, (byte)231, (byte)191), UnitMaps.Color(-0.2, 0.8));
        Assert.Equal(((byte)255, (byte)255, (byte)255), UnitMaps.Color(0.3, 0)); // a layer of zeros is white
        Assert.Equal(((byte)0x99, (byte)0x99, (byte)0x99), UnitMaps.Color(double.NaN, 1));
    }

    [Fact]
    public void Compute_ReusesItsBuffers_AndFollowsTheWeights()
    {
        var network = Network();
        var maps = new UnitMaps(network, MinX, MaxX, MinY, MaxY);
        maps.Compute(network);
        byte[] pixels = maps.Pixels;
        double before = maps.Map(0, 0)[100];
        network.Layers[0].W[0, 0] += 1;
        maps.Compute(network);
        Assert.Same(pixels, maps.Pixels);
        Assert.NotEqual(before, maps.Map(0, 0)[100]);
        network.Forward(Matrix<double>.FromArray(1, 2, maps.Grid[100, 0], maps.Grid[100, 1]));
        Assert.Equal(network.Layers[0].A[0, 0], maps.Map(0, 0)[100], 1e-12);
    }

    [Fact]
    public void ANetworkWithoutTwoInputs_IsRefused()
    {
        var three = new Network<double>(3, [new Dense<double>(3, 2, new Tanh()), new Dense<double>(2, 1, new Sigmoid())], new BinaryCrossEntropy());
        Assert.Throws<ArgumentException>(() => new UnitMaps(three, 0, 1, 0, 1));
        var other = new Network<double>(2, [new Dense<double>(2, 4, new Tanh()), new Dense<double>(4, 1, new Sigmoid())], new BinaryCrossEntropy());
        var maps = new UnitMaps(Network(), 0, 1, 0, 1);
        Assert.Throws<ArgumentException>(() => maps.Compute(other));
    }

    /// <summary>2-5-3-1: tanh, relu, sigmoid, with drawn weights and biases that are not zero.</summary>
    private static Network<double> Network()
    {
        var layers = new[]
        {
            new Dense<double>(2, 5, new Tanh(), seed: 3),
            new Dense<double>(5, 3, new Relu(), seed: 4),
            new Dense<double>(3, 1, new Sigmoid(), seed: 5),
        };
        for (int l = 0; l < layers.Length; l++)
        {
            var b = layers[l].B!;
            for (int j = 0; j < b.Cols; j++)
            {
                b[0, j] = 0.1 * (j - 1) * (l + 1);
            }
        }

        return new Network<double>(2, layers, new BinaryCrossEntropy());
    }
}
