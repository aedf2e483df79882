using System.Text.Json;
using Nabla.Training;

namespace Nabla.Specs;

/// <summary>Reads "lr_schedule": step, exponential, cosine, or a warm-up followed by one of them.</summary>
internal static class ScheduleReader
{
    /// <summary>Warm-ups inside warm-ups deeper than this are refused (a hostile file could nest thousands).</summary>
    private const int MaxDepth = 4;

    public static LearningRateSchedule Read(JsonElement e, string p, JsonFields f, int depth = 0)
    {
        f.Object(e, p);
        var name = f.String(f.Required(e, p, "name", "add \"name\": \"step\", \"exponential\", \"cosine\" or \"warmup\""), $"{p}.name");
        switch (name)
        {
            case "step":
                f.CheckKeys(e, p, "name", "step_size", "gamma");
                return new StepDecay(
                    f.Integer(f.Required(e, p, "step_size", "add \"step_size\": the epochs between two drops, e.g. 30"), $"{p}.step_size", 1),
                    Gamma(e, p, f));
            case "exponential":
                f.CheckKeys(e, p, "name", "gamma");
                return new ExponentialDecay(Gamma(e, p, f));
            case "cosine":
                f.CheckKeys(e, p, "name", "t_max", "eta_min");
                double etaMin = f.Optional(e, "eta_min") is { } m ? f.Number(m, $"{p}.eta_min") : 0;
                if (etaMin < 0)
                {
                    throw f.Error($"{p}.eta_min", $"eta_min {etaMin} is negative", "use 0 (the default) or the smallest rate to anneal to");
                }

                return new CosineAnnealing(
                    f.Integer(f.Required(e, p, "t_max", "add \"t_max\": the epochs of half a cosine period, usually the run's epochs"), $"{p}.t_max", 1),
                    etaMin);
            case "warmup":
                f.CheckKeys(e, p, "name", "epochs", "then");
                if (depth >= MaxDepth)
                {
                    throw f.Error(p, $"warm-ups nested more than {MaxDepth} deep", "warm up once, then name the schedule that follows");
                }

                int epochs = f.Integer(f.Required(e, p, "epochs", "add \"epochs\": how many epochs the rate rises over, e.g. 5"), $"{p}.epochs", 1);
                var then = f.Optional(e, "then") is { } next ? Read(next, $"{p}.then", f, depth + 1) : null;
                return new Warmup(epochs, then);
            default:
                throw f.Error($"{p}.name", $"unknown schedule \"{name}\"", "use step, exponential, cosine or warmup");
        }
    }

    private static double Gamma(JsonElement e, string p, JsonFields f)
    {
        double gamma = f.Number(f.Required(e, p, "gamma", "add \"gamma\": the factor per drop, e.g. 0.5"), $"{p}.gamma");
        return gamma > 0 ? gamma
            : throw f.Error($"{p}.gamma", $"gamma {gamma} is not positive", "use a factor such as 0.5 (halve) or 0.95");
    }
}
