using System.Globalization;

namespace Nabla.Explain.Checking;

/// <summary>
/// Names the most likely slip behind a wrong value that is not inherited: the first single
/// cause whose value matches what the learner wrote, then a sign slip on top of another cause,
/// then a copied digit, then rounding (under 2 % off); failing all, it says so plainly.
/// </summary>
public sealed class Diagnoser(StepTrace trace, StepRules rules, RecomputedStep? diagonal)
{
    private readonly SlipCandidates candidates = new(trace, rules, diagonal);

    /// <param name="value">The wrong value.</param>
    /// <param name="line">Every value of the same answer line (for a whole matrix written transposed).</param>
    public Diagnosis Diagnose(CheckedValue value, IReadOnlyList<CheckedValue> line)
    {
        var w = value.Written;
        double t = value.TrueValue;
        var all = candidates.For(value, WholeTransposed(line)).Where(c => Distinct(c, value)).ToList();

        foreach (var c in all.Where(c => PrecisionRule.Explains(w, c.Value, c.Scale)))
        {
            return new Diagnosis(c.Causes, c.Detail, $"{Capital(c.Explanation)}; you wrote {w.Text}.");
        }

        foreach (var c in all.Where(c => !c.Causes.Contains(Causes.Sign)))
        {
            double flipped = -c.Value;
            double scale = QuantityName.Parse(value.Name).IsUpdate ? c.Scale - (2 * c.Value) : flipped;
            if (PrecisionRule.Explains(w, flipped, scale))
            {
                string detail = c.Detail is null ? "opposite sign" : $"{c.Detail}, opposite sign";
                return new Diagnosis([.. c.Causes, Causes.Sign], detail,
                    $"{Capital(c.Explanation)}, and with its sign flipped {SlipCandidates.Show(flipped)}; you wrote {w.Text}.");
            }
        }

        if (value.OwnValue is { } own && Math.Abs(own - t) > w.Unit && DigitSlip.Between(w, own))
        {
            return new Diagnosis([Causes.Digit], null,
                $"{w.Text} and {WrittenNumber.Format(own, w.Decimals)}, what your own earlier values give, differ in one digit: a copying slip (the right value is {value.RightText}).");
        }

        if (DigitSlip.Between(w, t))
        {
            return new Diagnosis([Causes.Digit], null,
                $"{w.Text} and {WrittenNumber.Format(t, w.Decimals)} (the right {value.RightText} to your {w.Decimals} decimals) differ in one digit: a copying slip.");
        }

        double reference = Math.Abs(Scale(value, t));
        double off = Math.Abs(w.Value - t) / reference;
        if (reference > 0 && off < PrecisionRule.RoundingLimit)
        {
            string percent = (off * 100).ToString("0.0#", CultureInfo.InvariantCulture);
            return new Diagnosis([Causes.Rounding], null,
                $"{w.Text} is {percent} % off the right {value.RightText}: an intermediate value was probably rounded too early; carry one or two more digits.");
        }

        return new Diagnosis([Causes.Unknown], null, $"The right value is {value.RightText}; you wrote {w.Text}.");
    }

    /// <summary>The whole line reads as the transposed matrix, element for element.</summary>
    private bool WholeTransposed(IReadOnlyList<CheckedValue> line) =>
        line.Count > 1 && line[0].Answer.IsWhole && line.Any(v => !v.Right) && line.All(v =>
            v.Element.Transposed is { } tp && PrecisionRule.Explains(v.Written, trace[v.Name][tp.Row, tp.Col], trace[v.Name][tp.Row, tp.Col]));

    /// <summary>A candidate counts only where the slip changes the value beyond the written precision.</summary>
    private static bool Distinct(SlipCandidate c, CheckedValue value) =>
        double.IsFinite(c.Value) &&
        Math.Abs(c.Value - value.TrueValue) > Math.Max(value.Written.Unit, PrecisionRule.RelativeTolerance * Math.Abs(c.Scale));

    /// <summary>What relative errors are taken of: the value, or for an update W − η·dW the step.</summary>
    private double Scale(CheckedValue value, double x)
    {
        var q = QuantityName.Parse(value.Name);
        return q.IsUpdate ? x - trace[$"{q.Kind}{q.Layer}"][value.Element.Row, value.Element.Col] : x;
    }

    private static string Capital(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}
