namespace Nabla.Exercises;

/// <summary>One rule a variant must meet to be fit for a hand calculation; Text says it to a teacher.</summary>
public sealed record FriendlinessRule(string Name, string Text)
{
    /// <summary>Every given number (weight, bias, input, target) has at most two decimals.</summary>
    public static readonly FriendlinessRule FewDecimals = new("few-decimals", "every given value has one or two decimals");

    /// <summary>No sigmoid, tanh or softmax unit is saturated.</summary>
    public static readonly FriendlinessRule NotSaturated = new("not-saturated",
        $"no unit is saturated (|z| ≤ {Friendliness.SaturationLimit} at every sigmoid, tanh and softmax unit, where the slope is not vanishingly small)");

    /// <summary>No ReLU-like unit sits at its kink.</summary>
    public static readonly FriendlinessRule OffTheKink = new("off-the-kink",
        $"no ReLU, leaky ReLU or ELU input is at 0 (|z| ≥ {Friendliness.KinkMargin})");

    /// <summary>No ReLU-like layer is wholly on its flat (or leaky) side.</summary>
    public static readonly FriendlinessRule NoDeadLayer = new("no-dead-layer",
        "every ReLU, leaky ReLU or ELU layer has a unit with z > 0 for some example");

    /// <summary>The quantities asked for are not all trivially 0 or 1.</summary>
    public static readonly FriendlinessRule NotTrivial = new("not-trivial",
        "no quantity asked for is all 0 or ±1 at the decimals asked");

    /// <summary>The step's numbers stay finite.</summary>
    public static readonly FriendlinessRule Finite = new("finite", "the step's numbers stay finite");

    /// <summary>No two variants of a class are alike.</summary>
    public static readonly FriendlinessRule Distinct = new("distinct", "no two variants are alike");

    /// <summary>Every rule, in the order they are checked.</summary>
    public static IReadOnlyList<FriendlinessRule> All { get; } = [FewDecimals, Finite, NotSaturated, OffTheKink, NoDeadLayer, NotTrivial, Distinct];
}
