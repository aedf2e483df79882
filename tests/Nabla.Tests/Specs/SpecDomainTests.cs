using Nabla.Specs;

namespace Nabla.Tests.Specs;

/// <summary>Settings outside their domain, refused when the spec is read rather than after training: a metric twice, overflowing initialisers, optimizer rates, toy noise.</summary>
public class SpecDomainTests
{
    private const string Net = "\"inputs\": 2, \"layers\": [ { \"units\": 1, \"activation\": \"sigmoid\" } ], \"loss\": \"bce\"";

    private static SpecException Refused(string json) => Assert.Throws<SpecException>(() => SpecReader.Parse(json, "s.json"));

    [Fact]
    public void AMetricListedTwice_IsRefusedAtReadTime()
    {
        var e = Refused($$"""{ {{Net}}, "metrics": ["accuracy", "accuracy"] }""");
        Assert.Equal("$.metrics[1]", e.JsonPath);
        Assert.Contains("listed twice", e.Message);
    }

    [Theory]
    [InlineData("normal(1e400)")]
    [InlineData("normal(nan)")]
    [InlineData("normal(-infinity)")]
    [InlineData("uniform(-1e308,1e308)")]
    [InlineData("uniform(-infinity,infinity)")]
    [InlineData("uniform(nan,1)")]
    [InlineData("normal(2e6)")]
    public void AnInitialiserWithHugeOrNonFiniteParameters_IsRefused(string init)
    {
        var e = Refused($$"""{ "inputs": 2, "layers": [ { "units": 1, "init": "{{init}}" } ], "loss": "mse" }""");
        Assert.Equal("$.layers[0].init", e.JsonPath);
        Assert.Contains("finite number within ±1000000", e.Message);
    }

    [Theory]
    [InlineData("\"optimizer\": \"adam\", \"epsilon\": -1", "$.train.epsilon", "not positive")]
    [InlineData("\"optimizer\": \"adam\", \"epsilon\": 0", "$.train.epsilon", "not positive")]
    [InlineData("\"optimizer\": \"adam\", \"beta1\": 1.5", "$.train.beta1", "outside [0, 1)")]
    [InlineData("\"optimizer\": \"adam\", \"beta2\": 1", "$.train.beta2", "outside [0, 1)")]
    [InlineData("\"optimizer\": \"momentum\", \"momentum\": -5", "$.train.momentum", "outside [0, 1)")]
    [InlineData("\"optimizer\": \"rmsprop\", \"alpha\": 1", "$.train.alpha", "outside [0, 1)")]
    [InlineData("\"optimizer\": \"adagrad\", \"epsilon\": 0", "$.train.epsilon", "not positive")]
    [InlineData("\"optimizer\": \"adamax\"", "$.train.optimizer", "unknown optimizer")]
    [InlineData("\"weight_decay\": -0.1", "$.train.weight_decay", "negative")]
    [InlineData("\"decay_bias\": 0", "$.train.decay_bias", "expected")]
    [InlineData("\"clip_norm\": 0", "$.train.clip_norm", "not positive")]
    [InlineData("\"lr_schedule\": \"cosine\"", "$.train.lr_schedule", "expected")]
    [InlineData("\"lr_schedule\": { \"name\": \"linear\" }", "$.train.lr_schedule.name", "unknown schedule")]
    [InlineData("\"lr_schedule\": { \"name\": \"step\", \"gamma\": 0.5 }", "$.train.lr_schedule", "\"step_size\" is missing")]
    [InlineData("\"lr_schedule\": { \"name\": \"step\", \"step_size\": 0, \"gamma\": 0.5 }", "$.train.lr_schedule.step_size", "too small")]
    [InlineData("\"lr_schedule\": { \"name\": \"exponential\", \"gamma\": -1 }", "$.train.lr_schedule.gamma", "not positive")]
    [InlineData("\"lr_schedule\": { \"name\": \"cosine\", \"t_max\": 10, \"eta_min\": -1 }", "$.train.lr_schedule.eta_min", "negative")]
    [InlineData("\"lr_schedule\": { \"name\": \"cosine\", \"tmax\": 10 }", "$.train.lr_schedule.tmax", "unknown key")]
    [InlineData("\"lr_schedule\": { \"name\": \"warmup\", \"epochs\": 2, \"then\": { \"name\": \"warmup\", \"epochs\": 2, \"then\": { \"name\": \"warmup\", \"epochs\": 2, \"then\": { \"name\": \"warmup\", \"epochs\": 2, \"then\": { \"name\": \"warmup\", \"epochs\": 2 } } } } }", "$.train.lr_schedule.then.then.then.then", "nested more than 4 deep")]
    public void OptimizerSettingsOutsideTheirDomain_AreRefused(string train, string path, string problem)
    {
        var e = Refused($$"""{ {{Net}}, "train": { {{train}} } }""");
        Assert.Equal(path, e.JsonPath);
        Assert.Contains(problem, e.Message);
    }

    [Fact]
    public void OptimizersThemselves_RefuseSettingsOutsideTheirDomain()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Optimizers.Adam<double>(0.1, beta1: 1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Optimizers.Adam<double>(0.1, epsilon: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Optimizers.Momentum<double>(0.1, -5));
    }

    [Fact]
    public void AbsurdToyNoise_IsRefusedWithTheAllowedRange()
    {
        var e = Refused($$"""{ {{Net}}, "data": { "dataset": "moons", "noise": 1e308 } }""");
        Assert.Equal("$.data.noise", e.JsonPath);
        Assert.Contains("more than 100", e.Message);
    }
}
