using System.Globalization;
using System.Text;
using Nabla.Tensors;

namespace Nabla.Data;

/// <summary>
/// Reads a CSV file: a header row naming the columns, then one example per line. Every column
/// but the label and the categorical ones (kept as text for <see cref="OneHotEncoding"/>) must hold finite numbers. Quoted cells ("a, b" and "" for a quote) are allowed;
/// blank lines are skipped. Each problem names the file, the line, the column and a fix. A file
/// over <see cref="LimitedFile.MaxCsvBytes"/> is refused, and so is a cell holding a control
/// character (a NUL byte, say), which number parsing would otherwise quietly ignore.
/// </summary>
public static class CsvData
{
    /// <summary>The control characters (U+0000–U+001F, U+007F–U+009F) but the tab.</summary>
    private static readonly System.Buffers.SearchValues<char> Controls = System.Buffers.SearchValues.Create(
        Enumerable.Range(0, 0xA0).Select(c => (char)c).Where(c => char.IsControl(c) && c != '\t').ToArray());

    /// <summary>Reads the CSV file at <paramref name="path"/>: a header row, then one example per line.</summary>
    /// <param name="path">The file.</param>
    /// <param name="label">The name of the label column.</param>
    /// <param name="labelOptional">When the file has no column <paramref name="label"/>, read every column as a feature
    /// (new inputs to predict) instead of failing.</param>
    /// <param name="pathFix">The fix for a file that cannot be read, naming where its path was given (default: the spec's "data").</param>
    /// <param name="emptyAsMissing">Read an empty input cell as missing (NaN, for <see cref="MeanImputation"/>) rather than refuse it.</param>
    /// <param name="categorical">The columns to keep as text, to be one-hot encoded (<see cref="CsvTable.Text"/>); a name the header lacks is passed over.</param>
    /// <param name="detect">Also keep as text every input column with a cell that is not a number (<see cref="CsvTable.Detected"/>).</param>
    public static CsvTable Read(string path, string label, bool labelOptional = false, string? pathFix = null, bool emptyAsMissing = false,
        IReadOnlyCollection<string>? categorical = null, bool detect = false)
    {
        byte[] bytes;
        try
        {
            bytes = LimitedFile.ReadAllBytes(path, LimitedFile.MaxCsvBytes, "CSV file");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            string why = e is FileNotFoundException or DirectoryNotFoundException ? "the file does not exist" : $"cannot read the file ({e.Message})";
            throw new NablaException($"{path}: {why}. Fix: {pathFix ?? "check \"csv\" in the spec's \"data\"; a relative path is read from the spec file's folder"}.");
        }

        return Parse(Lines(bytes), path, label, labelOptional, emptyAsMissing, categorical ?? [], detect);
    }

    /// <summary>Reads CSV text as <see cref="Read"/> reads a file; <paramref name="path"/> names it in messages.</summary>
    public static CsvTable Parse(string text, string path, string label, bool labelOptional = false, IReadOnlyCollection<string>? categorical = null, bool detect = false) =>
        Parse(Lines(Encoding.UTF8.GetBytes(text)), path, label, labelOptional, emptyAsMissing: false, categorical ?? [], detect);

    /// <summary>
    /// CSV text that is not a table of numbers (a class roster, say) as cells: the header, then each non-blank line with its
    /// line number; the delimiter detected from the header, quotes and trimming as <see cref="Read"/> takes them.
    /// </summary>
    public static (string[] Header, IReadOnlyList<(int Line, string[] Cells)> Rows) Cells(string text, string path)
    {
        string[] lines = Lines(Encoding.UTF8.GetBytes(text));
        int headerLine = Array.FindIndex(lines, l => l.Trim().Length > 0);
        if (headerLine < 0)
        {
            throw new NablaException($"{path}: line 1: the file is empty. Fix: write a header line naming the columns, then one row per line.");
        }

        char delimiter = Delimiter(lines[headerLine]);
        var rows = new List<(int, string[])>();
        for (int l = headerLine + 1; l < lines.Length; l++)
        {
            if (lines[l].Trim().Length > 0)
            {
                rows.Add((l + 1, Split(lines[l], path, l + 1, delimiter)));
            }
        }

        return (Split(lines[headerLine], path, headerLine + 1, delimiter), rows);
    }

    /// <summary>The lines of the text (split at \n, \r\n or \r), decoded as its byte order mark says (UTF-8 without one).</summary>
    private static string[] Lines(byte[] bytes)
    {
        using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            lines.Add(line);
        }

        return [.. lines];
    }

    private static CsvTable Parse(string[] lines, string path, string label, bool labelOptional, bool emptyAsMissing, IReadOnlyCollection<string> categorical, bool detect)
    {
        int headerLine = Array.FindIndex(lines, l => l.Trim().Length > 0);
        if (headerLine < 0)
        {
            throw new NablaException($"{path}: line 1: the file is empty. Fix: write a header line naming the columns, then one example per line.");
        }

        char delimiter = Delimiter(lines[headerLine]);
        string[] header = Split(lines[headerLine], path, headerLine + 1, delimiter);
        int labelColumn = FindLabel(header, label, labelOptional, path, headerLine + 1);
        int width = header.Length - (labelColumn >= 0 ? 1 : 0);
        var rows = new List<string[]>();
        var lineOf = new List<int>();
        for (int l = headerLine + 1; l < lines.Length; l++)
        {
            if (lines[l].Trim().Length == 0)
            {
                continue;
            }

            int line = l + 1;
            string[] cells = Split(lines[l], path, line, delimiter);
            if (cells.Length != header.Length)
            {
                string which = cells.Length < header.Length
                    ? $"column {cells.Length + 1} \"{header[cells.Length]}\" and after are missing"
                    : $"column {header.Length + 1} has no header";
                throw new NablaException($"{path}: line {line} has {cells.Length} values but the header has {header.Length} columns ({which}). " +
                    $"Fix: give every line {header.Length} {NameOf(delimiter)}-separated values, one per header column.");
            }

            rows.Add(cells);
            lineOf.Add(line);
        }

        if (rows.Count == 0)
        {
            throw new NablaException($"{path}: line {headerLine + 1} is the header, but no example follows it. Fix: add one example per line after the header.");
        }

        var (text, detected) = TextColumns(header, labelColumn, rows, lineOf, categorical, detect, path);
        var x = new Matrix<double>(rows.Count, width);
        var labels = new List<string>();
        for (int i = 0; i < rows.Count; i++)
        {
            string[] cells = rows[i];
            for (int c = 0, k = 0; c < cells.Length; c++)
            {
                if (c == labelColumn)
                {
                    CheckLabel(cells[c], path, lineOf[i], c, header[c]);
                    labels.Add(cells[c]);
                    continue;
                }

                x[i, k++] = text.ContainsKey(header[c]) ? double.NaN // (one-hot encoded later)
                    : emptyAsMissing && cells[c].Length == 0 ? double.NaN : Number(cells[c], path, lineOf[i], c, header[c]);
            }
        }

        return new CsvTable(path, header, labelColumn, x, labels) { Delimiter = delimiter, Text = text, Detected = detected, Lines = lineOf };
    }

    /// <summary>
    /// The cells of the categorical input columns: those listed, and (when detecting) those with a cell that is not a number.
    /// An empty cell is refused, naming it: a missing category is not a category, and no mean can stand for it.
    /// </summary>
    private static (Dictionary<string, string[]> Text, List<(string, int, string)> Detected) TextColumns(
        string[] header, int labelColumn, List<string[]> rows, List<int> lineOf, IReadOnlyCollection<string> categorical, bool detect, string path)
    {
        var text = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var detected = new List<(string, int, string)>();
        for (int c = 0; c < header.Length; c++)
        {
            if (c == labelColumn)
            {
                continue;
            }

            bool listed = categorical.Contains(header[c]);
            int first = listed || !detect ? -1
                : rows.FindIndex(r => r[c].Length > 0 && !double.TryParse(r[c], NumberStyles.Float, CultureInfo.InvariantCulture, out _));
            if (!listed && first < 0)
            {
                continue;
            }

            if (first >= 0)
            {
                detected.Add((header[c], lineOf[first], rows[first][c]));
            }

            var cells = new string[rows.Count];
            for (int i = 0; i < rows.Count; i++)
            {
                cells[i] = rows[i][c].Length > 0 ? rows[i][c]
                    : throw new NablaException($"{path}: line {lineOf[i]}, column {c + 1} \"{header[c]}\" (categorical): the cell is empty. " +
                        "Fix: fill in its category (write one of its own, such as \"unknown\", when the value is not known), or remove the line; \"missing\": \"mean\" fills numeric columns only.");
            }

            text[header[c]] = cells;
        }

        return (text, detected);
    }

    private static int FindLabel(string[] header, string label, bool optional, string path, int line)
    {
        for (int c = 0; c < header.Length; c++)
        {
            if (header[c].Length == 0)
            {
                throw new NablaException($"{path}: line {line}, column {c + 1}: the header cell is empty. Fix: give every column a name.");
            }

            int first = Array.IndexOf(header, header[c]);
            if (first < c)
            {
                throw new NablaException($"{path}: line {line}, column {c + 1} \"{header[c]}\": column {first + 1} has the same name. Fix: give each column its own name.");
            }
        }

        int found = Array.IndexOf(header, label);
        if (found >= 0 || optional)
        {
            return found;
        }

        string? near = header.FirstOrDefault(h => string.Equals(h, label, StringComparison.OrdinalIgnoreCase));
        string hint = near is null ? "" : $" (did you mean \"{near}\"?)";
        throw new NablaException($"{path}: line {line} (the header) has no column \"{label}\"{hint}; the columns are " +
            $"{string.Join(", ", header.Select((h, i) => $"{i + 1} \"{h}\""))}. Fix: set \"label\" in the spec's \"data\" to the name of the column to predict.");
    }

    private static double Number(string cell, string path, int line, int c, string name)
    {
        string at = $"{path}: line {line}, column {c + 1} \"{name}\"";
        if (cell.Length == 0)
        {
            throw new NablaException($"{at}: the cell is empty. Fix: fill in the value, remove the line, or add \"missing\": \"mean\" to the spec's \"data\" to fill empty inputs with the training part's column mean.");
        }

        if (!double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out double v))
        {
            throw new NablaException($"{at}: \"{cell}\" is not a number. Fix: write a number such as 1.5 (a dot for decimals, no thousands separator), or remove the line.");
        }

        return double.IsFinite(v)
            ? v
            : throw new NablaException($"{at}: \"{cell}\" is not a finite number (a missing or infinite value cannot be learned from). Fix: fill in a real value, or remove the line.");
    }

    private static void CheckLabel(string cell, string path, int line, int c, string name)
    {
        string at = $"{path}: line {line}, column {c + 1} \"{name}\" (the label)";
        if (cell.Length == 0)
        {
            throw new NablaException($"{at}: the cell is empty. Fix: give every example its label, or remove the line.");
        }

        if (double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && !double.IsFinite(v))
        {
            throw new NablaException($"{at}: \"{cell}\" is not a finite number. Fix: give a real label, or remove the line.");
        }
    }

    /// <summary>
    /// The delimiter of the file, from its header line: whichever of comma, semicolon and tab occurs most often
    /// outside quotes (a comma when none does, or on a tie with it).
    /// </summary>
    public static char Delimiter(string header)
    {
        int commas = 0, semicolons = 0, tabs = 0;
        bool quoted = false;
        foreach (char c in header)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted)
            {
                commas += c == ',' ? 1 : 0;
                semicolons += c == ';' ? 1 : 0;
                tabs += c == '\t' ? 1 : 0;
            }
        }

        return semicolons > commas && semicolons >= tabs ? ';' : tabs > commas && tabs > semicolons ? '\t' : ',';
    }

    /// <summary>"comma", "semicolon" or "tab".</summary>
    public static string NameOf(char delimiter) => delimiter switch { ';' => "semicolon", '\t' => "tab", _ => "comma" };

    /// <summary>The cells of one line: split at the delimiter outside quotes, each trimmed; "" inside quotes is a quote.</summary>
    private static string[] Split(string text, string path, int line, char delimiter)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        int i = 0;
        while (true)
        {
            while (i < text.Length && text[i] is ' ' or '\t' && text[i] != delimiter)
            {
                i++;
            }

            if (i < text.Length && text[i] == '"')
            {
                int start = i++;
                while (true)
                {
                    if (i >= text.Length)
                    {
                        throw new NablaException($"{path}: line {line}, column {cells.Count + 1}: the quote opened at character {start + 1} is never closed. Fix: close it with \", and write a quote inside a cell as \"\".");
                    }

                    if (text[i] == '"' && i + 1 < text.Length && text[i + 1] == '"')
                    {
                        cell.Append('"');
                        i += 2;
                    }
                    else if (text[i] == '"')
                    {
                        i++;
                        break;
                    }
                    else
                    {
                        cell.Append(text[i++]);
                    }
                }

                while (i < text.Length && text[i] != delimiter)
                {
                    i++; // spaces after the closing quote
                }
            }
            else
            {
                while (i < text.Length && text[i] != delimiter)
                {
                    cell.Append(text[i++]);
                }
            }

            string value = cell.ToString().Trim();
            int control = value.AsSpan().IndexOfAny(Controls);
            if (control >= 0)
            {
                throw new NablaException($"{path}: line {line}, column {cells.Count + 1}: the cell holds the control character U+{(int)value[control]:X4}, " +
                    "which no number or label contains. Fix: remove it; if the file is not plain text, export it again as CSV (UTF-8).");
            }

            cells.Add(value);
            cell.Clear();
            if (i >= text.Length)
            {
                return cells.ToArray();
            }

            i++; // the delimiter
        }
    }
}
