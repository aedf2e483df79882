using System.Text.Json;
using Nabla.Training;

namespace Nabla.Specs;

/// <summary>Reads and checks the "train" section: optimizer and its settings, learning rate and its schedule, weight decay, clipping, epochs, batch, seed, precision.</summary>
internal static class TrainSpecReader
{
    public static TrainSpec Read(JsonElement e, JsonFields f)
    {
        const string p = "$.train";
        f.Object(e, p);
        f.CheckKeys(e, p, "optimizer", "learning_rate", "epochs", "batch", "shuffle", "seed", "precision", "momentum", "beta1", "beta2", "epsilon",
            "alpha", "weight_decay", "decay_bias", "clip_norm", "lr_schedule", "early_stopping");
        var t = new TrainSpec();
        if (f.Optional(e, "optimizer") is { } opt)
        {
            t = t with { Optimizer = f.String(opt, $"{p}.optimizer") };
            if (!TrainSpec.Optimizers.Contains(t.Optimizer))
            {
                throw f.Error($"{p}.optimizer", $"unknown optimizer \"{t.Optimizer}\"", $"use one of {string.Join(", ", TrainSpec.Optimizers)}");
            }
        }

        if (f.Optional(e, "learning_rate") is { } lr)
        {
            t = t with { LearningRate = f.Number(lr, $"{p}.learning_rate") };
            if (t.LearningRate <= 0)
            {
                throw f.Error($"{p}.learning_rate", $"the learning rate {t.LearningRate} is not positive", "use a positive number such as 0.1");
            }
        }

        if (f.Optional(e, "epochs") is { } epochs)
        {
            t = t with { Epochs = f.Integer(epochs, $"{p}.epochs", 0) };
        }

        if (f.Optional(e, "batch") is { } batch)
        {
            t = t with
            {
                Batch = batch.ValueKind == JsonValueKind.String && batch.GetString() == "full" ? 0
                : batch.ValueKind == JsonValueKind.Number ? f.Integer(batch, $"{p}.batch", 1)
                : throw f.Error($"{p}.batch", $"expected \"full\" or a number of examples, found {JsonFields.Describe(batch)}",
                    "write \"full\" for the whole data set per step, or a number such as 1 or 32")
            };
        }

        if (f.Optional(e, "shuffle") is { } shuffle)
        {
            t = t with { Shuffle = f.Boolean(shuffle, $"{p}.shuffle") };
        }

        if (f.Optional(e, "seed") is { } seed)
        {
            t = t with
            {
                Seed = seed.ValueKind == JsonValueKind.Number && seed.TryGetUInt64(out ulong s)
                ? s
                : throw f.Error($"{p}.seed", $"expected a whole number ≥ 0, found {JsonFields.Describe(seed)}", "write e.g. \"seed\": 1")
            };
        }

        if (f.Optional(e, "precision") is { } precision)
        {
            t = t with { Precision = f.String(precision, $"{p}.precision") };
            if (t.Precision is not ("float64" or "float32"))
            {
                throw f.Error($"{p}.precision", $"unknown precision \"{t.Precision}\"", "use \"float64\" (exact worked examples) or \"float32\" (speed)");
            }
        }

        if (t.Optimizer == "rmsprop")
        {
            t = t with { Momentum = 0 }; // (RMSprop's momentum is off unless given, as in PyTorch)
        }

        t = t with { Momentum = Fraction(e, "momentum", t.Momentum, "0.9", f) };
        t = t with { Beta1 = Fraction(e, "beta1", t.Beta1, "0.9", f) };
        t = t with { Beta2 = Fraction(e, "beta2", t.Beta2, "0.999", f) };
        if (f.Optional(e, "epsilon") is { } eps)
        {
            t = t with { Epsilon = f.Number(eps, $"{p}.epsilon") };
            if (t.Epsilon <= 0)
            {
                throw f.Error($"{p}.epsilon", $"epsilon {t.Epsilon} is not positive (it keeps the optimizer's division away from 0)", "use a small positive number such as 1e-8");
            }
        }
        else
        {
            t = t with { Epsilon = TrainSpec.DefaultEpsilon(t.Optimizer) }; // (PyTorch's defaults)
        }

        t = t with { Alpha = Fraction(e, "alpha", t.Alpha, "0.99", f) };
        t = t with { WeightDecay = TrainSpec.DefaultWeightDecay(t.Optimizer) }; // (PyTorch's defaults)
        if (f.Optional(e, "weight_decay") is { } decay)
        {
            t = t with { WeightDecay = f.Number(decay, $"{p}.weight_decay") };
            if (t.WeightDecay < 0)
            {
                throw f.Error($"{p}.weight_decay", $"weight_decay {t.WeightDecay} is negative (it would push the weights away from 0)", "use 0 for none, or a small λ such as 1e-4");
            }
        }

        if (f.Optional(e, "decay_bias") is { } decayBias)
        {
            t = t with { DecayBias = f.Boolean(decayBias, $"{p}.decay_bias") };
        }

        if (f.Optional(e, "clip_norm") is { } clip)
        {
            t = t with { ClipNorm = f.Number(clip, $"{p}.clip_norm") };
            if (t.ClipNorm <= 0)
            {
                throw f.Error($"{p}.clip_norm", $"clip_norm {t.ClipNorm} is not positive", "use the largest gradient norm to allow, such as 1.0, or leave clip_norm out");
            }
        }

        if (f.Optional(e, "lr_schedule") is { } schedule)
        {
            t = t with { Schedule = ScheduleReader.Read(schedule, $"{p}.lr_schedule", f) };
        }

        if (f.Optional(e, "early_stopping") is { } stopping)
        {
            t = t with { EarlyStopping = ReadEarlyStopping(stopping, $"{p}.early_stopping", f) };
        }

        return t;
    }

    private static EarlyStopping ReadEarlyStopping(JsonElement e, string p, JsonFields f)
    {
        f.Object(e, p);
        f.CheckKeys(e, p, "monitor", "patience", "min_delta", "restore_best");
        var stopping = new EarlyStopping();
        if (f.Optional(e, "monitor") is { } monitor)
        {
            stopping = stopping with { Monitor = f.String(monitor, $"{p}.monitor") };
        }

        if (f.Optional(e, "patience") is { } patience)
        {
            stopping = stopping with { Patience = f.Integer(patience, $"{p}.patience", 1) };
        }

        if (f.Optional(e, "min_delta") is { } delta)
        {
            double d = f.Number(delta, $"{p}.min_delta");
            stopping = d >= 0 ? stopping with { MinDelta = d }
                : throw f.Error($"{p}.min_delta", $"min_delta {d} is negative", "use 0 (any improvement counts) or the smallest change that counts");
        }

        if (f.Optional(e, "restore_best") is { } restore)
        {
            stopping = stopping with { RestoreBest = f.Boolean(restore, $"{p}.restore_best") };
        }

        return stopping;
    }

    /// <summary>A decay rate (momentum μ, Adam's β₁ and β₂): in [0, 1), or the update grows without end.</summary>
    private static double Fraction(JsonElement e, string key, double value, string usual, JsonFields f)
    {
        if (f.Optional(e, key) is not { } given)
        {
            return value;
        }

        double v = f.Number(given, $"$.train.{key}");
        return v is >= 0 and < 1 ? v
            : throw f.Error($"$.train.{key}", $"{key} {v} is outside [0, 1)", $"use a number from 0 up to (not including) 1, usually {usual}");
    }
}
