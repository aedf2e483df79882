namespace Nabla.Explain.Checking;

/// <summary>
/// Places each answer line in Nabla's layout, checking its name and shape against the traced
/// step. In the by-unit notation every matrix is the transpose of Nabla's (weights n_out × n_in,
/// Z and A units × examples), so by-unit W1[1,2] is Nabla's W1[2,1].
/// </summary>
public static class AnswerBinder
{
    internal static IReadOnlyList<Answer> Bind(AnswerFile file, IReadOnlyList<StepTrace> steps) =>
        file.Lines.Select(line => Bind(line, steps)).ToList();

    internal static Answer Bind(AnswerLine line, IReadOnlyList<StepTrace> steps)
    {
        if (line.Step > steps.Count)
        {
            throw line.Error($"step {line.Step} was not run (training stopped after {steps.Count})", "check the step directive");
        }

        var trace = steps[line.Step - 1];
        if (!trace.TryGet(line.Name, out var truth))
        {
            var names = trace.Names.Where(n => n is not ("X" or "Y")).ToList();
            string? near = ClosestName.Find(line.Name, names);
            throw line.Error($"there is no quantity \"{line.Name}\" in this network",
                (near is null ? "" : $"did you mean {near}? ") + $"The names are {string.Join(", ", names)}");
        }

        // (r, c): the shape in the line's notation.
        int r = line.ByUnit ? truth.Cols : truth.Rows;
        int c = line.ByUnit ? truth.Rows : truth.Cols;
        string shape = line.ByUnit ? $"{r}×{c} in the by-unit notation" : $"{r}×{c}";
        return line.HasIndex || r * c == 1 && line.Numbers.Count() == 1
            ? new Answer(line, [Element(line, r, c, shape)])
            : new Answer(line, Whole(line, r, c, shape));
    }

    private static AnswerElement Element(AnswerLine line, int r, int c, string shape)
    {
        int i = line.Row ?? 1;
        int j = line.Col ?? 1;
        if (line.Row is not null && line.Col is null && r * c > 1)
        {
            if (r != 1 && c != 1)
            {
                throw line.Error($"{line.Name} is a {shape} matrix, so one index is not enough",
                    $"give row and column, e.g. {line.Name}[{line.Row},1]");
            }

            (i, j) = r == 1 ? (1, line.Row.Value) : (line.Row.Value, 1);
        }

        if (i > r || j > c)
        {
            throw line.Error($"index [{i},{j}] is outside {line.Name}, which is {shape}",
                $"use rows 1–{r} and columns 1–{c}" + (r != c && j <= r && i <= c ? ", or check the notation (by-unit transposes every matrix)" : ""));
        }

        var number = line.Numbers.Single();
        var (row, col) = Place(line, i - 1, j - 1);
        (int, int)? transposed = r == c && r > 1 ? Place(line, j - 1, i - 1) : null;
        return new AnswerElement(row, col, number, Label(line.Name, i, j, r, c), transposed);
    }

    private static List<AnswerElement> Whole(AnswerLine line, int r, int c, string shape)
    {
        int count = line.Numbers.Count();
        var rows = line.Rows;
        if (rows.Count > 1 && (rows.Count != r || rows.Any(row => row.Count != c)))
        {
            bool swapped = rows.Count == c && rows.All(row => row.Count == r);
            throw line.Error($"{line.Name} is {shape}, but the rows written are {string.Join(", ", rows.Select(row => row.Count))} values long",
                swapped
                    ? $"write {r} rows of {c}; to write it {c} × {r}, switch the notation (\"notation = {(line.ByUnit ? "default" : "by-unit")}\")"
                    : $"write {r} rows of {c} values, separated by ';'");
        }

        if (count != r * c)
        {
            throw line.Error($"{line.Name} is {shape} ({r * c} values), but {count} are given",
                $"give all {r * c} values row by row, or one element as {line.Name}[row,col] = value");
        }

        var numbers = line.Numbers.ToList();
        var elements = new List<AnswerElement>(count);
        for (int k = 0; k < count; k++)
        {
            int i = k / c;
            int j = k % c;
            var (row, col) = Place(line, i, j);
            // Read as the transpose (c × r) row by row, value k would be entry [k mod r, k div r] of the quantity.
            (int, int)? transposed = r > 1 && c > 1 ? Place(line, k % r, k / r) : null;
            elements.Add(new AnswerElement(row, col, numbers[k], Label(line.Name, i + 1, j + 1, r, c), transposed));
        }

        return elements;
    }

    /// <summary>From the line's notation (0-based) to Nabla's layout.</summary>
    private static (int Row, int Col) Place(AnswerLine line, int i, int j) => line.ByUnit ? (j, i) : (i, j);

    /// <summary>"loss", "b1[2]", "dW1[2,1]": scalars bare, bias vectors by one index, the rest by two.</summary>
    public static string Label(string name, int i, int j, int r, int c)
    {
        if (r * c == 1)
        {
            return name;
        }

        bool bias = name.StartsWith('b') || name.StartsWith("db", StringComparison.Ordinal);
        return bias && (r == 1 || c == 1) ? $"{name}[{Math.Max(i, j)}]" : $"{name}[{i},{j}]";
    }
}
