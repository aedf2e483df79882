using Nabla.Tensors;

namespace Nabla.Explain.Checking;

/// <summary>
/// One step as the learner has it: Nabla's values with every element the learner wrote put in
/// their place (the first time an element is written counts). f′ (dAdZ) is derived from the
/// learner's own Z and A, since learners seldom write it down.
/// </summary>
public sealed class LearnerStep
{
    private readonly StepTrace trace;
    private readonly StepRules rules;
    private readonly Dictionary<string, List<CheckedValue>> written = [];

    internal LearnerStep(StepTrace trace, StepRules rules, IEnumerable<CheckedValue> values)
    {
        this.trace = trace;
        this.rules = rules;
        var seen = new HashSet<(string, int, int)>();
        foreach (var v in values)
        {
            if (seen.Add((v.Name, v.Element.Row, v.Element.Col)))
            {
                if (!written.TryGetValue(v.Name, out var list))
                {
                    written[v.Name] = list = [];
                }

                list.Add(v);
            }
        }
    }

    /// <summary>The learner's values of a quantity (first writing of each element).</summary>
    public IReadOnlyList<CheckedValue> WrittenIn(string name) => written.TryGetValue(name, out var list) ? list : [];

    /// <summary>
    /// A lookup of the learner's values; <paramref name="overrides"/> replaces single elements
    /// (name, row, col) — to see how much one of the learner's values moves a result.
    /// </summary>
    public Func<string, Matrix<double>> Values(IReadOnlyDictionary<(string Name, int Row, int Col), double>? overrides = null)
    {
        var cache = new Dictionary<string, Matrix<double>>();
        Matrix<double> Get(string name)
        {
            if (cache.TryGetValue(name, out var cached))
            {
                return cached;
            }

            var q = QuantityName.Parse(name);
            var value = q.Kind == "dAdZ" && rules.ActivationOf(q.Layer).IsElementWise
                ? rules.Recompute(name, Get)! // f′ from the learner's own Z and A
                : trace[name].Clone();
            foreach (var v in WrittenIn(name))
            {
                value[v.Element.Row, v.Element.Col] = v.Written.Value;
            }

            if (overrides is not null)
            {
                foreach (var ((n, r, c), x) in overrides)
                {
                    if (n == name)
                    {
                        value[r, c] = x;
                    }
                }
            }

            cache[name] = value;
            return value;
        }

        return Get;
    }
}
