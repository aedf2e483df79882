namespace Nabla.Data;

/// <summary>
/// Reads a file without trusting its size: at most a fixed number of bytes is read, so a huge
/// file or an endless device (/dev/zero) is refused with a message instead of filling memory.
/// </summary>
public static class LimitedFile
{
    /// <summary>The most a spec or model file may hold: 64 MiB.</summary>
    public const long MaxSpecBytes = 64L << 20;

    /// <summary>The most a CSV data file may hold: 512 MiB.</summary>
    public const long MaxCsvBytes = 512L << 20;

    /// <summary>
    /// The bytes of <paramref name="path"/>, or a <see cref="NablaException"/> naming <paramref name="what"/>
    /// when it holds more than <paramref name="limit"/> bytes. IO errors propagate.
    /// </summary>
    public static byte[] ReadAllBytes(string path, long limit, string what)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        using var buffer = new MemoryStream();
        var chunk = new byte[1 << 16];
        while (true)
        {
            int read = stream.Read(chunk, 0, chunk.Length);
            if (read == 0)
            {
                return buffer.ToArray();
            }

            if (buffer.Length + read > limit)
            {
                throw new NablaException($"{path}: the {what} is larger than {Size(limit)}, the most nabla reads. " +
                    $"Fix: check the path; a {what} this large is not one nabla can use.");
            }

            buffer.Write(chunk, 0, read);
        }
    }

    /// <summary>A byte count for people: 64 MiB, 1.5 GiB, 12 KiB, 300 bytes.</summary>
    public static string Size(double bytes)
    {
        string[] units = ["bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];
        int u = 0;
        while (bytes >= 1024 && u < units.Length - 1)
        {
            bytes /= 1024;
            u++;
        }

        return u == 0 ? FormattableString.Invariant($"{bytes:0} bytes") : FormattableString.Invariant($"{bytes:0.#} {units[u]}");
    }
}
