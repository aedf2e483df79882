using Nabla.Numerics;

namespace Nabla.Layers;

/// <summary>
/// How missing weights are filled: zeros, normal(scale), uniform(a,b), xavier (Glorot uniform,
/// ±√(6/(n_in+n_out))) or he (normal with σ = √(2/n_in)). Values come from a seeded generator.
/// </summary>
public sealed record Initializer(string Kind, double A = 0, double B = 0)
{
    /// <summary>The initialisations a spec may name.</summary>
    public static readonly string[] Kinds = ["zeros", "normal(scale)", "uniform(a,b)", "xavier", "he"];

    /// <summary>The largest magnitude normal's scale and uniform's bounds may have: larger weights only overflow.</summary>
    public const double MaxParameter = 1e6;

    /// <summary>Whether the parameters are finite and within ±<see cref="MaxParameter"/>.</summary>
    public bool InRange => Math.Abs(A) <= MaxParameter && Math.Abs(B) <= MaxParameter; // (false for NaN)

    /// <summary>The default for weights: xavier for sigmoid/tanh-like layers, he for the relu family.</summary>
    public static Initializer DefaultFor(string activation) =>
        activation is "relu" or "leaky_relu" or "elu" or "gelu" or "silu" or "softplus" ? new("he") : new("xavier");

    /// <summary>Parses "zeros", "normal(0.01)", "uniform(-0.5, 0.5)", "xavier", "he"; null when not understood.</summary>
    public static Initializer? Parse(string text)
    {
        string t = text.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant();
        if (t is "zeros" or "xavier" or "he" or "normal" or "glorot")
        {
            return new(t == "glorot" ? "xavier" : t, t == "normal" ? 1 : 0);
        }

        int open = t.IndexOf('(', StringComparison.Ordinal);
        if (open < 0 || !t.EndsWith(')'))
        {
            return null;
        }

        string kind = t[..open];
        string[] args = t[(open + 1)..^1].Split(',');
        var values = new double[args.Length];
        for (int i = 0; i < args.Length; i++)
        {
            if (!double.TryParse(args[i], System.Globalization.CultureInfo.InvariantCulture, out values[i]))
            {
                return null;
            }
        }

        return (kind, values.Length) switch
        {
            ("normal", 1) => new("normal", values[0]),
            ("uniform", 2) when !(values[0] >= values[1]) => new("uniform", values[0], values[1]), // (NaN: see InRange)
            _ => null,
        };
    }

    /// <summary>Draws an n_in × n_out matrix of values (row-major).</summary>
    /// <exception cref="ArgumentOutOfRangeException">When n_in · n_out exceeds <see cref="Array.MaxLength"/>.</exception>
    public double[] Draw(int inputs, int units, SeededRandom random)
    {
        long count = (long)inputs * units;
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, Array.MaxLength, nameof(units));
        ArgumentOutOfRangeException.ThrowIfNegative(count, nameof(units));
        var w = new double[count];
        for (int i = 0; i < w.Length; i++)
        {
            w[i] = Kind switch
            {
                "zeros" => 0,
                "normal" => A * random.NextNormal(),
                "uniform" => random.Uniform(A, B),
                "xavier" => random.Uniform(-1, 1) * Math.Sqrt(6.0 / (inputs + units)),
                "he" => random.NextNormal() * Math.Sqrt(2.0 / inputs),
                _ => throw new InvalidOperationException($"Unknown initializer {Kind}."),
            };
        }

        return w;
    }

    /// <inheritdoc/>
    public override string ToString() => Kind switch
    {
        "normal" => FormattableString.Invariant($"normal({A})"),
        "uniform" => FormattableString.Invariant($"uniform({A},{B})"),
        _ => Kind,
    };
}
