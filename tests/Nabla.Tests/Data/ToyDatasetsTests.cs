using Nabla.Data;

namespace Nabla.Tests.Data;

public class ToyDatasetsTests
{
    [Theory]
    [InlineData("moons", 2)]
    [InlineData("circles", 2)]
    [InlineData("spirals", 3)]
    [InlineData("blobs", 4)]
    public void SameSeed_SamePoints_OtherSeed_OtherPoints(string name, int classes)
    {
        var a = ToyDatasets.Generate(name, 101, 0.1, classes, seed: 7)!;
        var b = ToyDatasets.Generate(name, 101, 0.1, classes, seed: 7)!;
        var c = ToyDatasets.Generate(name, 101, 0.1, classes, seed: 8)!;

        Assert.Equal(a.X.ToArray(), b.X.ToArray());
        Assert.Equal(a.Labels, b.Labels);
        Assert.NotEqual(a.X.ToArray(), c.X.ToArray());
        Assert.Equal(101, a.X.Rows);
        Assert.Equal(2, a.X.Cols);
        Assert.Equal(Enumerable.Range(0, classes).Select(k => k.ToString(System.Globalization.CultureInfo.InvariantCulture)), a.Classes);
    }

    [Theory]
    [InlineData("moons", 2)]
    [InlineData("spirals", 3)]
    [InlineData("blobs", 5)]
    public void Classes_AreBalanced_AndInterleaved(string name, int classes)
    {
        var set = ToyDatasets.Generate(name, 203, 0.1, classes, seed: 1)!;
        int[] counts = set.CountPerClass();
        Assert.Equal(203, counts.Sum());
        Assert.True(counts.Max() - counts.Min() <= 1, string.Join(", ", counts));
        Assert.Equal(Enumerable.Range(0, 203).Select(i => i % classes), set.Labels);
    }

    [Fact]
    public void WithoutNoise_PointsLieExactlyOnTheirShapes()
    {
        var moons = ToyDatasets.Moons(50, 0, seed: 3);
        var circles = ToyDatasets.Circles(50, 0, seed: 3);
        var blobs = ToyDatasets.Blobs(40, 0, 4, seed: 3);
        for (int i = 0; i < 50; i++)
        {
            // Moon 0: (cos t, sin t) on the unit circle, upper half; moon 1: (1 − cos t, ½ − sin t) around (1, ½).
            double cx = moons.Labels[i] == 0 ? 0 : 1, cy = moons.Labels[i] == 0 ? 0 : 0.5;
            Close.Equal(1, Math.Sqrt(Square(moons.X[i, 0] - cx) + Square(moons.X[i, 1] - cy)), 1e-12, "moon radius");
            Assert.True(moons.Labels[i] == 0 ? moons.X[i, 1] >= 0 : moons.X[i, 1] <= 0.5);
            Close.Equal(circles.Labels[i] == 0 ? 1 : 0.5, Math.Sqrt(Square(circles.X[i, 0]) + Square(circles.X[i, 1])), 1e-12, "circle radius");
        }

        Assert.Equal(0, blobs.X[1, 0], 12); // blob 1 of 4 sits at (cos 90°, sin 90°)
        Assert.Equal(1, blobs.X[1, 1], 12);
    }

    [Fact]
    public void Noise_IsGaussianWithTheGivenStandardDeviation()
    {
        // Blobs put every point at its centre plus noise · N(0, 1): the spread is the noise.
        var blobs = ToyDatasets.Blobs(20000, 0.3, 2, seed: 5);
        var offsets = Enumerable.Range(0, blobs.X.Rows).Select(i => blobs.X[i, 0] - (blobs.Labels[i] == 0 ? 1 : -1)).ToArray();
        double mean = offsets.Average();
        double std = Math.Sqrt(offsets.Average(d => Square(d - mean)));
        Assert.InRange(mean, -0.01, 0.01);
        Assert.InRange(std, 0.29, 0.31);

        // More noise moves the moons' points further from their clean shape.
        var clean = ToyDatasets.Moons(200, 0, seed: 2);
        var noisy = ToyDatasets.Moons(200, 0.2, seed: 2);
        double moved = Enumerable.Range(0, 200).Average(i => Math.Abs(noisy.X[i, 0] - clean.X[i, 0]));
        Assert.InRange(moved, 0.1, 0.25); // E|0.2 · N(0, 1)| = 0.2 · √(2/π) ≈ 0.16
    }

    [Fact]
    public void SpiralArms_TurnOneAndAHalfTimes_FromTheCentreOutwards()
    {
        // Without noise, arm k's point at radius r has angle θ = 2πk/K + 3πr (mod 2π).
        var spirals = ToyDatasets.Spirals(300, 0, 3, seed: 4);
        for (int i = 0; i < 300; i++)
        {
            double r = Math.Sqrt(Square(spirals.X[i, 0]) + Square(spirals.X[i, 1]));
            double expected = (2 * Math.PI * spirals.Labels[i] / 3) + (3 * Math.PI * r);
            double gap = Math.IEEERemainder(Math.Atan2(spirals.X[i, 1], spirals.X[i, 0]) - expected, 2 * Math.PI);
            Assert.InRange(r, 0, 1);
            Assert.InRange(gap, -1e-9, 1e-9);
        }
    }

    [Fact]
    public void UnknownName_GivesNull()
    {
        Assert.Null(ToyDatasets.Generate("swiss_roll", 10, 0.1, 2, 1));
    }

    private static double Square(double v) => v * v;
}
