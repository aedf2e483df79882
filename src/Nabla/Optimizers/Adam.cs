using System.Numerics;

namespace Nabla.Optimizers;

/// <summary>
/// Adam: m ← β₁m + (1 − β₁)g;  v ← β₂v + (1 − β₂)g²;  m̂ = m/(1 − β₁ᵗ);  v̂ = v/(1 − β₂ᵗ);
/// W ← W − η·m̂/(√v̂ + ε).
/// </summary>
public sealed class Adam<T>(double learningRate, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
    : Optimizer<T>(learningRate)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly List<T[]> firstMoments = [];
    private readonly List<T[]> secondMoments = [];

    public double Beta1 { get; } = beta1;

    public double Beta2 { get; } = beta2;

    public double Epsilon { get; } = epsilon;

    protected internal override bool UpdatesElementWise => true;

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
