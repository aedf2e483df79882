using System.Text;

namespace Nabla.Tests.Specs;

/// <summary>
/// Seeded mutations of a valid file, for fuzzing the readers: bit flips, truncation, deleted
/// bytes, inserted tokens (huge numbers, NaN, lone surrogates, brackets, NUL, a byte order mark),
/// raw bytes that are not UTF-8, duplicated lines (a key or a row given twice) and numbers
/// replaced by extreme ones. The same seed always gives the same mutant.
/// </summary>
internal static class Mutator
{
    private static readonly string[] Tokens =
    [
        "1e400", "-1e400", "1e308", "-1.7976931348623157e308", "4.9e-324", "1e-400", "99999999999999999999", "2147483648",
        "1000000000", "-1", "0", "-0", "NaN", "Infinity", "\"NaN\"", "\"Infinity\"", "\"\\ud800\"", "\"\\udc00x\"", "\\u0000",
        "null", "true", "[]", "{}", "\"\"", "\"many\"", ",", ":", "\"", "\\", "[", "]", "{", "}", "\0", "\uFEFF", "é",
        "0.1\0", "//", "/*", "\n", "\r", "\t", ";", "=", "#", "[1,1]", "\"units\": 7,", "\"x\": 1,",
    ];

    private static readonly string[] Numbers = ["1e400", "1e308", "-1e308", "99999999999", "2147483647", "1000000000", "0", "-5", "1.5", "NaN", "1e-320"];

    private static readonly byte[][] RawBytes = [[0xFF], [0xC3], [0xC3, 0x28], [0xEF, 0xBB, 0xBF], [0xED, 0xA0, 0x80], [0x00], [0xF4, 0x90, 0x80, 0x80]];

    public static byte[] Mutate(byte[] input, int seed)
    {
        var random = new Random(seed);
        var b = new List<byte>(input);
        int count = random.Next(1, 5);
        for (int n = 0; n < count; n++)
        {
            int at = random.Next(b.Count + 1);
            switch (random.Next(8))
            {
                case 0 when b.Count > 0:
                    b[Math.Min(at, b.Count - 1)] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    b.RemoveRange(at, b.Count - at);
                    break;
                case 2:
                    b.RemoveRange(at, Math.Min(random.Next(1, 9), b.Count - at));
                    break;
                case 3:
                    b.InsertRange(at, Encoding.UTF8.GetBytes(Tokens[random.Next(Tokens.Length)]));
                    break;
                case 4:
                    b.InsertRange(at, RawBytes[random.Next(RawBytes.Length)]);
                    break;
                case 5:
                    DuplicateLine(b, at);
                    break;
                default:
                    ReplaceNumber(b, at, Numbers[random.Next(Numbers.Length)]);
                    break;
            }
        }

        return [.. b];
    }

    /// <summary>The input as a C# string literal's contents, to reproduce a failure.</summary>
    public static string Show(byte[] input) =>
        string.Concat(input.Select(c => c is >= 0x20 and < 0x7F and not (byte)'"' and not (byte)'\\' ? ((char)c).ToString() : $"\\x{c:X2}"));

    private static void DuplicateLine(List<byte> b, int at)
    {
        int start = Math.Min(at, b.Count);
        while (start > 0 && b[start - 1] != '\n')
        {
            start--;
        }

        int end = Math.Min(at, b.Count);
        while (end < b.Count && b[end++] != '\n')
        {
        }

        b.InsertRange(end, b.GetRange(start, end - start));
    }

    private static void ReplaceNumber(List<byte> b, int at, string number)
    {
        int start = b.FindIndex(Math.Min(at, b.Count), c => c is >= (byte)'0' and <= (byte)'9');
        if (start < 0)
        {
            return;
        }

        int end = start;
        while (end < b.Count && (b[end] is >= (byte)'0' and <= (byte)'9' or (byte)'.' or (byte)'e' or (byte)'E' or (byte)'+' or (byte)'-'))
        {
            end++;
        }

        b.RemoveRange(start, end - start);
        b.InsertRange(start, Encoding.UTF8.GetBytes(number));
    }
}
