using System.Globalization;
using System.Text.RegularExpressions;

namespace Nabla.Explain.Checking;

/// <summary>
/// A quantity name split into its kind and layer: "dW2" → (dW, 2), "b1_next" → (b, 1, next); an optimizer's quantity
/// of a parameter also names the parameter: "v_W1_next" → (v, 1, next, of W), "mhat_b2" → (mhat, 2, of b).
/// </summary>
/// <param name="Of">"W" or "b" for an optimizer's quantity (g, decayed, v, m, s, mhat, vhat) of that parameter; else null.</param>
public readonly partial record struct QuantityName(string Kind, int Layer, bool Next, string? Of = null)
{
    /// <summary>The kinds of the optimizer's quantities of a parameter: the gradient it is given, AdamW's decayed weights, the states, Adam's m̂ and v̂.</summary>
    public static readonly string[] OptimizerKinds = ["g", "decayed", "v", "m", "s", "mhat", "vhat"];

    internal static QuantityName Parse(string name)
    {
        var m = Pattern().Match(name);
        return m.Success
            ? new QuantityName(
                m.Groups["state"].Success ? m.Groups["state"].Value : m.Groups["kind"].Value,
                int.Parse(m.Groups["layer"].Value, CultureInfo.InvariantCulture),
                m.Groups["next"].Success,
                m.Groups["state"].Success ? m.Groups["kind"].Value : null)
            : new QuantityName(name, 0, false);
    }

    /// <summary>The parameter an optimizer's quantity belongs to ("W1" of "v_W1_next"); null for the others.</summary>
    public string? Parameter => Of is null ? null : $"{Of}{Layer}";

    /// <summary>W{l}_next or b{l}_next: a parameter after the update.</summary>
    public bool IsUpdate => Next && Kind is "W" or "b";

    /// <summary>Quantities of the backward pass and the update (what a wrong Jacobian changes).</summary>
    public bool IsBackward => Kind is "dA" or "dZ" or "dW" or "db" or "dX" or "grad_norm" or "clip_factor" || Next || Of is not null || Kind == "loss_next";

    [GeneratedRegex(@"^(?:(?<state>g|decayed|v|m|s|mhat|vhat)_(?<kind>W|b)|(?<kind>dAdZ|dA|dZ|dW|db|Z|A|W|b|M))(?<layer>\d+)(?<next>_next)?$")]
    private static partial Regex Pattern();
}
