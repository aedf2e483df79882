using System.Numerics;
using System.Runtime.InteropServices;

namespace Nabla.Optimizers;

/// <summary>
/// Adagrad, as torch.optim.Adagrad: s ← s + g²;  W ← W − η·g/(√s + ε). Each weight's step shrinks
/// with the sum of its squared gradients so far. ε &gt; 0.
/// </summary>
/// <exception cref="ArgumentOutOfRangeException">When ε is not positive and finite.</exception>
public sealed class Adagrad<T>(double learningRate, double epsilon = 1e-10)
    : Optimizer<T>(learningRate)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly List<T[]> sums = [];

    /// <summary>ε, which keeps the division away from 0.</summary>
    public double Epsilon { get; } = Decay.Positive(epsilon, nameof(epsilon));

    /// <inheritdoc/>
    protected internal override bool UpdatesElementWise => true;

    /// <inheritdoc/>
    internal override IReadOnlyList<string> StateNames => ["s"];

    /// <summary>s ← s + g².</summary>
    internal static T Sum(T s, T g) => s + (g * g);

    /// <inheritdoc/>
    protected override void Update(int slot, Span<T> w, ReadOnlySpan<T> g)
    {
        var s = State(sums, slot, w.Length);
        T eps = T.CreateChecked(Epsilon);
        T eta = T.CreateChecked(LearningRate);
        int i = Vectorized ? Vectors(w, g, s, eps, eta) : 0;
        for (; i < w.Length; i++)
        {
            s[i] = Sum(s[i], g[i]);                              // s ← s + g²
            w[i] = Descend(w[i], eta, Scaled(g[i], s[i], eps)); // W ← W − η·g/(√s + ε)
        }

        Record(slot, "s", s);
    }

    /// <summary>The loop above on whole registers (the same operations in the same order, so the same values); where it stopped.</summary>
    private static int Vectors(Span<T> w, ReadOnlySpan<T> g, Span<T> s, T eps, T eta)
    {
        var (veps, veta) = (new Vector<T>(eps), new Vector<T>(eta));
        ref T g0 = ref MemoryMarshal.GetReference(g);
        ref T s0 = ref MemoryMarshal.GetReference(s);
        ref T w0 = ref MemoryMarshal.GetReference(w);
        nuint i = 0;
        for (; (int)i <= w.Length - Vector<T>.Count; i += (nuint)Vector<T>.Count)
        {
            // (loads and stores at an offset, not span slices: an interpreter makes a call of each slice)
            var gi = Vector.LoadUnsafe(ref g0, i);
            var si = Vector.LoadUnsafe(ref s0, i) + (gi * gi);
            si.StoreUnsafe(ref s0, i);
            (Vector.LoadUnsafe(ref w0, i) - (veta * (gi / (Vector.SquareRoot(si) + veps)))).StoreUnsafe(ref w0, i);
        }

        return (int)i;
    }
}
