namespace Nabla.Explain.Checking;

/// <summary>
/// Right or wrong at the precision written: a value written with d decimals is right when
/// |written − round(true, d)| ≤ 10^−d (one unit in the last place, so 0.752 passes for 0.75087).
/// Where that unit is coarser than the value itself (0.125 written as "1", "0" or "1e300"), the
/// written value must be the true value rounded exactly, since one unit would cover any answer.
/// A candidate slip explains a wrong value when it agrees to that unit or to 0.5 % relative,
/// the room a learner's own rounding of intermediate values takes.
/// </summary>
public static class PrecisionRule
{
    /// <summary>How close (relative) a candidate must be to count as the learner's computation.</summary>
    public const double RelativeTolerance = 0.005;

    /// <summary>Below this relative error a miss with no other cause is put down to rounding.</summary>
    public const double RoundingLimit = 0.02;

    /// <summary>|written − round(true, d)| ≤ 10^−d; exactly round(true, d) where 10^−d exceeds |true|.</summary>
    public static bool IsRight(WrittenNumber written, double truth) =>
        double.IsFinite(truth) && (written.Unit <= Math.Abs(truth)
            ? Math.Abs(written.Value - written.Round(truth)) <= Unit(written, truth)
            : IsExact(written, truth));

    /// <summary>The written value is exactly the true value rounded to its decimals.</summary>
    public static bool IsExact(WrittenNumber written, double truth) =>
        Math.Abs(written.Value - written.Round(truth)) <= written.Unit * 1e-6;

    /// <summary>"(true value 0.7509 rounds to 0.751)" for a value right only within one unit; null otherwise.</summary>
    public static string? Note(WrittenNumber written, double truth)
    {
        if (!IsRight(written, truth) || IsExact(written, truth) || written.Decimals < 0)
        {
            return null;
        }

        return $"(true value {WrittenNumber.Format(truth, written.Decimals + 1)} rounds to {WrittenNumber.Format(truth, written.Decimals)})";
    }

    /// <summary>
    /// The candidate explains the written value: within one unit of the last place, or within
    /// 0.5 % of <paramref name="scale"/> (the candidate itself, or for an update W − η·dW the step η·dW).
    /// </summary>
    public static bool Explains(WrittenNumber written, double candidate, double scale)
    {
        if (!double.IsFinite(candidate))
        {
            return false;
        }

        double gap = Math.Abs(written.Value - candidate);
        return gap <= Unit(written, candidate) || gap <= RelativeTolerance * Math.Abs(scale);
    }

    /// <summary>Agreement within <paramref name="tolerance"/> plus the float slack of the comparison.</summary>
    public static bool Within(WrittenNumber written, double value, double tolerance) =>
        double.IsFinite(value) && Math.Abs(written.Value - value) <= tolerance + Slack(written, value);

    /// <summary>One unit in the last place, plus the slack.</summary>
    private static double Unit(WrittenNumber written, double value) => written.Unit + Slack(written, value);

    /// <summary>A tiny allowance for the binary representation of decimal numbers.</summary>
    private static double Slack(WrittenNumber written, double value) =>
        (written.Unit * 1e-9) + (1e-15 * Math.Max(1, Math.Abs(value)));
}
