using System.Numerics;
using Nabla.Tensors;

namespace Nabla.Losses;

/// <summary>How the per-term losses are combined: averaged (mean) or added up (sum).</summary>
public enum Reduction
{
    /// <summary>The terms are averaged.</summary>
    Mean,
    /// <summary>The terms are added up.</summary>
    Sum,
}

/// <summary>
/// A loss L(Ŷ, Y) over a batch (rows = examples) and its gradient dA = ∂L/∂Ŷ.
/// N, the number of averaged terms, is reported by <see cref="Normalizer"/>.
/// </summary>
public abstract class Loss
{
    /// <summary>A loss combining its terms by <paramref name="reduction"/>.</summary>
    protected Loss(Reduction reduction) => Reduction = reduction;

    /// <summary>How the terms are combined.</summary>
    public Reduction Reduction { get; }

    /// <summary>The canonical name used in spec files ("half_mse", "bce", …).</summary>
    public abstract string Name { get; }

    /// <summary>The formula, for people: e.g. "L = (1/2N) Σ (ŷ − y)²".</summary>
    public abstract string Formula { get; }

    /// <summary>The reduced loss over the batch.</summary>
    public abstract T Value<T>(Matrix<T> yHat, Matrix<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>dA = ∂L/∂Ŷ, element by element (it includes the 1/N of a mean).</summary>
    public abstract void Gradient<T>(Matrix<T> yHat, Matrix<T> y, Matrix<T> dA)
        where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>N: the divisor of the mean for an m × k batch (1 for a sum).</summary>
    public abstract int Normalizer(int m, int k);

    /// <summary>Why these labels are outside the loss's domain, or null when they fit.</summary>
    public virtual string? CheckLabels(Matrix<double> y) => null;

    /// <inheritdoc/>
    public override string ToString() => Name;

    /// <summary>The loss a spec names, or null when the name is unknown.</summary>
    /// <param name="delta">Huber's δ; null for its default, 1.</param>
    public static Loss? FromName(string name, Reduction? reduction = null, double? delta = null) => name switch
    {
        "mse" => new SquaredError(half: false, reduction ?? Reduction.Mean),
        "half_mse" => new SquaredError(half: true, reduction ?? Reduction.Mean),
        "sse" => new SquaredError(half: false, reduction ?? Reduction.Sum),
        "half_sse" => new SquaredError(half: true, reduction ?? Reduction.Sum),
        "bce" or "binary_cross_entropy" => new BinaryCrossEntropy(reduction ?? Reduction.Mean),
        "cce" or "categorical_cross_entropy" => new CategoricalCrossEntropy(reduction ?? Reduction.Mean),
        "mae" or "l1" => new AbsoluteError(reduction ?? Reduction.Mean),
        "huber" => new HuberLoss(delta ?? HuberLoss.DefaultDelta, reduction ?? Reduction.Mean),
        _ => null,
    };

    /// <summary>The names a spec may give a loss.</summary>
    public static readonly string[] Names = ["mse", "half_mse", "sse", "half_sse", "bce", "cce", "mae", "huber"];

    /// <summary>The smallest probability a log is taken of: p is clamped to [ε, 1 − ε].</summary>
    public static T Epsilon<T>()
        where T : unmanaged, IFloatingPointIeee754<T> =>
        typeof(T) == typeof(float) ? T.CreateChecked(1e-7) : T.CreateChecked(1e-12);
}
