using System.Numerics;

namespace Nabla.Optimizers;

/// <summary>
/// Adam: m ← β₁m + (1 − β₁)g;  v ← β₂v + (1 − β₂)g²;  m̂ = m/(1 − β₁ᵗ);  v̂ = v/(1 − β₂ᵗ);
/// W ← W − η·m̂/(√v̂ + ε). β₁ and β₂ lie in [0, 1) and ε &gt; 0.
/// </summary>
/// <exception cref="ArgumentOutOfRangeException">When β₁ or β₂ is outside [0, 1) or ε is not positive and finite.</exception>
public sealed class Adam<T>(double learningRate, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
    : Optimizer<T>(learningRate)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly List<T[]> firstMoments = [];
    private readonly List<T[]> secondMoments = [];

    /// <summary>β₁, the decay of the first moment.</summary>
    public double Beta1 { get; } = Decay.Check(beta1, nameof(beta1));

    /// <summary>β₂, the decay of the second moment.</summary>
    public double Beta2 { get; } = Decay.Check(beta2, nameof(beta2));

    /// <summary>ε, which keeps the division away from 0.</summary>
    public double Epsilon { get; } = Decay.Positive(epsilon, nameof(epsilon));

    /// <summary>AdamW (Loshchilov and Hutter): weight decay shrinks the weights, w ← w·(1 − η·λ), outside the moments.</summary>
    public bool Decoupled { get; init; }

    /// <inheritdoc/>
    protected override bool DecouplesWeightDecay => Decoupled;

    /// <inheritdoc/>
    protected internal override bool UpdatesElementWise => true;

    /// <inheritdoc/>
    protected override void Update(int slot, Span<T> w, ReadOnlySpan<T> g)
    {
        var m = State(firstMoments, slot, w.Length);
        var v = State(secondMoments, slot, w.Length);
        T b1 = T.CreateChecked(Beta1);
        T b2 = T.CreateChecked(Beta2);
        T eps = T.CreateChecked(Epsilon);
        T eta = T.CreateChecked(LearningRate);
        T c1 = T.One - T.CreateChecked(Math.Pow(Beta1, Steps)); // bias corrections 1 − βᵗ
        T c2 = T.One - T.CreateChecked(Math.Pow(Beta2, Steps));
        for (int i = 0; i < w.Length; i++)
        {
            m[i] = (b1 * m[i]) + ((T.One - b1) * g[i]);
            v[i] = (b2 * v[i]) + ((T.One - b2) * g[i] * g[i]);
            w[i] -= eta * (m[i] / c1) / (T.Sqrt(v[i] / c2) + eps);
        }
    }
}
