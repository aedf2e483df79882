using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Nabla.Activations;
using Nabla.Losses;
using Nabla.Numerics;
using Nabla.Tensors;

namespace Nabla.Tests.TorchReference;

/// <summary>
/// elu, gelu (exact erf form), softplus and silu, and erf/erfc, against PyTorch: f(z) and f′(z) on a grid
/// from −40 to 30, and the mae and huber losses with their gradients, from Reference/torch_activations.py (its output is Reference/torch_activations.json).
/// </summary>
public class ActivationReferenceTests
{
    private static readonly Lazy<JsonObject> Reference = new(() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Folder(), "Reference", "torch_activations.json")))!.AsObject());

    private static double[] Values(JsonNode node) => [.. node.AsArray().Select(v => v!.GetValue<double>())];

    public static TheoryData<string> Names() => [.. Reference.Value["activations"]!.AsObject().Select(a => a.Key)];

    [Theory]
    [MemberData(nameof(Names))]
    public void Value_and_derivative_match_PyTorch(string name)
    {
        var activation = name == "elu(0.5)" ? new Elu(0.5) : Activation.FromName(name)!;
        var z = Values(Reference.Value["z"]!);
        var f = Values(Reference.Value["activations"]![name]!["f"]!);
        var df = Values(Reference.Value["activations"]![name]!["df"]!);
        for (int i = 0; i < z.Length; i++)
        {
            double a = activation.Apply(z[i]);
            Close(f[i], a, $"{name}({z[i]})", Math.Abs(z[i]));
            Close(df[i], activation.Derivative(z[i], a), $"{name}′({z[i]})", Math.Max(1, Math.Abs(z[i])));
        }
    }

    [Theory]
    [InlineData("mae", "mae", null, null)]
    [InlineData("mae_sum", "mae", "sum", null)]
    [InlineData("huber", "huber", null, null)]
    [InlineData("huber_0.5", "huber", null, 0.5)]
    [InlineData("huber_2_sum", "huber", "sum", 2.0)]
    public void Loss_and_its_gradient_match_PyTorch(string run, string name, string? reduction, double? delta)
    {
        var loss = Loss.FromName(name, reduction == "sum" ? Reduction.Sum : null, delta)!;
        var yHat = Matrix<double>.FromRows([.. Reference.Value["yhat"]!.AsArray().Select(r => Values(r!))]);
        var y = Matrix<double>.FromRows([.. Reference.Value["y"]!.AsArray().Select(r => Values(r!))]);
        var expected = Reference.Value["losses"]![run]!;

        Close(expected["value"]!.GetValue<double>(), loss.Value(yHat, y), $"{run} value");
        var dA = new Matrix<double>(yHat.Rows, yHat.Cols);
        loss.Gradient(yHat, y, dA);
        var gradient = expected["gradient"]!.AsArray().SelectMany(r => Values(r!)).ToArray();
        for (int i = 0; i < gradient.Length; i++)
        {
            Close(gradient[i], dA.Span[i], $"{run} ∂L/∂ŷ[{i}]");
        }
    }

    [Fact]
    public void Erf_and_erfc_match_PyTorch()
    {
        var z = Values(Reference.Value["z"]!);
        var erf = Values(Reference.Value["erf"]!);
        var erfc = Values(Reference.Value["erfc"]!);
        for (int i = 0; i < z.Length; i++)
        {
            Close(erf[i], Erf.Of(z[i]), $"erf({z[i]})");
            Close(erfc[i], Erf.Complement(z[i]), $"erfc({z[i]})");
        }
    }

    /// <summary>
    /// Within a few ulp of the value (1e-15 relative), or of the scale the value is computed at (2e-16·scale absolute:
    /// erfc(1.7) = 1 − erf(1.7) and gelu(z) = z·Φ(z) are as exact as 1 and z allow, not as their small results would).
    /// </summary>
    private static void Close(double expected, double actual, string what, double scale = 1) =>
        Assert.True(Math.Abs(actual - expected) <= Math.Max(1e-15 * Math.Abs(expected), 2e-16 * scale), $"{what}: Nabla {actual:R}, PyTorch {expected:R}");

    private static string Folder([CallerFilePath] string source = "") => Path.GetDirectoryName(source)!;
}
