using Nabla.Tensors;

namespace Nabla.Data;

/// <summary>A categorical input column and its categories, in the order of its one-hot inputs.</summary>
/// <param name="Name">The column's name in the CSV header.</param>
/// <param name="Categories">Its categories, sorted as <see cref="ClassLabels.Order"/> sorts class names.</param>
public sealed record CategoricalColumn(string Name, IReadOnlyList<string> Categories)
{
    /// <summary>The names of its one-hot inputs: "colour=blue", "colour=red", ….</summary>
    public IEnumerable<string> InputNames => Categories.Select(c => InputName(Name, c));

    /// <summary>The name of the input that is 1 for <paramref name="category"/> of column <paramref name="column"/>: "colour=red".</summary>
    public static string InputName(string column, string category) => $"{column}={category}";
}

/// <summary>
/// One-hot encoding of categorical input columns: a column with categories c₁ … c_k becomes k inputs
/// "name=c₁" … "name=c_k", where x_{name=c} = 1 when the cell is c and 0 otherwise. The new inputs
/// stand where the column stood in the file. The categories are every distinct value of the column
/// in the training file (not only its training part: which values a column takes is the data's shape,
/// not something learned, and a rare category that falls only in the test part must not fail the run),
/// sorted as class names are (as numbers when all are numbers, else in ordinal order), so the same
/// file always gives the same inputs whatever the order of its lines. A model keeps them ("categories"
/// in its file) and encodes new inputs with them; a value it never saw is an error naming it.
/// </summary>
public sealed record OneHotEncoding(IReadOnlyList<CategoricalColumn> Columns)
{
    /// <summary>The categories of each text column of the table, in the file's column order.</summary>
    public static OneHotEncoding Fit(CsvTable table) =>
        new([.. table.Header.Where(table.Text.ContainsKey).Select(name => new CategoricalColumn(name, ClassLabels.Order(table.Text[name])))]);

    /// <summary>The names of the categorical columns.</summary>
    public IEnumerable<string> Names => Columns.Select(c => c.Name);

    /// <summary>The names of all the one-hot inputs.</summary>
    public IEnumerable<string> InputNames => Columns.SelectMany(c => c.InputNames);

    /// <summary>
    /// The table with each categorical column replaced by its one-hot columns (header and X), in place;
    /// a missing column, a category not known, or a one-hot name that another column already has is refused.
    /// </summary>
    public CsvTable Apply(CsvTable table)
    {
        var header = new List<string>();
        var encoded = new List<(int Source, CategoricalColumn? Column)>(); // per X column of the source table: copy it, or encode it
        int k = 0;
        foreach (string name in table.Header.Where((_, c) => c != table.LabelColumn))
        {
            encoded.Add((k++, Columns.FirstOrDefault(c => c.Name == name)));
        }

        var missing = Columns.Where(c => !table.Text.ContainsKey(c.Name)).Select(c => c.Name).ToList();
        if (missing.Count > 0)
        {
            throw new NablaException($"{table.File}: the header has no column {Quoted(missing)}, which the model takes as categorical " +
                $"input{(missing.Count > 1 ? "s" : "")} (one-hot); the columns are {Quoted(table.Header)}. Fix: add the column{(missing.Count > 1 ? "s" : "")}, named as when the model was trained.");
        }

        int labelColumn = -1;
        for (int c = 0; c < table.Header.Count; c++)
        {
            if (c == table.LabelColumn)
            {
                labelColumn = header.Count;
                header.Add(table.Header[c]);
            }
            else if (Columns.FirstOrDefault(col => col.Name == table.Header[c]) is { } column)
            {
                header.AddRange(column.InputNames);
            }
            else
            {
                header.Add(table.Header[c]);
            }
        }

        CheckNames(table, header);
        int width = header.Count - (labelColumn >= 0 ? 1 : 0);
        var x = new Matrix<double>(table.X.Rows, width);
        int to = 0;
        foreach (var (source, column) in encoded)
        {
            if (column is null)
            {
                for (int i = 0; i < x.Rows; i++)
                {
                    x[i, to] = table.X[i, source];
                }

                to++;
                continue;
            }

            var index = column.Categories.Select((c, n) => (c, n)).ToDictionary(p => p.c, p => p.n, StringComparer.Ordinal);
            string[] cells = table.Text[column.Name];
            for (int i = 0; i < x.Rows; i++)
            {
                x[i, to + (index.TryGetValue(cells[i], out int n) ? n : throw Unseen(table, column, i, cells[i]))] = 1; // the others stay 0
            }

            to += column.Categories.Count;
        }

        var text = table.Text.Where(p => !Columns.Any(c => c.Name == p.Key)).ToDictionary(p => p.Key, p => p.Value);
        return table with { Header = header, LabelColumn = labelColumn, X = x, Text = text };
    }

    /// <summary>The number of inputs <see cref="Apply"/> makes of the table: its numeric columns, and one per category of each categorical column.</summary>
    public int Width(CsvTable table) =>
        table.X.Cols - Columns.Count(c => table.Text.ContainsKey(c.Name)) + Columns.Where(c => table.Text.ContainsKey(c.Name)).Sum(c => c.Categories.Count);

    /// <summary>Which inputs of a model named <paramref name="inputNames"/> are one-hot (0/1) columns.</summary>
    public bool[] IsOneHot(IReadOnlyList<string> inputNames)
    {
        var names = InputNames.ToHashSet(StringComparer.Ordinal);
        return [.. inputNames.Select(names.Contains)];
    }

    private static NablaException Unseen(CsvTable table, CategoricalColumn column, int example, string cell)
    {
        int c = table.Header.ToList().IndexOf(column.Name);
        string line = table.Lines.Count > example ? $"line {table.Lines[example]}" : $"example {example + 1}";
        return new NablaException($"{table.File}: {line}, column {c + 1} \"{column.Name}\": \"{cell}\" is not one of the categories the model was trained with " +
            $"({Quoted(column.Categories)}). Fix: use one of them, or train again on data that holds \"{cell}\".");
    }

    /// <summary>A one-hot name ("colour=red") that another column of the file already has would make two inputs of one name.</summary>
    private static void CheckNames(CsvTable table, List<string> header)
    {
        for (int c = 0; c < header.Count; c++)
        {
            if (header.IndexOf(header[c]) < c)
            {
                throw new NablaException($"{table.File}: the header: the one-hot input \"{header[c]}\" has the name of another column. " +
                    "Fix: rename that column, so that each input has its own name.");
            }
        }
    }

    private static string Quoted(IEnumerable<string> names)
    {
        var list = names.ToList();
        return string.Join(", ", list.Take(12).Select(n => $"\"{n}\"")) + (list.Count > 12 ? $", … {list.Count} in all" : "");
    }
}
