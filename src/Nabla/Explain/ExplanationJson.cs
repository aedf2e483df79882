using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Nabla.Tensors;

namespace Nabla.Explain;

/// <summary>
/// The machine contract of <c>nabla explain --format json</c>: every quantity of every step at
/// full precision under the explanation names (matrices as arrays of rows, scalars as numbers).
/// </summary>
public static class ExplanationJson
{
    /// <summary>
    /// <paramref name="e"/> as indented JSON: the network (layers, loss, optimizer, η, precision), each step's examples
    /// (from 1) and quantities, softmax Jacobians where there are any, the gradient check (analytic and numeric
    /// ∂L/∂w with their largest relative error) and, when training stopped early, why.
    /// </summary>
    public static string Write(Explanation e)
    {
        using var stream = new MemoryStream();
        // Written for people and programs, not embedded in HTML: ×, ·, Σ, ŷ and + stay as they are, not \u00D7 and the like.
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("name", e.Spec.Name ?? Path.GetFileNameWithoutExtension(e.Spec.File));
            w.WriteString("layout", "rows are examples; W{l} is n_in × n_out; Z{l} = A{l-1}·W{l} + b{l}");
            WriteNetwork(w, e);
            w.WriteStartArray("steps");
            foreach (var step in e.Steps)
            {
                WriteStep(w, step);
            }

            w.WriteEndArray();
            w.WriteStartArray("gradient_check");
            foreach (var g in e.GradientCheck)
            {
                w.WriteStartObject();
                w.WriteString("name", g.Name == "X" ? "dX" : "d" + g.Name);
                WriteMatrix(w, "analytic", g.Rows, g.Cols, g.Analytic);
                WriteMatrix(w, "numeric", g.Rows, g.Cols, g.Numeric);
                w.WriteNumber("max_relative_error", g.MaxRelativeError);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            if (e.StopMessage is not null)
            {
                w.WriteString("stopped", e.StopMessage);
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void WriteNetwork(Utf8JsonWriter w, Explanation e)
    {
        w.WriteStartObject("network");
        w.WriteNumber("inputs", e.Inputs);
        w.WriteStartArray("layers");
        foreach (var l in e.Layers)
        {
            w.WriteStartObject();
            w.WriteNumber("layer", l.Number);
            w.WriteNumber("inputs", l.Inputs);
            w.WriteNumber("units", l.Units);
            w.WriteString("activation", l.Activation);
            if (l.Alpha is { } alpha)
            {
                w.WriteNumber("alpha", alpha);
            }

            w.WriteBoolean("bias", l.HasBias);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartObject("loss");
        w.WriteString("name", e.LossName);
        w.WriteString("reduction", e.Reduction == Losses.Reduction.Mean ? "mean" : "sum");
        w.WriteString("formula", e.LossFormula);
        w.WriteEndObject();
        w.WriteString("optimizer", e.Optimizer);
        w.WriteNumber("learning_rate", e.LearningRate);
        w.WriteString("precision", e.Precision);
        w.WriteEndObject();
    }

    private static void WriteStep(Utf8JsonWriter w, StepTrace step)
    {
        w.WriteStartObject();
        w.WriteNumber("step", step.Step);
        w.WriteStartArray("examples");
        foreach (int i in step.Examples)
        {
            w.WriteNumberValue(i + 1); // counted from 1, as people count examples
        }

        w.WriteEndArray();
        w.WriteBoolean("fused_output_delta", step.Fused);
        w.WriteStartObject("quantities");
        foreach (string name in step.Names)
        {
            var m = step[name];
            if (name.StartsWith("loss", StringComparison.Ordinal))
            {
                w.WriteNumber(name, m[0, 0]);
            }
            else
            {
                WriteMatrix(w, name, m);
            }
        }

        w.WriteEndObject();
        if (step.Jacobians.Count > 0)
        {
            w.WriteStartObject("jacobians");
            foreach (var (layer, perExample) in step.Jacobians)
            {
                w.WriteStartArray($"J{layer}");
                foreach (var j in perExample)
                {
                    WriteRows(w, j.Rows, j.Cols, j.ToArray());
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    private static void WriteMatrix(Utf8JsonWriter w, string name, Matrix<double> m) =>
        WriteMatrix(w, name, m.Rows, m.Cols, m.ToArray());

    private static void WriteMatrix(Utf8JsonWriter w, string name, int rows, int cols, double[] values)
    {
        w.WritePropertyName(name);
        WriteRows(w, rows, cols, values);
    }

    private static void WriteRows(Utf8JsonWriter w, int rows, int cols, double[] values)
    {
        w.WriteStartArray();
        for (int r = 0; r < rows; r++)
        {
            w.WriteStartArray();
            for (int c = 0; c < cols; c++)
            {
                w.WriteNumberValue(values[(r * cols) + c]);
            }

            w.WriteEndArray();
        }

        w.WriteEndArray();
    }
}
