using System.Globalization;
using System.Text;
using Nabla.Explain;
using Nabla.Specs;
using Nabla.Tensors;

namespace Nabla.Exercises;

/// <summary>
/// A variant's answers in <c>nabla check</c>'s format: the key (every value asked for, at full
/// precision, exactly as <c>nabla explain --format json</c> has it) and the blank template a
/// student fills in (the same names, nothing after '=').
/// </summary>
public static class AnswerKey
{
    /// <summary>The key: one line per quantity asked for, rows separated by ';'.</summary>
    public static string Key(Variant v, ExerciseOptions options) => Write(Heading(v), v.Spec, v.Explanation, options, blank: false);

    /// <summary>The template: the key's lines with the values left out, each with its shape as a comment.</summary>
    public static string Blank(Variant v, ExerciseOptions options) => Write(Heading(v), v.Spec, v.Explanation, options, blank: true);

    /// <summary>"Ada Lovelace (s17), Seed 001: …": whose variant of which exercise.</summary>
    private static string Heading(Variant v) => $"{v.Student.Name} ({v.Student.Id}), {v.Spec.Name}";

    /// <summary>
    /// The template of an explained step with no student: what <see cref="Blank(Variant, ExerciseOptions)"/> writes,
    /// headed by the spec's name alone (the playground's "Freeze as an exercise" hands it out with the step's spec).
    /// </summary>
    public static string Blank(Explanation e, ExerciseOptions options) => Write(e.Spec.Name ?? "", e.Spec, e, options, blank: true);

    private static string Write(string heading, ModelSpec spec, Explanation explanation, ExerciseOptions options, bool blank)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"# {(blank ? "Answers" : "Answer key")}: {heading}\n");
        text.Append(blank
            ? $"# Write each value after '=' to {options.Decimals} decimals: rows separated by ';', values by ','.\n"
            : "# Every value at full precision, as `nabla explain --format json` gives it.\n");
        if (options.ByUnit)
        {
            text.Append("notation = by-unit\n");
        }

        var asked = Questions.Names(options.Ask, spec.Layers.Select(l => l.HasBias).ToList());
        foreach (var step in explanation.Steps)
        {
            if (options.Steps > 1)
            {
                text.Append(CultureInfo.InvariantCulture, $"\nstep = {step.Step}\n");
            }

            foreach (string name in asked)
            {
                var m = Shown(step[name], options.ByUnit);
                if (blank)
                {
                    text.Append(CultureInfo.InvariantCulture, $"{name} ={(m.Rows * m.Cols == 1 ? "" : $"    # {m.Rows} × {m.Cols}")}\n");
                }
                else
                {
                    text.Append(name).Append(" = ").Append(Values(m)).Append('\n');
                }
            }
        }

        return text.ToString();
    }

    /// <summary>The matrix as the notation shows it (transposed for by-unit).</summary>
    public static Matrix<double> Shown(Matrix<double> m, bool byUnit)
    {
        if (!byUnit)
        {
            return m;
        }

        var t = new Matrix<double>(m.Cols, m.Rows);
        for (int r = 0; r < m.Rows; r++)
        {
            for (int c = 0; c < m.Cols; c++)
            {
                t[c, r] = m[r, c];
            }
        }

        return t;
    }

    private static string Values(Matrix<double> m) => string.Join("; ",
        Enumerable.Range(0, m.Rows).Select(r => string.Join(", ",
            Enumerable.Range(0, m.Cols).Select(c => m[r, c].ToString("R", CultureInfo.InvariantCulture)))));
}
