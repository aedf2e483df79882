using System.Numerics;
using System.Runtime.InteropServices;

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
    internal override IReadOnlyList<string> StateNames => ["m", "v"];

    /// <summary>m ← β₁m + (1 − β₁)g.</summary>
    internal static T FirstMoment(T beta1, T m, T g) => (beta1 * m) + ((T.One - beta1) * g);

    /// <summary>v ← β₂v + (1 − β₂)g².</summary>
    internal static T SecondMoment(T beta2, T v, T g) => (beta2 * v) + ((T.One - beta2) * g * g);

    /// <summary>1 − βᵗ, which m̂ = m/(1 − β₁ᵗ) and v̂ = v/(1 − β₂ᵗ) divide by at step t.</summary>
    internal static T BiasCorrection(double beta, long t) => T.One - T.CreateChecked(Math.Pow(beta, t));

    /// <inheritdoc/>
    protected override void Update(int slot, Span<T> w, ReadOnlySpan<T> g)
    {
        var m = State(firstMoments, slot, w.Length);
        var v = State(secondMoments, slot, w.Length);
        T b1 = T.CreateChecked(Beta1);
        T b2 = T.CreateChecked(Beta2);
        T eps = T.CreateChecked(Epsilon);
        T eta = T.CreateChecked(LearningRate);
        T c1 = BiasCorrection(Beta1, Steps); // bias corrections 1 − βᵗ
        T c2 = BiasCorrection(Beta2, Steps);
        bool recording = Recording;
        var mHats = recording ? new T[w.Length] : [];
        var vHats = recording ? new T[w.Length] : [];
        int i = Vectorized && !recording ? Vectors(w, g, m, v, b1, b2, eps, eta, c1, c2) : 0;
        for (; i < w.Length; i++)
        {
            m[i] = FirstMoment(b1, m[i], g[i]);
            v[i] = SecondMoment(b2, v[i], g[i]);
            T mHat = m[i] / c1;
            T vHat = v[i] / c2;
            w[i] = Descend(w[i], eta, Scaled(mHat, vHat, eps)); // W ← W − η·m̂/(√v̂ + ε)
            if (recording)
            {
                (mHats[i], vHats[i]) = (mHat, vHat);
            }
        }

        Record(slot, "m", m);
        Record(slot, "v", v);
        Record(slot, "mhat", mHats);
        Record(slot, "vhat", vHats);
    }

    /// <summary>The loop above on whole registers (the same operations in the same order, so the same values); where it stopped.</summary>
    private static int Vectors(Span<T> w, ReadOnlySpan<T> g, Span<T> m, Span<T> v, T b1, T b2, T eps, T eta, T c1, T c2)
    {
        var (vb1, vb2, a1, a2) = (new Vector<T>(b1), new Vector<T>(b2), new Vector<T>(T.One - b1), new Vector<T>(T.One - b2));
        var (veps, veta, vc1, vc2) = (new Vector<T>(eps), new Vector<T>(eta), new Vector<T>(c1), new Vector<T>(c2));
        ref T w0 = ref MemoryMarshal.GetReference(w);
        ref T g0 = ref MemoryMarshal.GetReference(g);
        ref T m0 = ref MemoryMarshal.GetReference(m);
        ref T v0 = ref MemoryMarshal.GetReference(v);
        nuint i = 0;
        for (; (int)i <= w.Length - Vector<T>.Count; i += (nuint)Vector<T>.Count)
        {
            // (loads and stores at an offset, not span slices: an interpreter makes a call of each slice)
            var gi = Vector.LoadUnsafe(ref g0, i);
            var mi = (vb1 * Vector.LoadUnsafe(ref m0, i)) + (a1 * gi);
            var vi = (vb2 * Vector.LoadUnsafe(ref v0, i)) + (a2 * gi * gi);
            var wi = Vector.LoadUnsafe(ref w0, i) - (veta * ((mi / vc1) / (Vector.SquareRoot(vi / vc2) + veps)));
            mi.StoreUnsafe(ref m0, i);
            vi.StoreUnsafe(ref v0, i);
            wi.StoreUnsafe(ref w0, i);
        }

        return (int)i;
    }
}
