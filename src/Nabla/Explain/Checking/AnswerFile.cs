using System.Globalization;
using System.Text.RegularExpressions;

namespace Nabla.Explain.Checking;

/// <summary>
/// A learner's own values, one quantity per line, under the names of the explanation contract:
/// <code>
/// A2 = 0.752, 0.770, 0.762, 0.778     # a whole quantity, row-major
/// W1 = 0.2, 0.3; 0.4, 0.5              # rows separated by ';'
/// dW2[2,1] = 0.0883                    # one element, [row,col] from 1 ([k] for a vector)
/// loss = 0.090
/// notation = by-unit                   # the following lines use the W·x layout (transposed)
/// step = 2                             # the following lines are about step 2
/// </code>
/// ':' may stand for '='. '#' starts a comment. A name with nothing after '=' (or only '?' or '_', as a blank answer
/// template leaves it: <c>A2 =</c>, <c>A2 = ?</c>, <c>A2 = ___</c>) is left blank: not yet answered, not an error. Parsing checks the syntax only; <see cref="AnswerBinder"/> checks the
/// names and shapes against the network.
/// </summary>
public sealed partial class AnswerFile
{
    private AnswerFile(string file, IReadOnlyList<AnswerLine> lines, IReadOnlyList<string> blanks)
    {
        File = file;
        Lines = lines;
        Blanks = blanks;
    }

    internal string File { get; }

    internal IReadOnlyList<AnswerLine> Lines { get; }

    /// <summary>The quantities left blank (<c>A2 =</c>, <c>A2 = ?</c>, <c>A2 = ___</c>), as written before the '=', in the file's order.</summary>
    public IReadOnlyList<string> Blanks { get; }

    /// <summary>The last step any line is about (1 when no <c>step</c> directive is used).</summary>
    public int LastStep => Lines.Count == 0 ? 1 : Lines.Max(l => l.Step);

    /// <summary>The most an answer file may hold: 16 MiB, some 500,000 lines (a class's worth is a few KiB).</summary>
    public const long MaxBytes = 16L << 20;

    /// <summary>Reads the answer file at <paramref name="path"/> (UTF-8, at most <see cref="MaxBytes"/>) and parses it as <see cref="Parse"/> does.</summary>
    /// <exception cref="NablaException">When the file cannot be read, is too large, or a line is not of the form NAME = VALUES.</exception>
    public static AnswerFile Read(string path)
    {
        string text;
        try
        {
            byte[] bytes = Data.LimitedFile.ReadAllBytes(path, MaxBytes, "answer file");
            using var reader = new StreamReader(new MemoryStream(bytes), System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            text = reader.ReadToEnd();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new NablaException($"{path}: cannot read the answer file ({e.Message}). Fix: check the path.");
        }

        return Parse(text, path);
    }

    /// <summary>The answers in <paramref name="text"/>, one quantity per line; only the syntax is checked here.</summary>
    /// <param name="text">The answers, in the format described on <see cref="AnswerFile"/>.</param>
    /// <param name="file">The name that error messages give with the line number.</param>
    /// <exception cref="NablaException">When a line is not of the form NAME = VALUES, or a value or directive cannot be read.</exception>
    public static AnswerFile Parse(string text, string file = "<answers>")
    {
        var lines = new List<AnswerLine>();
        var blanks = new List<string>();
        bool byUnit = false;
        int step = 1;
        string[] raw = text.Replace("\r\n", "\n").Split('\n');
        for (int i = 0; i < raw.Length; i++)
        {
            int number = i + 1;
            string content = StripComment(raw[i]).Trim();
            if (content.Length == 0)
            {
                continue;
            }

            var probe = new AnswerLine(file, number, "", null, null, [], byUnit, step);
            int equals = content.IndexOf('=');
            int colon = content.IndexOf(':');
            int split = equals >= 0 ? equals : colon;
            if (split < 0)
            {
                throw probe.Error($"\"{content}\" is not of the form NAME = VALUES", "write e.g. \"A2 = 0.752, 0.770\" or \"dW1[1,2] = 0.0883\"");
            }

            string left = content[..split].Trim();
            string right = content[(split + 1)..].Trim();
            switch (left.ToLowerInvariant())
            {
                case "notation":
                    byUnit = ReadNotation(right, probe);
                    continue;
                case "step":
                    step = ReadStep(right, probe);
                    continue;
            }

            if (Blank().IsMatch(right) && Target().IsMatch(left))
            {
                blanks.Add(left);
                continue;
            }

            lines.Add(ReadQuantity(left, right, probe));
        }

        return new AnswerFile(file, lines, blanks);
    }

    private static AnswerLine ReadQuantity(string left, string right, AnswerLine probe)
    {
        var target = Target().Match(left);
        if (!target.Success)
        {
            throw probe.Error($"\"{left}\" is not a quantity name with an optional index",
                "write a name such as A2, dW1 or W1_next, and an element as dW1[2,1] (row, column from 1)");
        }

        string name = target.Groups["name"].Value;
        int? row = target.Groups["row"].Success ? Index(target.Groups["row"].Value, probe) : null;
        int? col = target.Groups["col"].Success ? Index(target.Groups["col"].Value, probe) : null;
        probe = probe with { Name = name };
        var rows = new List<IReadOnlyList<WrittenNumber>>();
        foreach (string part in right.Split(';'))
        {
            var values = new List<WrittenNumber>();
            foreach (string token in Separators().Split(part.Trim()).Where(t => t.Length > 0))
            {
                if (!WrittenNumber.TryParse(token, out var value))
                {
                    throw probe.Error($"\"{token}\" is not a number",
                        "write plain decimals such as 0.752, -0.23 or 1.2e-3, separated by commas (rows by ';')");
                }

                values.Add(value);
            }

            if (values.Count == 0)
            {
                throw probe.Error($"an empty row in \"{right}\"", "remove the extra ';' or ','");
            }

            rows.Add(values);
        }

        if (row is not null && rows.Sum(r => r.Count) != 1)
        {
            throw probe.Error($"{left} names one element but {rows.Sum(r => r.Count)} values follow",
                $"give one value for {left}, or drop the index to give the whole {name}");
        }

        return probe with { Row = row, Col = col, Rows = rows };
    }

    private static int Index(string text, AnswerLine probe) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int i) && i >= 1
            ? i
            : throw probe.Error($"index {text} is out of range", "indices count from 1");

    private static bool ReadNotation(string value, AnswerLine probe) => value.Trim().ToLowerInvariant() switch
    {
        "by-unit" or "by_unit" or "byunit" or "by unit" => true,
        "default" or "nabla" or "by-example" or "by_example" => false,
        _ => throw probe.Error($"unknown notation \"{value}\"",
            "write \"notation = by-unit\" (weights n_out × n_in, Z and A units × examples, as in W·x) or \"notation = default\""),
    };

    private static int ReadStep(string value, AnswerLine probe) =>
        int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int step) && step >= 1
            ? step <= Explainer.MaxSteps
                ? step
                : throw probe.Error($"step {value.Trim()} is beyond the {Explainer.MaxSteps} steps a check can follow", $"check steps 1 to {Explainer.MaxSteps}")
            : throw probe.Error($"\"{value}\" is not a step number", "write \"step = 1\" (steps count from 1)");

    private static string StripComment(string line)
    {
        int hash = line.IndexOf('#');
        return hash >= 0 ? line[..hash] : line;
    }

    [GeneratedRegex(@"^(?<name>[\p{L}_][\p{L}\p{N}_]*)\s*(\[\s*(?<row>[^,\]\s]+)\s*(,\s*(?<col>[^,\]\s]+)\s*)?\])?$")]
    private static partial Regex Target();

    /// <summary>What is after the '=' of a quantity left blank: nothing, or only '?' and '_'.</summary>
    [GeneratedRegex(@"^[?_\s]*$")]
    private static partial Regex Blank();

    [GeneratedRegex(@"[,\s]+")]
    private static partial Regex Separators();
}
