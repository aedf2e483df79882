using Nabla.Explain;

namespace Nabla.Exercises;

/// <summary>
/// Judges a drawn variant by the <see cref="FriendlinessRule"/>s that need its computed step:
/// few decimals, finite, no saturated unit, no ReLU at its kink, no dead ReLU layer, nothing asked trivially 0 or 1.
/// (<see cref="FriendlinessRule.Distinct"/> is the drawer's: it needs the whole class.)
/// </summary>
public static class Friendliness
{
    /// <summary>The largest |z| at a sigmoid, tanh or softmax unit: σ′(3) ≈ 0.045, tanh′(3) ≈ 0.01.</summary>
    public const double SaturationLimit = 3;

    /// <summary>The smallest |z| at a ReLU-like unit.</summary>
    public const double KinkMargin = 0.01;

    private static readonly HashSet<string> Saturating = ["sigmoid", "tanh", "softmax"];

    private static readonly HashSet<string> Kinked = ["relu", "leaky_relu", "elu"];

    /// <summary>The first rule <paramref name="e"/> breaks, or null when it is fit for a hand calculation.</summary>
    /// <param name="e">The variant's explanation (its computed steps).</param>
    /// <param name="asked">The quantities asked for in each step.</param>
    /// <param name="decimals">The decimals the answers are asked to.</param>
    public static FriendlinessRule? Broken(Explanation e, IReadOnlyList<string> asked, int decimals)
    {
        if (!GivenValues(e.Spec).All(HasFewDecimals))
        {
            return FriendlinessRule.FewDecimals;
        }

        if (e.StopMessage is not null || e.Steps.Any(s => s.Names.Any(n => s[n].ToArray().Any(v => !double.IsFinite(v)))))
        {
            return FriendlinessRule.Finite;
        }

        foreach (var step in e.Steps)
        {
            foreach (var layer in e.Layers)
            {
                double[] z = step[$"Z{layer.Number}"].ToArray();
                if (Saturating.Contains(layer.Activation) && z.Any(v => Math.Abs(v) > SaturationLimit))
                {
                    return FriendlinessRule.NotSaturated;
                }

                if (Kinked.Contains(layer.Activation) && z.Any(v => Math.Abs(v) < KinkMargin))
                {
                    return FriendlinessRule.OffTheKink;
                }

                if (Kinked.Contains(layer.Activation) && z.All(v => v < 0))
                {
                    return FriendlinessRule.NoDeadLayer;
                }
            }
        }

        double scale = Math.Pow(10, decimals);
        foreach (var step in e.Steps)
        {
            foreach (string name in asked.Where(step.Has))
            {
                if (step[name].ToArray().All(v => Math.Round(v * scale) is var r && (r == 0 || Math.Abs(r) == scale)))
                {
                    return FriendlinessRule.NotTrivial;
                }
            }
        }

        return null;
    }

    /// <summary>The numbers a variant gives: inputs, targets, weights and biases.</summary>
    public static IEnumerable<double> GivenValues(Specs.ModelSpec spec) =>
        (spec.Data?.X ?? []).SelectMany(r => r)
            .Concat((spec.Data?.Y ?? []).SelectMany(r => r))
            .Concat(spec.Layers.SelectMany(l => (l.Weights ?? []).SelectMany(r => r).Concat(l.Bias ?? [])));

    private static bool HasFewDecimals(double v) => Math.Abs((v * 100) - Math.Round(v * 100)) < 1e-9;
}
