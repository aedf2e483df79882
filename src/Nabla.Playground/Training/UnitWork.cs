using Nabla.Explain;
using Nabla.Explain.Writing;

namespace Nabla.Playground.Training;

/// <summary>How a unit's δ is worked out in the step the library took.</summary>
public enum DeltaRule
{
    /// <summary>δ = ∂L/∂a · f′(z): upstream gradient times the local gradient.</summary>
    Product,

    /// <summary>δ = (a − y)/N: the output's shortcut for sigmoid with bce or softmax with cce, which training takes.</summary>
    Fused,

    /// <summary>δ_j = Σ_i ∂a_i/∂z_j · ∂L/∂a_i: a softmax output couples its units (the Jacobian).</summary>
    Jacobian,
}

/// <summary>One example's forward and δ for the unit, all read from the step's trace.</summary>
/// <param name="Index">The example's place in the step's batch (from 0).</param>
/// <param name="Inputs">a_i (or x_i in layer 1): the unit's inputs, i from 0.</param>
/// <param name="Terms">w_ij · a_i, one per input (the forward sum's terms).</param>
/// <param name="Z">z_j = Σ_i w_ij a_i + b_j, as the library computed it.</param>
/// <param name="A">a_j = f(z_j), as the library computed it.</param>
/// <param name="Upstream">∂L/∂a_j (dA), the gradient that reaches the unit from above.</param>
/// <param name="Local">f′(z_j) (dAdZ), the unit's local gradient; null for softmax.</param>
/// <param name="Delta">δ_j = ∂L/∂z_j (dZ).</param>
/// <param name="Target">y_j, for an output unit.</param>
/// <param name="Jacobian">For softmax: ∂a_i/∂z_j for every output unit i.</param>
/// <param name="Upstreams">For softmax: ∂L/∂a_i for every output unit i.</param>
public sealed record UnitExample(
    int Index, double[] Inputs, double[] Terms, double Z, double A, double Upstream, double? Local, double Delta,
    double? Target, double[]? Jacobian, double[]? Upstreams);

/// <summary>One incoming weight w_ij: its value, gradient as a chain-rule product per example, and the updated value.</summary>
/// <param name="Input">i, from 0.</param>
/// <param name="Weight">w_ij before the step.</param>
/// <param name="Products">a_i · δ_j, one per example (their sum is ∂L/∂w_ij).</param>
/// <param name="Gradient">∂L/∂w_ij (dW), as the library computed it.</param>
/// <param name="Next">w_ij after the update, as the library computed it.</param>
public sealed record IncomingWeight(int Input, double Weight, double[] Products, double Gradient, double Next);

/// <summary>
/// The work of one hidden or output unit j of layer l in a step the library explained: its forward sum,
/// its δ, the gradient of every incoming weight and its bias, and their updates. Every number is read from
/// the explanation's trace (Z{l}, A{l}, dA{l}, dAdZ{l}, dZ{l}, dW{l}, db{l}, W{l}_next, …); the only
/// arithmetic here is the products that show what was summed (w·a, a·δ), never a second copy of the math.
/// </summary>
public sealed class UnitWork
{
    /// <summary>The unit's layer.</summary>
    public LayerInfo Layer { get; private init; } = null!;

    /// <summary>j, from 0.</summary>
    public int Unit { get; private init; }

    /// <summary>True for a unit of the output layer.</summary>
    public bool IsOutput { get; private init; }

    /// <summary>How δ was worked out.</summary>
    public DeltaRule Rule { get; private init; }

    /// <summary>N of the fused shortcut δ = (a − y)/N (1 for a summed loss).</summary>
    public double Normalizer { get; private init; }

    /// <summary>One entry per example of the step, in batch order.</summary>
    public IReadOnlyList<UnitExample> Examples { get; private init; } = [];

    /// <summary>The incoming weights, i from 0.</summary>
    public IReadOnlyList<IncomingWeight> Weights { get; private init; } = [];

    /// <summary>b_j before the step (null when the layer has no bias).</summary>
    public double? Bias { get; private init; }

    /// <summary>∂L/∂b_j = Σ_k δ_j (db).</summary>
    public double? BiasGradient { get; private init; }

    /// <summary>b_j after the update.</summary>
    public double? BiasNext { get; private init; }

    /// <summary>η of the step.</summary>
    public double Eta { get; private init; }

    /// <summary>True when the update is w − η·∂L/∂w (sgd without momentum, decay, clipping or schedule).</summary>
    public bool PlainSgd { get; private init; }

    /// <summary>The optimizer's name.</summary>
    public string Optimizer { get; private init; } = "";

    /// <summary>The activation's symbol (σ, tanh, ReLU, …), as the worked solution writes it.</summary>
    public string ActivationSymbol => ActivationText.Symbol(Layer.Activation);

    /// <summary>The units a page offers: every hidden and output unit, as (layer, unit from 1).</summary>
    public static IEnumerable<(int Layer, int Unit)> Units(Explanation e) =>
        e.Layers.SelectMany(l => Enumerable.Range(1, l.Units).Select(j => (l.Number, j)));

    /// <summary>The work of unit <paramref name="unit"/> (from 1) of layer <paramref name="layer"/> (from 1) in the explanation's first step.</summary>
    /// <exception cref="NablaException">When there is no such unit.</exception>
    public static UnitWork From(Explanation e, int layer, int unit)
    {
        if (layer < 1 || layer > e.Layers.Count || unit < 1 || unit > e.Layers[layer - 1].Units)
        {
            throw new NablaException($"The network has no unit {unit} in layer {layer}.");
        }

        var info = e.Layers[layer - 1];
        var s = e.Steps[0];
        int j = unit - 1;
        int l = layer;
        bool output = l == e.Layers.Count;
        var input = Get(s, l == 1 ? "X" : $"A{l - 1}");
        var w = Get(s, $"W{l}");
        var z = Get(s, $"Z{l}");
        var a = Get(s, $"A{l}");
        var dA = Get(s, $"dA{l}");
        var dZ = Get(s, $"dZ{l}");
        var y = Get(s, "Y");
        s.TryGet($"dAdZ{l}", out var local);
        bool softmax = s.Jacobians.TryGetValue(l, out var jacobians);
        var rule = output && s.Fused ? DeltaRule.Fused : softmax ? DeltaRule.Jacobian : DeltaRule.Product;

        var examples = new List<UnitExample>();
        for (int k = 0; k < z.Rows; k++)
        {
            double[] inputs = [.. Enumerable.Range(0, info.Inputs).Select(i => input[k, i])];
            examples.Add(new UnitExample(
                k, inputs, [.. inputs.Select((x, i) => w[i, j] * x)], z[k, j], a[k, j], dA[k, j], local?[k, j], dZ[k, j],
                output ? y[k, j] : null,
                softmax ? [.. Enumerable.Range(0, info.Units).Select(i => jacobians![k][j, i])] : null,
                softmax ? [.. Enumerable.Range(0, info.Units).Select(i => dA[k, i])] : null));
        }

        var dW = Get(s, $"dW{l}");
        var next = Get(s, $"W{l}_next");
        var weights = Enumerable.Range(0, info.Inputs).Select(i => new IncomingWeight(
            i, w[i, j], [.. examples.Select(x => x.Inputs[i] * x.Delta)], dW[i, j], next[i, j])).ToList();
        double? bias = null, biasGradient = null, biasNext = null;
        if (info.HasBias)
        {
            (bias, biasGradient, biasNext) = (Get(s, $"b{l}")[0, j], Get(s, $"db{l}")[0, j], Get(s, $"b{l}_next")[0, j]);
        }

        double eta = s.TryGet("eta", out var stepEta) ? stepEta[0, 0] : e.LearningRate;
        return new UnitWork
        {
            Layer = info,
            Unit = j,
            IsOutput = output,
            Rule = rule,
            Normalizer = e.Loss.Normalizer(z.Rows, info.Units),
            Examples = examples,
            Weights = weights,
            Bias = bias,
            BiasGradient = biasGradient,
            BiasNext = biasNext,
            Eta = eta,
            PlainSgd = e.Spec.Train.IsPlainSgd,
            Optimizer = e.Optimizer,
        };
    }

    private static Tensors.Matrix<double> Get(StepTrace s, string name) =>
        s.TryGet(name, out var m) ? m : throw new NablaException($"The step's trace has no {name}.");
}
