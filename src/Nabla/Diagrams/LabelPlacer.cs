namespace Nabla.Diagrams;

/// <summary>
/// Places edge labels one by one where they overlap neither a node nor an earlier label, and
/// cross no other edge (a label on a crossing would read as either edge's): each label sits on
/// its edge, at the first free spot of a list of positions along it, or the least bad one.
/// </summary>
internal sealed class LabelPlacer
{
    private readonly List<(double X0, double Y0, double X1, double Y1)> taken = [];

    private readonly List<(double X1, double Y1, double X2, double Y2)> edges = [];

    /// <summary>An edge that other edges' labels should not sit on.</summary>
    public void Edge(double x1, double y1, double x2, double y2) => edges.Add((x1, y1, x2, y2));

    /// <summary>Keeps labels off a circle (taken as its square).</summary>
    public void Block(double cx, double cy, double r) => taken.Add((cx - r, cy - r, cx + r, cy + r));

    /// <summary>How many boxes are taken: a mark to go back to with <see cref="Release"/>.</summary>
    public int Taken => taken.Count;

    /// <summary>Frees the labels placed since <paramref name="mark"/> (a <see cref="Taken"/> count).</summary>
    public void Release(int mark) => taken.RemoveRange(mark, taken.Count - mark);

    /// <summary>
    /// The box of the label on the segment (x1, y1)–(x2, y2), tried first at the fraction
    /// <paramref name="preferred"/> of its length, then ever further from it; <c>Clear</c> when
    /// it overlaps no node or earlier label and crosses no other edge, so it can be read as this edge's.
    /// </summary>
    public (double X, double Y, double Width, double Height, bool Clear) Place(double x1, double y1, double x2, double y2, string text, double fontSize, double preferred)
    {
        double halfWidth = (TextWidth(text, fontSize) / 2) + Gap, halfHeight = (fontSize / 2) + 1;
        var best = (X0: 0.0, Y0: 0.0, X1: 0.0, Y1: 0.0);
        double bestCover = double.PositiveInfinity;
        foreach (double t in Positions(preferred))
        {
            double cx = x1 + ((x2 - x1) * t), cy = y1 + ((y2 - y1) * t);
            var box = (X0: cx - halfWidth, Y0: cy - halfHeight, X1: cx + halfWidth, Y1: cy + halfHeight);
            double cover = (1000 * taken.Sum(b => Overlap(b, box)))
                + edges.Count(e => e != (x1, y1, x2, y2) && Crosses(e, box));
            if (cover < bestCover)
            {
                (best, bestCover) = (box, cover);
            }

            if (cover == 0)
            {
                break;
            }
        }

        taken.Add(best);
        return (best.X0, best.Y0, best.X1 - best.X0, best.Y1 - best.Y0, bestCover == 0);
    }

    /// <summary>Room (pixels) kept clear each side of a label's text, so its first and last glyph never meet the line.</summary>
    public const double Gap = 3;

    /// <summary>About how wide a number is in a serif font, erring wide: digits half an em, a minus sign more, points less.</summary>
    public static double TextWidth(string text, double fontSize) =>
        text.Sum(c => c switch { '.' or ',' => 0.28, '-' => 0.36, '−' => 0.6, _ => 0.52 }) * fontSize;

    /// <summary>The preferred fraction, then steps of 0.07 either side of it, within [0.12, 0.85].</summary>
    private static IEnumerable<double> Positions(double preferred)
    {
        for (int k = 0; k <= 22; k++)
        {
            double t = preferred + ((k % 2 == 0 ? 1 : -1) * ((k + 1) / 2) * 0.07);
            if (t is >= 0.12 and <= 0.85)
            {
                yield return t;
            }
        }
    }

    /// <summary>Whether the segment passes through the box (Liang–Barsky clipping).</summary>
    private static bool Crosses((double X1, double Y1, double X2, double Y2) e, (double X0, double Y0, double X1, double Y1) box)
    {
        double dx = e.X2 - e.X1, dy = e.Y2 - e.Y1, enter = 0, leave = 1;
        foreach (var (p, q) in new[] { (-dx, e.X1 - box.X0), (dx, box.X1 - e.X1), (-dy, e.Y1 - box.Y0), (dy, box.Y1 - e.Y1) })
        {
            if (p == 0)
            {
                if (q < 0)
                {
                    return false;
                }
            }
            else if (p < 0)
            {
                enter = Math.Max(enter, q / p);
            }
            else
            {
                leave = Math.Min(leave, q / p);
            }
        }

        return enter < leave;
    }

    private static double Overlap((double X0, double Y0, double X1, double Y1) a, (double X0, double Y0, double X1, double Y1) b) =>
        Math.Max(0, Math.Min(a.X1, b.X1) - Math.Max(a.X0, b.X0)) * Math.Max(0, Math.Min(a.Y1, b.Y1) - Math.Max(a.Y0, b.Y0));
}
