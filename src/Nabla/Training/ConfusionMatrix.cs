using Nabla.Data;
namespace Nabla.Training;

/// <summary>
/// How many examples of each actual class were predicted as each class. Classes are read the way
/// <see cref="Accuracy"/> reads them: one output column means ŷ ≥ ½ → class 1, otherwise 0; several
/// columns mean the argmax.
/// </summary>
public sealed class ConfusionMatrix
{
    private readonly int[,] _counts;

    private ConfusionMatrix(int[,] counts)
    {
        _counts = counts;
        Classes = counts.GetLength(0);
        Total = counts.Cast<int>().Sum();
        int correct = 0;
        for (int c = 0; c < Classes; c++)
        {
            correct += counts[c, c];
        }

        Accuracy = Total == 0 ? 0 : (double)correct / Total;
    }

    /// <summary>Number of classes: 2 for a single output column, else the column count.</summary>
    public int Classes { get; }

    /// <summary>Counts[actual, predicted] (a copy).</summary>
    public int[,] Counts => (int[,])_counts.Clone();

    /// <summary>The number of examples counted.</summary>
    public int Total { get; }

    /// <summary>Fraction of examples on the diagonal (0 when there are none).</summary>
    public double Accuracy { get; }

    /// <summary>Precision of class c: of the examples predicted c, the fraction that are c (0 when none is predicted c, as scikit-learn).</summary>
    public double Precision(int c) => Ratio(_counts[c, c], Enumerable.Range(0, Classes).Sum(a => _counts[a, c]));

    /// <summary>Recall of class c: of the examples that are c, the fraction predicted c (0 when there are none).</summary>
    public double Recall(int c) => Ratio(_counts[c, c], Enumerable.Range(0, Classes).Sum(p => _counts[c, p]));

    /// <summary>F1 of class c: the harmonic mean 2PR/(P + R) of its precision and recall (0 when both are 0).</summary>
    public double F1(int c) => Ratio(2 * _counts[c, c], Enumerable.Range(0, Classes).Sum(a => _counts[a, c]) + Enumerable.Range(0, Classes).Sum(p => _counts[c, p]));

    /// <summary>Macro precision: the unweighted mean of every class's precision.</summary>
    public double MacroPrecision => Enumerable.Range(0, Classes).Average(Precision);

    /// <summary>Macro recall: the unweighted mean of every class's recall.</summary>
    public double MacroRecall => Enumerable.Range(0, Classes).Average(Recall);

    /// <summary>Macro F1: the unweighted mean of every class's F1 (scikit-learn's average="macro").</summary>
    public double MacroF1 => Enumerable.Range(0, Classes).Average(F1);

    private static double Ratio(int part, int whole) => whole == 0 ? 0 : (double)part / whole;

    /// <summary>Tallies network outputs against targets, row by row.</summary>
    public static ConfusionMatrix From(double[][] outputs, double[][] targets)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(targets);
        if (outputs.Length != targets.Length)
        {
            throw new ArgumentException($"{outputs.Length} output rows but {targets.Length} target rows.", nameof(targets));
        }

        int columns = outputs.Length > 0 ? outputs[0].Length : targets.Length > 0 ? targets[0].Length : 1;
        int classes = columns == 1 ? 2 : columns;
        var counts = new int[classes, classes];
        for (int i = 0; i < outputs.Length; i++)
        {
            if (outputs[i].Length != columns || targets[i].Length != columns)
            {
                throw new ArgumentException($"Row {i}: expected {columns} columns in both outputs and targets.", nameof(outputs));
            }

            counts[ClassLabels.IndexOf(targets[i]), ClassLabels.IndexOf(outputs[i])]++;
        }

        return new ConfusionMatrix(counts);
    }

    /// <summary>A markdown table: one row per actual class, one column per predicted class.</summary>
    public string ToMarkdown(IReadOnlyList<string> classNames)
    {
        ArgumentNullException.ThrowIfNull(classNames);
        if (classNames.Count != Classes)
        {
            throw new ArgumentException($"{classNames.Count} class names for {Classes} classes.", nameof(classNames));
        }

        static string Cell(string text) => text.ReplaceLineEndings(" ").Replace("|", @"\|", StringComparison.Ordinal);

        var lines = new List<string>
        {
            @"| actual \ predicted | " + string.Join(" | ", classNames.Select(Cell)) + " |",
            "| --- |" + string.Concat(Enumerable.Repeat(" ---: |", Classes)),
        };
        for (int a = 0; a < Classes; a++)
        {
            var row = Enumerable.Range(0, Classes).Select(p => _counts[a, p].ToString(System.Globalization.CultureInfo.InvariantCulture));
            lines.Add($"| {Cell(classNames[a])} | " + string.Join(" | ", row) + " |");
        }

        return string.Join("\n", lines);
    }
}
