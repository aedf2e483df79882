using System.Globalization;
using System.Text;

namespace Nabla.Explain.Rendering;

/// <summary>
/// A rectangle of text for 2-D math layout: lines of equal display width and a baseline row,
/// the row that lines up with neighbours (the fraction bar, a matrix's middle row).
/// </summary>
internal sealed class TextBox
{
    private TextBox(IReadOnlyList<string> lines, int width, int baseline)
    {
        Lines = lines;
        Width = width;
        Baseline = baseline;
    }

    /// <summary>Every line, padded with spaces to <see cref="Width"/>.</summary>
    public IReadOnlyList<string> Lines { get; }

    public int Width { get; }

    public int Height => Lines.Count;

    public int Baseline { get; }

    /// <summary>Display columns: one per text element, so combining accents (y + U+0302) take none.</summary>
    public static int WidthOf(string text) => new StringInfo(text).LengthInTextElements;

    public static string PadRight(string text, int width) => text + new string(' ', Math.Max(0, width - WidthOf(text)));

    public static string PadLeft(string text, int width) => new string(' ', Math.Max(0, width - WidthOf(text))) + text;

    public static string Centre(string text, int width)
    {
        int left = Math.Max(0, width - WidthOf(text)) / 2;
        return PadRight(new string(' ', left) + text, width);
    }

    /// <summary>One line of text with its baseline on that line.</summary>
    public static TextBox Line(string text) => new([text], WidthOf(text), 0);

    /// <summary>Lines as given (padded to the widest), with the given baseline row.</summary>
    public static TextBox Of(IReadOnlyList<string> lines, int baseline)
    {
        int width = lines.Count == 0 ? 0 : lines.Max(WidthOf);
        return new TextBox(lines.Select(line => PadRight(line, width)).ToList(), width, baseline);
    }

    /// <summary>Boxes side by side, baselines on one row.</summary>
    public static TextBox Beside(IReadOnlyList<TextBox> boxes)
    {
        if (boxes.Count == 0)
        {
            return Line("");
        }

        int above = boxes.Max(b => b.Baseline);
        int below = boxes.Max(b => b.Height - b.Baseline - 1);
        var lines = new List<string>();
        for (int row = 0; row < above + below + 1; row++)
        {
            var line = new StringBuilder();
            foreach (TextBox box in boxes)
            {
                int inner = row - (above - box.Baseline);
                line.Append(inner >= 0 && inner < box.Height ? box.Lines[inner] : new string(' ', box.Width));
            }

            lines.Add(line.ToString());
        }

        return new TextBox(lines, boxes.Sum(b => b.Width), above);
    }

    /// <summary>Boxes one above the other, each centred; the baseline is the given row of the result.</summary>
    public static TextBox Stack(IReadOnlyList<TextBox> boxes, int baseline)
    {
        int width = boxes.Max(b => b.Width);
        var lines = boxes.SelectMany(b => b.Lines.Select(line => Centre(line, width))).ToList();
        return new TextBox(lines, width, baseline);
    }

    /// <summary>The box padded with spaces on the right to at least the given width.</summary>
    public TextBox Widen(int width) => width <= Width ? this : new TextBox(Lines.Select(line => PadRight(line, width)).ToList(), width, Baseline);

    /// <summary>The box with a column of characters on each side, one per row (brackets).</summary>
    public TextBox Between(IReadOnlyList<string> left, IReadOnlyList<string> right)
    {
        var lines = Lines.Select((line, row) => left[row] + line + right[row]).ToList();
        return Of(lines, Baseline);
    }

    /// <summary>The lines with trailing spaces removed, each prefixed by the indent.</summary>
    public IEnumerable<string> Render(string indent) => Lines.Select(line => (indent + line).TrimEnd());
}
