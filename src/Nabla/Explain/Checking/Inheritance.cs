namespace Nabla.Explain.Checking;

/// <summary>
/// Whether a wrong value is only the honest consequence of the learner's own earlier wrong
/// values: recompute it from what the learner wrote (W_next = W − η·dW with their dW, dW = Aᵀ·dZ
/// with their A and dZ, …) and compare, allowing for the rounding of the values it was built from.
/// </summary>
public static class Inheritance
{
    /// <summary>What the learner's inputs give, and the wrong inputs it depends on when that agrees with what they wrote.</summary>
    public sealed record Result(double OwnValue, IReadOnlyList<CheckedValue> From);

    /// <summary>Null where the quantity has no rule (X, Y, W, b; updates by optimizers other than SGD).</summary>
    public static Result? Trace(CheckedValue value, LearnerStep learner, StepRules rules)
    {
        var inputs = rules.InputsOf(value.Name);
        if (inputs.Count == 0)
        {
            return null;
        }

        int row = value.Element.Row;
        int col = value.Element.Col;
        var own = rules.Recompute(value.Name, learner.Values());
        if (own is null)
        {
            return null;
        }

        double ownValue = own[row, col];
        double At(IReadOnlyDictionary<(string, int, int), double> overrides) =>
            rules.Recompute(value.Name, learner.Values(overrides))![row, col];

        // How far the rounding of each value the learner wrote can move this one: half a unit in its last place.
        double spread = 0;
        var from = new List<CheckedValue>();
        foreach (var v in inputs.SelectMany(learner.WrittenIn))
        {
            var key = (v.Name, v.Element.Row, v.Element.Col);
            spread += Math.Abs(At(new Dictionary<(string, int, int), double> { [key] = v.Written.Value + (v.Written.Unit / 2) }) - ownValue);
            if (!v.Right)
            {
                double corrected = At(new Dictionary<(string, int, int), double> { [key] = v.TrueValue });
                if (Math.Abs(corrected - ownValue) > 1e-12 * Math.Max(1, Math.Abs(ownValue)))
                {
                    from.Add(v);
                }
            }
        }

        bool agrees = PrecisionRule.Within(value.Written, ownValue, value.Written.Unit + spread);
        return new Result(ownValue, agrees ? from : []);
    }
}
