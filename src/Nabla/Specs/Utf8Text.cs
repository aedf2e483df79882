using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Nabla.Specs;

/// <summary>Checks that a file's bytes are UTF-8 text before they are parsed, and skips a byte order mark.</summary>
internal static class Utf8Text
{
    /// <summary>The bytes after a leading UTF-8 byte order mark (EF BB BF), or all of them when there is none.</summary>
    public static byte[] WithoutByteOrderMark(byte[] utf8) =>
        utf8.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? utf8[Encoding.UTF8.Preamble.Length..] : utf8;

    /// <summary>Throws a <see cref="SpecException"/> at the first byte that is not part of valid UTF-8.</summary>
    public static void Check(byte[] utf8, string file)
    {
        if (Utf8.IsValid(utf8))
        {
            return;
        }

        var chars = new char[4096];
        int at = 0;
        while (true)
        {
            var status = Utf8.ToUtf16(utf8.AsSpan(at), chars, out int read, out _, replaceInvalidSequences: false);
            at += read;
            if (status != OperationStatus.DestinationTooSmall)
            {
                break;
            }
        }

        at = Math.Min(at, utf8.Length - 1);
        int lineStart = utf8.AsSpan(0, at).LastIndexOf((byte)'\n') + 1;
        int line = utf8.AsSpan(0, lineStart).Count((byte)'\n') + 1;
        int column = Encoding.UTF8.GetCharCount(utf8, lineStart, at - lineStart) + 1;
        throw new SpecException(file, "", line, column, $"the byte 0x{utf8[at]:X2} is not UTF-8 text",
            "save the file as UTF-8 (most editors offer it under \"Save with encoding\")");
    }
}
