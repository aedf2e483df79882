namespace Nabla.Exercises;

/// <summary>What kind of numbers a matrix of the template holds, so a variant draws the same kind.</summary>
public enum ValueKind
{
    /// <summary>0 or 1 (logic-gate inputs, binary targets).</summary>
    Binary,

    /// <summary>One 1 per row, 0 elsewhere (class targets of a softmax).</summary>
    OneHot,

    /// <summary>Small whole numbers, drawn from ±1 … ±3.</summary>
    Integer,

    /// <summary>Decimals, drawn with one decimal.</summary>
    Decimal,
}

/// <summary>Tells the <see cref="ValueKind"/> of a template's matrix.</summary>
public static class ValueKinds
{
    /// <summary>The kind of <paramref name="rows"/>; <paramref name="oneHotAllowed"/> for targets.</summary>
    public static ValueKind Of(double[][] rows, bool oneHotAllowed)
    {
        var all = rows.SelectMany(r => r).ToList();
        if (all.All(v => v is 0 or 1))
        {
            return oneHotAllowed && rows[0].Length > 1 && rows.All(r => r.Sum() == 1) ? ValueKind.OneHot : ValueKind.Binary;
        }

        return all.All(v => v == Math.Round(v) && Math.Abs(v) <= 9) ? ValueKind.Integer : ValueKind.Decimal;
    }
}
