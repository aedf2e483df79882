using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Nabla.Specs;

/// <summary>
/// Writes a spec/model file in the format <see cref="SpecReader"/> reads (numbers round-trip
/// exactly), atomically: a temporary file in the same folder, then a rename. A value JSON has no
/// number for (NaN, ±∞, as a diverging run's history may hold) is written as a string
/// (<see cref="NonFiniteNumbers"/>), so writing never fails on one.
/// </summary>
public static partial class SpecWriter
{
    /// <summary>
    /// Writes the file at <paramref name="path"/>. A relative data.csv path is rewritten to lead
    /// from the new file's folder to the same CSV, so a model saved in a run folder still finds it.
    /// </summary>
    public static void WriteFile(ModelSpec spec, string path)
    {
        AtomicFile.WriteAllText(path, ToJson(spec, csv => DataSpecWriter.Rebase(csv, spec.File, path)));
    }

    /// <summary>The spec as the JSON text a spec or model file holds (numbers round-trip exactly).</summary>
    public static string ToJson(ModelSpec spec) => ToJson(spec, null);

    /// <param name="rebase">How a relative CSV path is written (from the new file's folder), or null to write it as read.</param>
    private static string ToJson(ModelSpec spec, Func<string, string>? rebase)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            if (spec.Name is not null)
            {
                w.WriteString("name", spec.Name);
            }

            w.WriteNumber("inputs", spec.Inputs);
            w.WriteStartArray("layers");
            foreach (var layer in spec.Layers)
            {
                WriteLayer(w, layer);
            }

            w.WriteEndArray();
            if (spec.Loss.Reduction is null && spec.Loss.Delta is null)
            {
                w.WriteString("loss", spec.Loss.Name);
            }
            else
            {
                w.WriteStartObject("loss");
                w.WriteString("name", spec.Loss.Name);
                if (spec.Loss.Reduction is { } reduction)
                {
                    w.WriteString("reduction", reduction == Losses.Reduction.Sum ? "sum" : "mean");
                }

                if (spec.Loss.Delta is { } delta)
                {
                    NonFiniteNumbers.Write(w, "delta", delta);
                }

                w.WriteEndObject();
            }

            if (spec.Metrics.Count > 0)
            {
                w.WriteStartArray("metrics");
                foreach (string name in spec.Metrics)
                {
                    w.WriteStringValue(name);
                }

                w.WriteEndArray();
            }

            if (spec.Classes is { } classes)
            {
                w.WriteStartArray("classes");
                foreach (string name in classes)
                {
                    w.WriteStringValue(name);
                }

                w.WriteEndArray();
            }

            if (spec.InputNames is { } inputNames)
            {
                w.WriteStartArray("input_names");
                foreach (string name in inputNames)
                {
                    w.WriteStringValue(name);
                }

                w.WriteEndArray();
            }

            if (spec.Data is { } data)
            {
                DataSpecWriter.Write(w, data, rebase ?? (csv => csv));
            }

            if (spec.Standardization is { } standardization)
            {
                w.WriteStartObject("standardization");
                WriteNumbers(w, "mean", standardization.Mean);
                WriteNumbers(w, "std", standardization.Std);
                w.WriteEndObject();
            }

            if (spec.Imputation is { } imputation)
            {
                w.WriteStartObject("imputation");
                WriteNumbers(w, "mean", imputation.Mean);
                w.WriteEndObject();
            }

            if (spec.Categories is { } categories)
            {
                w.WriteStartObject("categories");
                foreach (var column in categories.Columns)
                {
                    w.WriteStartArray(column.Name);
                    foreach (string category in column.Categories)
                    {
                        w.WriteStringValue(category);
                    }

                    w.WriteEndArray();
                }

                w.WriteEndObject();
            }

            WriteTrain(w, spec.Train);
            if (spec.Result is { } r)
            {
                w.WriteStartObject("result");
                w.WriteNumber("epochs_run", r.EpochsRun);
                w.WriteNumber("steps", r.Steps);
                if (double.IsFinite(r.FinalLoss))
                {
                    w.WriteNumber("final_loss", r.FinalLoss);
                }

                foreach (var (name, value) in r.Test ?? new Dictionary<string, double>())
                {
                    if (double.IsFinite(value))
                    {
                        w.WriteNumber(ModelResultReader.TestKey(name), value);
                    }
                }

                if (r.KeptEpoch is { } kept)
                {
                    w.WriteNumber("kept_epoch", kept);
                }

                w.WriteBoolean("diverged", r.Diverged);
                if (r.Message is not null)
                {
                    w.WriteString("message", r.Message);
                }

                w.WriteEndObject();
            }

            if (spec.History is { } history)
            {
                w.WriteStartObject("history");
                foreach (var (name, values) in history)
                {
                    WriteNumbers(w, name, values);
                }

                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        // Keep each row of numbers on one line: [0.1, 0.2] rather than one number per line.
        string json = Encoding.UTF8.GetString(stream.ToArray());
        return NumberArray().Replace(json, m => Regex.Replace(m.Value, @"\s+", " ").Replace("[ ", "[").Replace(" ]", "]")) + "\n";
    }

    private static void WriteLayer(Utf8JsonWriter w, LayerSpec layer)
    {
        w.WriteStartObject();
        w.WriteNumber("units", layer.Units);
        w.WriteString("activation", layer.Activation);
        if (layer.Alpha is { } alpha)
        {
            NonFiniteNumbers.Write(w, "alpha", alpha);
        }

        if (layer.Dropout > 0)
        {
            w.WriteNumber("dropout", layer.Dropout);
        }

        if (layer.Weights is { } weights)
        {
            w.WriteStartArray("weights");
            foreach (var row in weights)
            {
                WriteNumbers(w, null, row);
            }

            w.WriteEndArray();
        }

        if (!layer.HasBias)
        {
            w.WriteBoolean("bias", false);
        }
        else if (layer.Bias is { } bias)
        {
            WriteNumbers(w, "bias", bias);
        }

        if (!layer.Trainable)
        {
            w.WriteBoolean("trainable", false);
        }

        if (layer.TrainBias != layer.Trainable)
        {
            w.WriteBoolean("train_bias", layer.TrainBias);
        }

        if (layer.Init is not null)
        {
            w.WriteString("init", layer.Init);
        }

        w.WriteEndObject();
    }

    private static void WriteTrain(Utf8JsonWriter w, TrainSpec t)
    {
        w.WriteStartObject("train");
        w.WriteString("optimizer", t.Optimizer);
        NonFiniteNumbers.Write(w, "learning_rate", t.LearningRate);
        w.WriteNumber("epochs", t.Epochs);
        if (t.Batch == 0)
        {
            w.WriteString("batch", "full");
        }
        else
        {
            w.WriteNumber("batch", t.Batch);
        }

        w.WriteBoolean("shuffle", t.Shuffle);
        w.WriteNumber("seed", t.Seed);
        w.WriteString("precision", t.Precision);
        if (t.Optimizer is "momentum" or "nesterov")
        {
            NonFiniteNumbers.Write(w, "momentum", t.Momentum);
        }

        if (t.Optimizer is "adam" or "adamw")
        {
            NonFiniteNumbers.Write(w, "beta1", t.Beta1);
            NonFiniteNumbers.Write(w, "beta2", t.Beta2);
        }

        if (t.Optimizer == "rmsprop")
        {
            NonFiniteNumbers.Write(w, "alpha", t.Alpha);
            NonFiniteNumbers.Write(w, "momentum", t.Momentum);
        }

        if (t.Optimizer is "adam" or "adamw" or "rmsprop" or "adagrad")
        {
            NonFiniteNumbers.Write(w, "epsilon", t.Epsilon);
        }

        if (t.WeightDecay != 0 || t.Optimizer == "adamw")
        {
            NonFiniteNumbers.Write(w, "weight_decay", t.WeightDecay);
            if (!t.DecayBias)
            {
                w.WriteBoolean("decay_bias", false);
            }
        }

        if (t.ClipNorm > 0)
        {
            NonFiniteNumbers.Write(w, "clip_norm", t.ClipNorm);
        }

        if (t.Schedule is { } schedule)
        {
            w.WritePropertyName("lr_schedule");
            WriteSchedule(w, schedule);
        }

        if (t.EarlyStopping is { } stopping)
        {
            w.WriteStartObject("early_stopping");
            w.WriteString("monitor", stopping.Monitor);
            w.WriteNumber("patience", stopping.Patience);
            w.WriteNumber("min_delta", stopping.MinDelta);
            w.WriteBoolean("restore_best", stopping.RestoreBest);
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    private static void WriteSchedule(Utf8JsonWriter w, Training.LearningRateSchedule schedule)
    {
        w.WriteStartObject();
        switch (schedule)
        {
            case Training.StepDecay s:
                w.WriteString("name", "step");
                w.WriteNumber("step_size", s.StepSize);
                w.WriteNumber("gamma", s.Gamma);
                break;
            case Training.ExponentialDecay x:
                w.WriteString("name", "exponential");
                w.WriteNumber("gamma", x.Gamma);
                break;
            case Training.CosineAnnealing c:
                w.WriteString("name", "cosine");
                w.WriteNumber("t_max", c.TMax);
                w.WriteNumber("eta_min", c.EtaMin);
                break;
            case Training.Warmup u:
                w.WriteString("name", "warmup");
                w.WriteNumber("epochs", u.Epochs);
                if (u.Then is { } then)
                {
                    w.WritePropertyName("then");
                    WriteSchedule(w, then);
                }

                break;
        }

        w.WriteEndObject();
    }

    private static void WriteNumbers(Utf8JsonWriter w, string? name, IEnumerable<double> values)
    {
        if (name is null)
        {
            w.WriteStartArray();
        }
        else
        {
            w.WriteStartArray(name);
        }

        foreach (double v in values)
        {
            NonFiniteNumbers.Write(w, v);
        }

        w.WriteEndArray();
    }

    [GeneratedRegex(@"\[(\s*-?[0-9][0-9.eE+\-]*\s*,)*\s*-?[0-9][0-9.eE+\-]*\s*\]")]
    private static partial Regex NumberArray();
}
