using Nabla.Numerics;

namespace Nabla.Explain.Checking;

/// <summary>
/// One written value, checked: right or wrong at its precision, and for a wrong one either the
/// earlier wrong values it inherited from (the step itself right) or the likely slip.
/// </summary>
public sealed class CheckedValue(Answer answer, AnswerElement element, double trueValue)
{
    internal Answer Answer { get; } = answer;

    internal AnswerElement Element { get; } = element;

    internal string Name => Answer.Name;

    /// <summary>The value as the learner named it: "dW1[2,1]" (in the line's notation, from 1).</summary>
    public string Label => Element.Label;

    /// <summary>The line of the answer file the value is on, from 1.</summary>
    public int Line => Answer.Line;

    /// <summary>The training step the value is about, from 1 (set by a <c>step</c> directive).</summary>
    public int Step => Answer.Step;

    /// <summary>The value as the learner wrote it, with its precision.</summary>
    public WrittenNumber Written => Element.Number;

    /// <summary>Nabla's value (the real trainer's, in double).</summary>
    public double TrueValue { get; } = trueValue;

    /// <summary>Whether the written value is right at the precision written: with d decimals, |written − round(true, d)| ≤ 10^−d (see <see cref="PrecisionRule.IsRight"/>).</summary>
    public bool Right { get; } = PrecisionRule.IsRight(element.Number, trueValue);

    /// <summary>"(true value 0.7509 rounds to 0.751)" when right only within one unit of the last place.</summary>
    public string? Note { get; } = PrecisionRule.Note(element.Number, trueValue);

    /// <summary>The likely slip, for a wrong value not inherited.</summary>
    public Diagnosis? Diagnosis { get; internal set; }

    /// <summary>The learner's own wrong earlier values that give this (wrong) value.</summary>
    public IReadOnlyList<CheckedValue> InheritedFrom { get; internal set; } = [];

    /// <summary>What the learner's own earlier values give for this one, where that was worked out.</summary>
    public double? OwnValue { get; internal set; }

    internal bool IsInherited => InheritedFrom.Count > 0;

    /// <summary>A wrong value whose own step went wrong (not merely inherited).</summary>
    public bool IsRootError => !Right && !IsInherited;

    /// <summary>The right value, shown one or two digits past what the learner wrote.</summary>
    public string RightText => NumberFormat.Format(TrueValue, Math.Clamp(Written.Decimals + 1, 3, 12));

    /// <summary>"✓" or "✗".</summary>
    public string Mark => Right ? "✓" : "✗";

    /// <summary>The note, the cause, or "inherited from … ; this step itself is right".</summary>
    public string Why => Right
        ? Note ?? ""
        : IsInherited
            ? $"inherited from {string.Join(", ", InheritedFrom.Select(v => $"{v.Label} (your {v.Written.Text}, line {v.Line})"))}; this step itself is right"
            : Diagnosis?.Title ?? "";

    /// <summary>"dW1[2,1] = 0.0883 ✗ sign slip": the label, the value written, the mark and why.</summary>
    public override string ToString() => $"{Label} = {Written.Text} {Mark} {Why}";
}
