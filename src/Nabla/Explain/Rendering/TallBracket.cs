namespace Nabla.Explain.Rendering;

/// <summary>Brackets drawn over several rows with the Unicode bracket pieces: ⎡ ⎢ ⎣, ⎛ ⎜ ⎝, ⎧ ⎨ ⎩.</summary>
internal static class TallBracket
{
    /// <summary>The bracket as one string per row; an unknown bracket sits on the baseline row only.</summary>
    public static IReadOnlyList<string> Column(string bracket, int height, int baseline)
    {
        (string Top, string Middle, string Bottom, string Centre)? pieces = bracket switch
        {
            "(" => ("⎛", "⎜", "⎝", "⎜"),
            ")" => ("⎞", "⎟", "⎠", "⎟"),
            "[" => ("⎡", "⎢", "⎣", "⎢"),
            "]" => ("⎤", "⎥", "⎦", "⎥"),
            "{" => ("⎧", "⎪", "⎩", "⎨"),
            "}" => ("⎫", "⎪", "⎭", "⎬"),
            "|" => ("│", "│", "│", "│"),
            "‖" => ("‖", "‖", "‖", "‖"),
            _ => null,
        };

        var column = new string[height];
        for (int row = 0; row < height; row++)
        {
            column[row] = pieces switch
            {
                null => row == baseline ? bracket : new string(' ', TextBox.WidthOf(bracket)),
                var (top, _, _, _) when row == 0 => top,
                var (_, _, bottom, _) when row == height - 1 => bottom,
                var (_, _, _, centre) when row == height / 2 => centre,
                var (_, middle, _, _) => middle,
            };
        }

        return column;
    }
}
