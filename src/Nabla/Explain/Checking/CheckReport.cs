namespace Nabla.Explain.Checking;

/// <summary>
/// What <c>nabla check</c> found: every written value, right or wrong, and for each root error
/// (a wrong value whose own step went wrong) the later values that inherited it.
/// </summary>
public sealed class CheckReport(string specFile, string answerFile, IReadOnlyList<CheckedValue> values)
{
    internal string SpecFile { get; } = specFile;

    internal string AnswerFile { get; } = answerFile;

    /// <summary>In the order of the answer file.</summary>
    public IReadOnlyList<CheckedValue> Values { get; } = values;

    /// <summary>The quantities the answer file left blank (not marked).</summary>
    public IReadOnlyList<string> Blanks { get; init; } = [];

    internal int RightCount => Values.Count(v => v.Right);

    internal int WrongCount => Values.Count(v => !v.Right);

    /// <summary>The wrong values whose own step went wrong (not merely inherited), in the order of the answer file.</summary>
    public IReadOnlyList<CheckedValue> RootErrors => Values.Where(v => v.IsRootError).ToList();

    internal int InheritedCount => Values.Count(v => !v.Right && v.IsInherited);

    /// <summary>True when every value is right.</summary>
    public bool AllRight => WrongCount == 0;

    /// <summary>The values that inherited a root error, directly or through other inherited values.</summary>
    public IReadOnlyList<CheckedValue> Inheritors(CheckedValue root)
    {
        heirs ??= DirectHeirs(Values);
        var found = new List<CheckedValue>();
        var seen = new HashSet<CheckedValue>();
        var frontier = new Queue<CheckedValue>([root]);
        while (frontier.TryDequeue(out var v))
        {
            foreach (var heir in heirs.TryGetValue(v, out var direct) ? direct : [])
            {
                if (seen.Add(heir))
                {
                    found.Add(heir);
                    frontier.Enqueue(heir);
                }
            }
        }

        return found;
    }

    private Dictionary<CheckedValue, List<CheckedValue>>? heirs;

    /// <summary>For each value, the values that inherited it directly, in the answer file's order.</summary>
    private static Dictionary<CheckedValue, List<CheckedValue>> DirectHeirs(IReadOnlyList<CheckedValue> values)
    {
        var map = new Dictionary<CheckedValue, List<CheckedValue>>();
        foreach (var h in values)
        {
            foreach (var from in h.InheritedFrom)
            {
                if (!map.TryGetValue(from, out var list))
                {
                    map[from] = list = [];
                }

                list.Add(h);
            }
        }

        return map;
    }

    /// <summary>"12 right, 3 wrong (2 root errors, 1 inherited)", and "; 4 left blank" when some were.</summary>
    public string Summary
    {
        get
        {
            string head = $"{RightCount} right, {WrongCount} wrong";
            string blank = Blanks.Count == 0 ? "" : $"; {Blanks.Count} left blank";
            if (WrongCount == 0)
            {
                return head + blank;
            }

            int roots = RootErrors.Count;
            return $"{head} ({roots} root error{(roots == 1 ? "" : "s")}, {InheritedCount} inherited){blank}";
        }
    }
}
