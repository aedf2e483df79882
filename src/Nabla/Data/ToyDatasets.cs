using Nabla.Numerics;
using Nabla.Tensors;

namespace Nabla.Data;

/// <summary>
/// Seeded two-dimensional toy sets for classification. Example i is of class i mod K, so the
/// classes are balanced (their sizes differ by at most one); each point gets Gaussian noise of
/// standard deviation <c>noise</c> on both coordinates. The same seed gives the same points.
/// </summary>
public static class ToyDatasets
{
    /// <summary>The names of the built-in toy data sets.</summary>
    public static readonly string[] Names = ["moons", "circles", "spirals", "blobs"];

    /// <summary>The number of points drawn when none is given.</summary>
    public const int DefaultCount = 200;

    /// <summary>The standard deviation of the Gaussian noise when none is given.</summary>
    public const double DefaultNoise = 0.1;

    /// <summary>The number of classes of spirals and blobs when none is given.</summary>
    public const int DefaultClasses = 2;

    /// <summary>The largest noise allowed: the shapes span about 2, so beyond this the points are noise alone.</summary>
    public const double MaxNoise = 100;

    /// <summary>Whether the set has a fixed number of classes (moons and circles: two).</summary>
    public static bool HasFixedClasses(string name) => name is "moons" or "circles";

    /// <summary>The named set, or null when the name is not one of <see cref="Names"/>.</summary>
    public static LabelledData? Generate(string name, int n, double noise, int classes, ulong seed) => name switch
    {
        "moons" => Moons(n, noise, seed),
        "circles" => Circles(n, noise, seed),
        "spirals" => Spirals(n, noise, classes, seed),
        "blobs" => Blobs(n, noise, classes, seed),
        _ => null,
    };

    /// <summary>Two interleaved half circles: class 0 (cos t, sin t), class 1 (1 − cos t, ½ − sin t), t ~ U[0, π).</summary>
    public static LabelledData Moons(int n, double noise, ulong seed) =>
        Draw("moons", n, 2, noise, seed, (k, random) =>
        {
            double t = random.Uniform(0, Math.PI);
            return k == 0 ? (Math.Cos(t), Math.Sin(t)) : (1 - Math.Cos(t), 0.5 - Math.Sin(t));
        });

    /// <summary>Two rings around the origin: class 0 of radius 1, class 1 of radius ½; θ ~ U[0, 2π).</summary>
    public static LabelledData Circles(int n, double noise, ulong seed) =>
        Draw("circles", n, 2, noise, seed, (k, random) =>
        {
            double r = k == 0 ? 1 : 0.5, theta = random.Uniform(0, 2 * Math.PI);
            return (r * Math.Cos(theta), r * Math.Sin(theta));
        });

    /// <summary>K arms of 1½ turns: s ~ U[0, 1), r = s, θ = 2πk/K + 3πs, point (r cos θ, r sin θ).</summary>
    public static LabelledData Spirals(int n, double noise, int classes, ulong seed) =>
        Draw("spirals", n, classes, noise, seed, (k, random) =>
        {
            double s = random.NextDouble(), theta = (2 * Math.PI * k / classes) + (3 * Math.PI * s);
            return (s * Math.Cos(theta), s * Math.Sin(theta));
        });

    /// <summary>K Gaussian blobs of standard deviation <c>noise</c>, centred on the unit circle at θ_k = 2πk/K.</summary>
    public static LabelledData Blobs(int n, double noise, int classes, ulong seed) =>
        Draw("blobs", n, classes, noise, seed, (k, _) =>
            (Math.Cos(2 * Math.PI * k / classes), Math.Sin(2 * Math.PI * k / classes)));

    /// <summary>For i = 0..n−1: class k = i mod K, a point on the shape, then (x₁, x₂) += noise · N(0, 1).</summary>
    private static LabelledData Draw(string name, int n, int classes, double noise, ulong seed, Func<int, SeededRandom, (double X1, double X2)> shape)
    {
        if (n < 1 || classes < 2 || noise is not (>= 0 and <= MaxNoise))
        {
            throw new ArgumentOutOfRangeException(nameof(n), $"Need n ≥ 1, classes ≥ 2, 0 ≤ noise ≤ {MaxNoise} (got {n}, {classes}, {noise}).");
        }

        var random = new SeededRandom(seed);
        var x = new Matrix<double>(n, 2);
        var labels = new int[n];
        for (int i = 0; i < n; i++)
        {
            labels[i] = i % classes;
            var (x1, x2) = shape(labels[i], random);
            x[i, 0] = x1 + (noise * random.NextNormal());
            x[i, 1] = x2 + (noise * random.NextNormal());
        }

        var names = Enumerable.Range(0, classes).Select(k => k.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        return new LabelledData(name, x, labels, names);
    }
}
