using Nabla.Tensors;

namespace Nabla.Data;

/// <summary>
/// A CSV file as read: every column but the label is a numeric feature (X, in file order);
/// the label column is kept as text until the network says how to encode it. LabelColumn is −1
/// (and Labels empty) for a file of inputs only. A categorical column is kept as text too
/// (<see cref="Text"/>; its column of X holds NaN) until <see cref="OneHotEncoding.Apply"/> turns it into 0/1 columns.
/// </summary>
public sealed record CsvTable(string File, IReadOnlyList<string> Header, int LabelColumn, Matrix<double> X, IReadOnlyList<string> Labels)
{
    /// <summary>The character between cells: ',' unless the header shows ';' or a tab (see <see cref="CsvData.Delimiter"/>).</summary>
    public char Delimiter { get; init; } = ',';

    /// <summary>A line to tell the user when the file is not comma-separated (null when it is).</summary>
    public string? DelimiterNote => Delimiter == ',' ? null : $"{File}: read as {CsvData.NameOf(Delimiter)}-separated (its header has no commas between the columns).";

    /// <summary>The cells of each categorical column not yet one-hot encoded, by column name: one per example.</summary>
    public IReadOnlyDictionary<string, string[]> Text { get; init; } = new Dictionary<string, string[]>();

    /// <summary>The columns read as categorical because a cell is not a number (not listed in "categorical"): the first such line and cell.</summary>
    public IReadOnlyList<(string Column, int Line, string Cell)> Detected { get; init; } = [];

    /// <summary>The line of the file each example was read from (1-based), for messages.</summary>
    public IReadOnlyList<int> Lines { get; init; } = [];

    /// <summary>The name of the label column.</summary>
    public string Label => Header[LabelColumn];

    /// <summary>Whether the file has the label column.</summary>
    public bool HasLabel => LabelColumn >= 0;

    /// <summary>The names of the feature columns, in the order of X's columns.</summary>
    public IEnumerable<string> Features => Header.Where((_, c) => c != LabelColumn);

    /// <summary>Whether every label is a finite number (a numeric target for regression).</summary>
    public bool LabelsAreNumbers => Labels.All(l => ClassLabels.Number(l) is not null);

    /// <summary>The label column as one numeric target per example (regression; no classes).</summary>
    public Dataset ToTargets()
    {
        var y = new Matrix<double>(Labels.Count, 1);
        for (int i = 0; i < Labels.Count; i++)
        {
            y[i, 0] = ClassLabels.Number(Labels[i]) ?? throw new InvalidOperationException($"Label \"{Labels[i]}\" is not a number.");
        }

        return new Dataset(Name, X, y);
    }

    /// <summary>The labels as classes, ordered by <see cref="ClassLabels.Order"/>.</summary>
    public LabelledData ToClasses()
    {
        string[] classes = ClassLabels.Order(Labels);
        var index = classes.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);
        return new LabelledData(Name, X, Labels.Select(l => index[l]).ToArray(), classes);
    }

    private string Name => Path.GetFileNameWithoutExtension(File);
}
