using System.Numerics;
using System.Runtime.InteropServices;

namespace Nabla.Optimizers;

/// <summary>
/// RMSprop, as torch.optim.RMSprop: s ← α·s + (1 − α)·g²; then W ← W − η·g/(√s + ε), or with momentum μ:
/// v ← μ·v + g/(√s + ε); W ← W − η·v. α and μ lie in [0, 1) and ε &gt; 0.
/// </summary>
/// <exception cref="ArgumentOutOfRangeException">When α or μ is outside [0, 1) or ε is not positive and finite.</exception>
public sealed class RmsProp<T>(double learningRate, double alpha = 0.99, double epsilon = 1e-8, double momentum = 0)
    : Optimizer<T>(learningRate)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly List<T[]> squares = [];
    private readonly List<T[]> velocities = [];

    /// <summary>α, the decay of the running mean of g².</summary>
    public double Alpha { get; } = Decay.Check(alpha, nameof(alpha));

    /// <summary>ε, which keeps the division away from 0.</summary>
    public double Epsilon { get; } = Decay.Positive(epsilon, nameof(epsilon));

    /// <summary>μ, the momentum of the scaled step (0: none).</summary>
    public double Mu { get; } = Decay.Check(momentum, nameof(momentum));

    /// <inheritdoc/>
    protected internal override bool UpdatesElementWise => true;

    /// <inheritdoc/>
    internal override IReadOnlyList<string> StateNames => Mu > 0 ? ["s", "v"] : ["s"];

    /// <summary>s ← α·s + (1 − α)·g².</summary>
    internal static T MeanSquare(T alpha, T s, T g) => (alpha * s) + ((T.One - alpha) * g * g);

    /// <inheritdoc/>
    protected override void Update(int slot, Span<T> w, ReadOnlySpan<T> g)
    {
        var s = State(squares, slot, w.Length);
        var v = Mu > 0 ? State(velocities, slot, w.Length) : [];
        T a = T.CreateChecked(Alpha);
        T eps = T.CreateChecked(Epsilon);
        T mu = T.CreateChecked(Mu);
        T eta = T.CreateChecked(LearningRate);
        int i = Vectorized ? Vectors(w, g, s, v, a, eps, mu, eta) : 0;
        for (; i < w.Length; i++)
        {
            s[i] = MeanSquare(a, s[i], g[i]);    // s ← α·s + (1 − α)·g²
            T scaled = Scaled(g[i], s[i], eps); // g/(√s + ε)
            if (Mu > 0)
            {
                v[i] = Momentum<T>.Velocity(mu, v[i], scaled); // v ← μ·v + g/(√s + ε)
                scaled = v[i];
            }

            w[i] = Descend(w[i], eta, scaled); // W ← W − η·(that)
        }

        Record(slot, "s", s);
        if (Mu > 0)
        {
            Record(slot, "v", v);
        }
    }

    /// <summary>The loop above on whole registers (the same operations in the same order, so the same values); where it stopped.</summary>
    private int Vectors(Span<T> w, ReadOnlySpan<T> g, Span<T> s, Span<T> v, T a, T eps, T mu, T eta)
    {
        var (va, a1, veps, vmu, veta) = (new Vector<T>(a), new Vector<T>(T.One - a), new Vector<T>(eps), new Vector<T>(mu), new Vector<T>(eta));
        ref T g0 = ref MemoryMarshal.GetReference(g);
        ref T s0 = ref MemoryMarshal.GetReference(s);
        ref T v0 = ref MemoryMarshal.GetReference(v);
        ref T w0 = ref MemoryMarshal.GetReference(w);
        nuint i = 0;
        for (; (int)i <= w.Length - Vector<T>.Count; i += (nuint)Vector<T>.Count)
        {
            // (loads and stores at an offset, not span slices: an interpreter makes a call of each slice)
            var gi = Vector.LoadUnsafe(ref g0, i);
            var si = (va * Vector.LoadUnsafe(ref s0, i)) + (a1 * gi * gi);
            var scaled = gi / (Vector.SquareRoot(si) + veps);
            si.StoreUnsafe(ref s0, i);
            if (Mu > 0)
            {
                scaled = (vmu * Vector.LoadUnsafe(ref v0, i)) + scaled;
                scaled.StoreUnsafe(ref v0, i);
            }

            (Vector.LoadUnsafe(ref w0, i) - (veta * scaled)).StoreUnsafe(ref w0, i);
        }

        return (int)i;
    }
}
