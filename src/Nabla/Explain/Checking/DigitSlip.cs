namespace Nabla.Explain.Checking;

/// <summary>
/// A copying slip: the written number and a reference, both written to the same decimals,
/// differ in one digit that is not the last (a last-digit difference is rounding), or in two
/// neighbouring digits swapped (0.4053 for 0.4035).
/// </summary>
internal static class DigitSlip
{
    public static bool Between(WrittenNumber written, double reference)
    {
        if (written.Decimals < 0)
        {
            return false;
        }

        string a = WrittenNumber.Format(written.Value, written.Decimals);
        string b = WrittenNumber.Format(reference, written.Decimals);
        if (a.Length != b.Length || a == b)
        {
            return false;
        }

        var differ = Enumerable.Range(0, a.Length).Where(i => a[i] != b[i]).ToList();
        return differ.Count switch
        {
            1 => differ[0] != a.Length - 1 && char.IsAsciiDigit(a[differ[0]]) && char.IsAsciiDigit(b[differ[0]]),
            2 => differ[1] == differ[0] + 1 && a[differ[0]] == b[differ[1]] && a[differ[1]] == b[differ[0]] &&
                char.IsAsciiDigit(a[differ[0]]) && char.IsAsciiDigit(a[differ[1]]),
            _ => false,
        };
    }
}
