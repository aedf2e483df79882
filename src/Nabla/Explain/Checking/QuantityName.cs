using System.Globalization;
using System.Text.RegularExpressions;

namespace Nabla.Explain.Checking;

/// <summary>A quantity name split into its kind and layer: "dW2" → (dW, 2), "b1_next" → (b, 1, next).</summary>
public readonly partial record struct QuantityName(string Kind, int Layer, bool Next)
{
    public static QuantityName Parse(string name)
    {
        var m = Pattern().Match(name);
        return m.Success
            ? new QuantityName(m.Groups["kind"].Value, int.Parse(m.Groups["layer"].Value, CultureInfo.InvariantCulture), m.Groups["next"].Success)
            : new QuantityName(name, 0, false);
    }

    /// <summary>W{l}_next or b{l}_next: a parameter after the update.</summary>
    public bool IsUpdate => Next && Kind is "W" or "b";

    /// <summary>Quantities of the backward pass and the update (what a wrong Jacobian changes).</summary>
    public bool IsBackward => Kind is "dA" or "dZ" or "dW" or "db" or "dX" || Next || Kind == "loss_next";

    [GeneratedRegex(@"^(?<kind>dAdZ|dA|dZ|dW|db|Z|A|W|b|M)(?<layer>\d+)(?<next>_next)?$")]
    private static partial Regex Pattern();
}
