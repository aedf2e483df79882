using System.Numerics.Tensors;
using Nabla.Activations;
using Nabla.App;
using Nabla.Layers;
using Nabla.Losses;
using Nabla.Optimizers;
using Nabla.Specs;
using Nabla.Tensors;

namespace Nabla.Explain.Checking;

/// <summary>
/// How each quantity of a step is computed from the others, with the core primitives
/// (Activation, Loss, Gemm, RowVector, Sgd) — so a quantity can be recomputed from any set of
/// values: the learner's own, or those of a world with a slip in it. Nabla's layout throughout.
/// </summary>
public sealed class StepRules
{
    private readonly Activation[] activations;
    private readonly bool[] trainWeights;
    private readonly bool[] trainBias;
    private readonly bool[] dropout;

    public StepRules(ModelSpec spec)
    {
        activations = spec.Layers.Select(l => Activation.FromName(l.Activation, l.Alpha)!).ToArray();
        trainWeights = spec.Layers.Select(l => l.Trainable).ToArray();
        trainBias = spec.Layers.Select(l => l.HasBias && l.TrainBias).ToArray();
        HasBias = spec.Layers.Select(l => l.HasBias).ToArray();
        dropout = spec.Layers.Select(l => l.Dropout > 0).ToArray();
        Loss = ModelBuilder.BuildLoss(spec.Loss);
        LearningRate = spec.Train.LearningRate;
        IsSgd = spec.Train.IsPlainSgd;
    }

    public Loss Loss { get; }

    public double LearningRate { get; }

    /// <summary>Only plain SGD (no decay, clipping or schedule) has a rule for W_next that needs nothing but W and dW.</summary>
    public bool IsSgd { get; }

    public int LayerCount => activations.Length;

    public IReadOnlyList<bool> HasBias { get; }

    public Activation ActivationOf(int layer) => activations[layer - 1];

    public bool HasSoftmax => activations.Any(a => a is Softmax);

    /// <summary>The quantities a recomputation of <paramref name="name"/> reads.</summary>
    public IReadOnlyList<string> InputsOf(string name)
    {
        var q = QuantityName.Parse(name);
        int l = q.Layer;
        int last = LayerCount;
        return (q.Kind, q.Next) switch
        {
            ("Z", false) => HasBias[l - 1] ? [Before(l), $"W{l}", $"b{l}"] : [Before(l), $"W{l}"],
            ("A", false) => dropout[l - 1] ? [$"Z{l}", $"M{l}"] : [$"Z{l}"],
            ("loss" or "loss_sum", _) => [$"A{last}", "Y"],
            ("dA", false) => l == last ? [$"A{l}", "Y"] : [$"dZ{l + 1}", $"W{l + 1}"],
            ("dAdZ", false) => dropout[l - 1] ? [$"Z{l}", $"M{l}"] : [$"Z{l}", $"A{l}"],
            ("dZ", false) => activations[l - 1].IsElementWise ? [$"dA{l}", $"dAdZ{l}", $"Z{l}", $"A{l}"] : [$"dA{l}", $"Z{l}", $"A{l}"],
            ("dW", false) => [Before(l), $"dZ{l}"],
            ("db", false) => [$"dZ{l}"],
            ("dX", _) => ["dZ1", "W1"],
            ("W" or "b", true) when IsSgd => [$"{q.Kind}{l}", $"d{q.Kind}{l}"],
            ("loss_next", _) => [.. Enumerable.Range(1, last).SelectMany(k => HasBias[k - 1] ? new[] { $"W{k}_next", $"b{k}_next" } : [$"W{k}_next"]), "X", "Y"],
            _ => [],
        };
    }

    /// <summary>
    /// The quantity recomputed from the values <paramref name="get"/> gives; null where there is
    /// no rule (X, Y, W, b, or an update by an optimizer other than SGD). With
    /// <paramref name="diagonalSoftmax"/> a softmax layer's dZ keeps only the Jacobian's diagonal.
    /// </summary>
    public Matrix<double>? Recompute(string name, Func<string, Matrix<double>> get, bool diagonalSoftmax = false)
    {
        var q = QuantityName.Parse(name);
        int l = q.Layer;
        switch (q.Kind, q.Next)
        {
            case ("Z", false):
                var z = Product(get(Before(l)), get($"W{l}"));
                if (HasBias[l - 1])
                {
                    RowVector.AddTo(z, get($"b{l}").Span); // Z = A_{l−1}·W + b
                }

                return z;
            case ("A", false) when dropout[l - 1]:
                var kept = Apply(activations[l - 1], get($"Z{l}"));
                TensorPrimitives.Multiply(kept.Span, get($"M{l}").Span, kept.Span); // A = f(Z) ⊙ M (dropout)
                return kept;
            case ("A", false):
                return Apply(activations[l - 1], get($"Z{l}"));
            case ("loss", _):
                return Scalar(Loss.Value(get($"A{LayerCount}"), get("Y")));
            case ("loss_sum", _):
                return Scalar(LossSum(get($"A{LayerCount}"), get("Y")));
            case ("dA", false) when l == LayerCount:
                var a = get($"A{l}");
                var dA = new Matrix<double>(a.Rows, a.Cols);
                Loss.Gradient(a, get("Y"), dA); // dA_L = ∂L/∂A_L
                return dA;
            case ("dA", false):
                return ProductTransposeB(get($"dZ{l + 1}"), get($"W{l + 1}")); // dA_l = dZ_{l+1}·W_{l+1}ᵀ
            case ("dAdZ", false) when dropout[l - 1]:
                return MaskedDerivative(activations[l - 1], get($"Z{l}"), get($"M{l}"));
            case ("dAdZ", false) when activations[l - 1].IsElementWise:
                return LocalDerivative(activations[l - 1], get($"Z{l}"), get($"A{l}"));
            case ("dZ", false):
                return Delta(l, get, diagonalSoftmax);
            case ("dW", false):
                return ProductTransposeA(get(Before(l)), get($"dZ{l}")); // dW = A_{l−1}ᵀ·dZ
            case ("db", false):
                return ColumnSums(get($"dZ{l}"));
            case ("dX", _):
                return ProductTransposeB(get("dZ1"), get("W1")); // dX = dZ1·W1ᵀ
            case ("W" or "b", true) when IsSgd:
                bool trainable = q.Kind == "W" ? trainWeights[l - 1] : trainBias[l - 1];
                return SgdStep($"{q.Kind}{l}", get($"{q.Kind}{l}"), get($"d{q.Kind}{l}"), trainable);
            case ("loss_next", _):
                var x = get("X");
                for (int k = 1; k <= LayerCount; k++)
                {
                    var zk = Product(x, get($"W{k}_next"));
                    if (HasBias[k - 1])
                    {
                        RowVector.AddTo(zk, get($"b{k}_next").Span);
                    }

                    x = Apply(activations[k - 1], zk);
                }

                return Scalar(Loss.Value(x, get("Y")));
            default:
                return null;
        }
    }

    /// <summary>Σ of the per-term losses before ½ and 1/N (as the trace's loss_sum).</summary>
    public double LossSum(Matrix<double> a, Matrix<double> y)
    {
        double half = Loss is SquaredError { Half: true } ? 0.5 : 1;
        return Loss.Value(a, y) * Loss.Normalizer(y.Rows, y.Cols) / half;
    }

    /// <summary>dZ = dA ⊙ f′(Z) (the learner's f′ when given), or softmax's Jacobian product.</summary>
    private Matrix<double> Delta(int l, Func<string, Matrix<double>> get, bool diagonalSoftmax)
    {
        var f = activations[l - 1];
        var dA = get($"dA{l}");
        var dZ = new Matrix<double>(dA.Rows, dA.Cols);
        if (f.IsElementWise)
        {
            TensorPrimitives.Multiply(dA.Span, get($"dAdZ{l}").Span, dZ.Span); // dZ = dA ⊙ f′(Z)
        }
        else if (diagonalSoftmax)
        {
            // The slip: keep only ∂pᵢ/∂oᵢ = pᵢ(1 − pᵢ), drop ∂pⱼ/∂oᵢ = −pᵢpⱼ. p(1 − p) is σ′ written in its output.
            new Sigmoid().Backward(get($"Z{l}"), get($"A{l}"), dA, dZ);
        }
        else if (dropout[l - 1])
        {
            var masked = new Matrix<double>(dA.Rows, dA.Cols);
            TensorPrimitives.Multiply(dA.Span, get($"M{l}").Span, masked.Span);
            f.Backward(get($"Z{l}"), Apply(f, get($"Z{l}")), masked, dZ); // dZ = J·(dA ⊙ M), J at f(Z) before the mask
        }
        else
        {
            f.Backward(get($"Z{l}"), get($"A{l}"), dA, dZ);
        }

        return dZ;
    }

    /// <summary>f′ element by element, f.Derivative(z, a).</summary>
    public static Matrix<double> LocalDerivative(Activation f, Matrix<double> z, Matrix<double> a)
    {
        var d = new Matrix<double>(z.Rows, z.Cols);
        for (int i = 0; i < d.Length; i++)
        {
            d.Span[i] = f.Derivative(z.Span[i], a.Span[i]);
        }

        return d;
    }

    /// <summary>∂A/∂Z of a layer with dropout, A = f(Z) ⊙ M: f′(Z) ⊙ M, with f′ taken at f(Z) before the mask (all ones for softmax, whose Jacobian is apart).</summary>
    public static Matrix<double> MaskedDerivative(Activation f, Matrix<double> z, Matrix<double> mask)
    {
        var d = f.IsElementWise ? LocalDerivative(f, z, Apply(f, z)) : Ones(z.Rows, z.Cols);
        TensorPrimitives.Multiply(d.Span, mask.Span, d.Span);
        return d;
    }

    private static Matrix<double> Ones(int rows, int cols)
    {
        var m = new Matrix<double>(rows, cols);
        m.Span.Fill(1);
        return m;
    }

    public static Matrix<double> Apply(Activation f, Matrix<double> z)
    {
        var a = new Matrix<double>(z.Rows, z.Cols);
        f.Forward(z, a);
        return a;
    }

    public static Matrix<double> Product(Matrix<double> a, Matrix<double> b)
    {
        var c = new Matrix<double>(a.Rows, b.Cols);
        Gemm.Multiply(a, b, c);
        return c;
    }

    public static Matrix<double> ProductTransposeA(Matrix<double> a, Matrix<double> b)
    {
        var c = new Matrix<double>(a.Cols, b.Cols);
        Gemm.MultiplyTransposeA(a, b, c);
        return c;
    }

    public static Matrix<double> ProductTransposeB(Matrix<double> a, Matrix<double> b)
    {
        var c = new Matrix<double>(a.Rows, b.Rows);
        Gemm.MultiplyTransposeB(a, b, c);
        return c;
    }

    private static Matrix<double> ColumnSums(Matrix<double> dZ)
    {
        var db = new Matrix<double>(1, dZ.Cols);
        RowVector.ColumnSums<double>(dZ, db.Span); // db = Σ over examples of dZ
        return db;
    }

    /// <summary>W − η·dW by the trainer's own SGD.</summary>
    private Matrix<double> SgdStep(string name, Matrix<double> value, Matrix<double> gradient, bool trainable)
    {
        var next = value.Clone();
        new Sgd<double>(LearningRate).Step([new Parameter<double>(name, next, gradient, () => trainable)]);
        return next;
    }

    private static string Before(int l) => l == 1 ? "X" : $"A{l - 1}";

    private static Matrix<double> Scalar(double value) => Matrix<double>.FromRows([[value]]);
}
