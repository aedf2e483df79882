using Nabla.Exercises;

namespace Nabla.Tests.Exercises;

/// <summary>
/// The friendliness rules, checked here on their own terms (not through <see cref="Friendliness"/>)
/// over a thousand variants of each seed template.
/// </summary>
public class FriendlinessPropertyTests
{
    public static TheoryData<string> Templates() => [.. SeedTemplates.Names];

    [Theory]
    [MemberData(nameof(Templates))]
    public void AThousandVariants_AreFitForAHandCalculation(string template)
    {
        const int decimals = 4;
        var variants = VariantDrawer.Draw(ExerciseTemplate.Load(template), Roster.Numbered(1000), new ExerciseOptions(Seed: 2026, Decimals: decimals));

        Assert.Equal(1000, variants.Count);
        var seen = new HashSet<string>();
        foreach (var v in variants)
        {
            var given = v.Spec.Data!.X!.Concat(v.Spec.Data.Y!).SelectMany(r => r)
                .Concat(v.Spec.Layers.SelectMany(l => l.Weights!.SelectMany(r => r).Concat(l.Bias ?? []))).ToList();
            Assert.All(given, g => Assert.Equal(Math.Round(g, 2), g)); // one or two decimals
            Assert.True(seen.Add(string.Join(",", given)), $"variant {v.Number} repeats an earlier one");

            if (v.Spec.Data.Y!.Length > 1)
            {
                Assert.True(v.Spec.Data.Y.Select(r => string.Join(",", r)).Distinct().Count() > 1, $"variant {v.Number}: every example has the same target");
            }

            var step = v.Explanation.Steps[0];
            for (int l = 1; l <= v.Spec.Layers.Count; l++)
            {
                string f = v.Spec.Layers[l - 1].Activation;
                double[] z = step[$"Z{l}"].ToArray();
                if (f is "sigmoid" or "softmax" or "tanh")
                {
                    Assert.All(z, x => Assert.InRange(Math.Abs(x), 0, 3)); // σ′ not vanishingly small
                }

                if (f is "relu" or "leaky_relu")
                {
                    Assert.All(z, x => Assert.True(Math.Abs(x) >= 0.01, $"variant {v.Number}: a ReLU input at {x}"));
                    Assert.Contains(z, x => x > 0);
                }
            }

            foreach (string name in Questions.Names(QuestionParts.All, [.. v.Spec.Layers.Select(l => l.HasBias)]))
            {
                Assert.Contains(step[name].ToArray(), x => Math.Round(x, decimals) is not (0 or 1 or -1));
            }
        }
    }
}
