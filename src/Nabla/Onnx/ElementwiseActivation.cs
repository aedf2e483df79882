using Nabla.Activations;
using Nabla.Numerics;

namespace Nabla.Onnx;

/// <summary>
/// Recognises the activation a run of element-wise nodes computes, by what it computes rather than by
/// how it is written: exporters spell the same function many ways (PyTorch writes GELU as Div, Erf,
/// Add, Mul, Mul; SiLU as Sigmoid then Mul; Nabla's own float64 export writes elu and softplus from
/// Relu, Exp, Min, Abs and Log, and leaky relu as Mul then Max). The run starts at a layer's output z
/// and takes each following node whose inputs are z, the run's own results or scalar constants; its
/// last result is evaluated at points from −6 to 6 and compared with each of Nabla's activations
/// (α of leaky relu and elu read off f(−1)). A run that matches none is not an activation Nabla has.
/// </summary>
internal static class ElementwiseActivation
{
    /// <summary>The operators a run may hold.</summary>
    private static readonly HashSet<string> Operators =
    [
        "Relu", "LeakyRelu", "Sigmoid", "Tanh", "Elu", "Softplus", "Exp", "Log", "Abs", "Neg", "Erf", "Sqrt",
        "Add", "Sub", "Mul", "Div", "Min", "Max", "Pow", "Identity",
    ];

    private static readonly double[] Points = [-6, -3, -2, -1.5, -1, -0.5, -0.25, -0.1, 0, 0.1, 0.25, 0.5, 1, 1.5, 2, 3, 6];

    /// <summary>
    /// The activation computed by the nodes from <paramref name="start"/> on, applied to <paramref name="z"/>:
    /// its name, its α (leaky relu, elu) and how many nodes it takes; null when the nodes there do not compute one.
    /// </summary>
    public static (string Name, double? Alpha, int Count)? Match(IReadOnlyList<OnnxNode> nodes, int start, string z, Func<string, double?> scalar)
    {
        var results = new HashSet<string> { z };
        int end = start;
        while (end < nodes.Count && Takes(nodes[end], results, scalar))
        {
            results.Add(nodes[end].Outputs[0]);
            end++;
        }

        // The longest run whose last result is the only one read after it: shorter ones are tried too,
        // since a run may end where the next layer's own element-wise nodes begin.
        for (int last = end - 1; last >= start; last--)
        {
            var run = nodes.Skip(start).Take(last - start + 1).ToList();
            if (UsedLater(nodes, last + 1, run) && Identify(run, z, scalar) is var (name, alpha))
            {
                return (name, alpha, run.Count);
            }
        }

        return null;
    }

    private static bool Takes(OnnxNode node, HashSet<string> results, Func<string, double?> scalar) =>
        Operators.Contains(node.Op) && node.Outputs.Count == 1 && node.Inputs.Count > 0
        && node.Inputs.Any(results.Contains) && node.Inputs.All(i => results.Contains(i) || scalar(i) is not null);

    /// <summary>True when only the run's last result is read by the nodes after it (the others stay inside the run).</summary>
    private static bool UsedLater(IReadOnlyList<OnnxNode> nodes, int after, List<OnnxNode> run)
    {
        var inner = run.Take(run.Count - 1).Select(n => n.Outputs[0]).ToHashSet();
        return !nodes.Skip(after).Any(n => n.Inputs.Any(inner.Contains));
    }

    private static (string Name, double? Alpha)? Identify(List<OnnxNode> run, string z, Func<string, double?> scalar)
    {
        double[] f = [.. Points.Select(x => Evaluate(run, z, x, scalar))];
        if (f.Any(v => !double.IsFinite(v)))
        {
            return null;
        }

        double slope = f[Array.IndexOf(Points, -1.0)] / -1;                  // leaky relu: f(−1) = −α
        double eluAlpha = f[Array.IndexOf(Points, -1.0)] / (Math.Exp(-1) - 1); // elu: f(−1) = α(e^−1 − 1)
        (string Name, double? Alpha)[] candidates =
        [
            ("identity", null), ("relu", null), ("sigmoid", null), ("tanh", null), ("gelu", null), ("silu", null), ("softplus", null),
            ("leaky_relu", Snap(slope, run, scalar)), ("elu", Snap(eluAlpha, run, scalar)),
        ];
        foreach (var (name, alpha) in candidates)
        {
            var activation = Activation.FromName(name, alpha)!;
            if (Points.Select((x, i) => Math.Abs(activation.Apply(x) - f[i]) <= 1e-5 * (1 + Math.Abs(f[i]))).All(close => close))
            {
                return (name, alpha);
            }
        }

        return null;
    }

    /// <summary>α as the graph holds it: the run's constant nearest the value read off f, when one is that close.</summary>
    private static double Snap(double alpha, List<OnnxNode> run, Func<string, double?> scalar)
    {
        var constants = run.Where(n => n.Op is "Mul" or "LeakyRelu" or "Elu")
            .SelectMany(n => n.Inputs.Select(scalar).Append(n.Attributes.TryGetValue("alpha", out double a) ? a : null))
            .OfType<double>();
        return constants.Where(c => Math.Abs(c - alpha) <= 1e-9 * Math.Max(1, Math.Abs(alpha))).Select(c => (double?)c).FirstOrDefault() ?? alpha;
    }

    /// <summary>The run's last result for z = <paramref name="x"/>.</summary>
    private static double Evaluate(List<OnnxNode> run, string z, double x, Func<string, double?> scalar)
    {
        var values = new Dictionary<string, double> { [z] = x };
        double In(OnnxNode node, int i) => values.TryGetValue(node.Inputs[i], out double v) ? v : scalar(node.Inputs[i])!.Value;
        double Alpha(OnnxNode node, double fallback) => node.Attributes.TryGetValue("alpha", out double a) ? a : fallback;
        foreach (var node in run)
        {
            double a = In(node, 0);
            double b = node.Inputs.Count > 1 ? In(node, 1) : double.NaN;
            values[node.Outputs[0]] = node.Op switch
            {
                "Relu" => Math.Max(a, 0),
                "LeakyRelu" => a >= 0 ? a : Alpha(node, 0.01) * a,
                "Sigmoid" => 1 / (1 + Math.Exp(-a)),
                "Tanh" => Math.Tanh(a),
                "Elu" => a >= 0 ? a : Alpha(node, 1) * (Math.Exp(a) - 1),
                "Softplus" => Math.Log(1 + Math.Exp(a)),
                "Exp" => Math.Exp(a),
                "Log" => Math.Log(a),
                "Abs" => Math.Abs(a),
                "Neg" => -a,
                "Erf" => Erf.Of(a),
                "Sqrt" => Math.Sqrt(a),
                "Add" => a + b,
                "Sub" => a - b,
                "Mul" => a * b,
                "Div" => a / b,
                "Min" => node.Inputs.Select((_, i) => In(node, i)).Min(),
                "Max" => node.Inputs.Select((_, i) => In(node, i)).Max(),
                "Pow" => Math.Pow(a, b),
                _ => a, // Identity
            };
        }

        return values[run[^1].Outputs[0]];
    }
}
