using Nabla.App;
using Nabla.Explain;
using Nabla.Numerics;
using Nabla.Specs;

namespace Nabla.Exercises;

/// <summary>
/// Draws one variant per student: weights and biases with one decimal (±0.1 … ±0.9), inputs
/// and targets of the template's kind (<see cref="ValueKind"/>; 0/1 inputs that are all
/// different rows, a truth table, keep their rows in a drawn order), redrawn until every
/// <see cref="FriendlinessRule"/> holds. Each student's draws are seeded by the class seed and
/// the student's id alone, so a student's variant does not change when others join the roster.
/// </summary>
public static class VariantDrawer
{
    /// <summary>The most draws for one variant before the template is declared unfit.</summary>
    public const int MaxTries = 2000;

    /// <summary>The variants of a class, in the roster's order.</summary>
    public static IReadOnlyList<Variant> Draw(ExerciseTemplate template, IReadOnlyList<Student> students, ExerciseOptions options)
    {
        options.Validate();
        var asked = Questions.Names(options.Ask, template.HasBias);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var variants = new List<Variant>();
        foreach (var student in students)
        {
            var random = new SeededRandom(Mix(options.Seed, student.Id));
            var failures = FriendlinessRule.All.ToDictionary(r => r, _ => 0);
            Variant? found = null;
            for (int attempt = 0; attempt < MaxTries && found is null; attempt++)
            {
                var spec = DrawSpec(template, random, variants.Count + 1, options.Steps);
                var broken = Judge(spec, asked, options, out var explanation);
                if (broken is null && !seen.Add(Key(spec)))
                {
                    broken = FriendlinessRule.Distinct;
                }

                if (broken is null)
                {
                    found = new Variant(student, variants.Count + 1, spec, explanation!);
                }
                else
                {
                    failures[broken]++;
                }
            }

            if (found is null)
            {
                var worst = failures.MaxBy(f => f.Value);
                throw new NablaException($"{template.Name}: no variant fit for a hand calculation could be drawn in {MaxTries} tries; the rule \"{worst.Key.Text}\" failed {worst.Value} times. Fix: use smaller layers or fewer inputs, or ask for fewer parts (--ask).");
            }

            variants.Add(found);
        }

        return variants;
    }

    /// <summary>The template with freshly drawn numbers: weights, biases, inputs and targets.</summary>
    public static ModelSpec DrawSpec(ExerciseTemplate template, SeededRandom random, int number, int steps)
    {
        var spec = template.Spec with
        {
            Name = $"{template.Spec.Name ?? template.Name}, variant {number}",
            File = $"{template.Name}-variant-{number}",
            Train = template.Spec.Train with { Epochs = steps },
        };
        int inputs = spec.Inputs;
        var layers = new List<LayerSpec>();
        foreach (var layer in spec.Layers)
        {
            layers.Add(layer with
            {
                Init = null,
                Weights = Matrix(inputs, layer.Units, () => Weight(random)),
                Bias = layer.HasBias ? [.. Enumerable.Range(0, layer.Units).Select(_ => Weight(random))] : null,
            });
            inputs = layer.Units;
        }

        spec = spec with { Layers = layers };
        return spec with
        {
            Data = new DataSpec
            {
                X = template.Inputs == ValueKind.Binary && template.Spec.Data!.X!.Select(r => string.Join(",", r)).Distinct().Count() == template.Examples && template.Examples > 1
                    ? Shuffled(template.Spec.Data.X!, random) // a truth table stays one, in a drawn order
                    : Matrix(template.Examples, spec.Inputs, () => Value(template.Inputs, random)),
                Y = Targets(template, spec.Layers[^1].Units, random),
            },
        };
    }

    private static FriendlinessRule? Judge(ModelSpec spec, IReadOnlyList<string> asked, ExerciseOptions options, out Explanation? explanation)
    {
        explanation = null;
        try
        {
            explanation = Explainer.Run(spec, options.Steps);
        }
        catch (NablaException)
        {
            return FriendlinessRule.Finite;
        }

        return Friendliness.Broken(explanation, asked, options.Decimals);
    }

    /// <summary>A variant's given numbers as one string, to tell variants apart.</summary>
    private static string Key(ModelSpec spec) =>
        string.Join(",", Friendliness.GivenValues(spec).Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)));

    private static double[][] Matrix(int rows, int cols, Func<double> draw) =>
        [.. Enumerable.Range(0, rows).Select(_ => Enumerable.Range(0, cols).Select(_ => draw()).ToArray())];

    /// <summary>Targets of the template's kind; with several examples, 0/1 and one-hot targets take both values (two classes) at least once.</summary>
    private static double[][] Targets(ExerciseTemplate template, int outputs, SeededRandom random)
    {
        for (int attempt = 0; ; attempt++)
        {
            var y = template.Targets == ValueKind.OneHot
                ? OneHot(template.Examples, outputs, random)
                : Matrix(template.Examples, outputs, () => Target(template.Targets, random));
            bool mixed = template.Targets switch
            {
                ValueKind.Binary => Enumerable.Range(0, outputs).All(c => y.Select(r => r[c]).Distinct().Count() > 1),
                ValueKind.OneHot => y.Select(r => Array.IndexOf(r, 1.0)).Distinct().Count() > 1,
                _ => true,
            };
            if (mixed || template.Examples < 2 || attempt >= 100)
            {
                return y;
            }
        }
    }

    private static double[][] Shuffled(double[][] rows, SeededRandom random)
    {
        int[] order = [.. Enumerable.Range(0, rows.Length)];
        random.Shuffle(order);
        return [.. order.Select(i => (double[])rows[i].Clone())];
    }

    private static double[][] OneHot(int rows, int cols, SeededRandom random) =>
        [.. Enumerable.Range(0, rows).Select(_ => random.NextInt(cols)).Select(k => Enumerable.Range(0, cols).Select(c => c == k ? 1.0 : 0.0).ToArray())];

    /// <summary>±0.1 … ±0.9.</summary>
    private static double Weight(SeededRandom random) => (random.NextInt(9) + 1) / 10.0 * (random.NextInt(2) == 0 ? -1 : 1);

    private static double Value(ValueKind kind, SeededRandom random) => kind switch
    {
        ValueKind.Binary => random.NextInt(2),
        ValueKind.Integer => (random.NextInt(3) + 1) * (random.NextInt(2) == 0 ? -1 : 1),
        _ => (random.NextInt(10) + 1) / 10.0 * (random.NextInt(2) == 0 ? -1 : 1), // ±0.1 … ±1.0
    };

    private static double Target(ValueKind kind, SeededRandom random) => kind switch
    {
        ValueKind.Binary => random.NextInt(2),
        ValueKind.Integer => random.NextInt(4),
        _ => (random.NextInt(9) + 1) / 10.0, // 0.1 … 0.9
    };

    /// <summary>The seed of one student's draws: the class seed and the id's FNV-1a hash, mixed.</summary>
    private static ulong Mix(ulong seed, string id)
    {
        ulong hash = 14695981039346656037UL;
        foreach (byte b in System.Text.Encoding.UTF8.GetBytes(id))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return seed ^ (hash * 0x9E3779B97F4A7C15UL);
    }
}
