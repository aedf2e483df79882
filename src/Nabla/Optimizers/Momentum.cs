using System.Numerics;
using System.Runtime.InteropServices;

namespace Nabla.Optimizers;

/// <summary>
/// Gradient descent with momentum μ: v ← μ·v + dW; W ← W − η·v.
/// Nesterov's variant looks ahead: W ← W − η·(dW + μ·v). μ lies in [0, 1).
/// </summary>
/// <exception cref="ArgumentOutOfRangeException">When μ is outside [0, 1).</exception>
public sealed class Momentum<T>(double learningRate, double momentum = 0.9, bool nesterov = false)
    : Optimizer<T>(learningRate)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly List<T[]> velocities = [];

    /// <summary>μ, the share of the velocity kept from one step to the next.</summary>
    public double Mu { get; } = Decay.Check(momentum, nameof(momentum));

    /// <summary>Whether the update uses Nesterov's look-ahead.</summary>
    public bool Nesterov { get; } = nesterov;

    /// <inheritdoc/>
    protected internal override bool UpdatesElementWise => true;

    /// <inheritdoc/>
    internal override IReadOnlyList<string> StateNames => ["v"];

    /// <summary>v ← μ·v + g.</summary>
    internal static T Velocity(T mu, T v, T g) => (mu * v) + g;

    /// <summary>What W moves by, times η: v, or Nesterov's g + μ·v.</summary>
    internal static T Direction(T mu, T v, T g, bool nesterov) => nesterov ? g + (mu * v) : v;

    /// <inheritdoc/>
    protected override void Update(int slot, Span<T> w, ReadOnlySpan<T> g)
    {
        var v = State(velocities, slot, w.Length);
        T mu = T.CreateChecked(Mu);
        T eta = T.CreateChecked(LearningRate);
        int i = Vectorized ? Vectors(w, g, v, mu, eta) : 0;
        for (; i < w.Length; i++)
        {
            v[i] = Velocity(mu, v[i], g[i]);                          // v ← μ·v + dW
            w[i] = Descend(w[i], eta, Direction(mu, v[i], g[i], Nesterov)); // W ← W − η·v
        }

        Record(slot, "v", v);
    }

    /// <summary>The loop above on whole registers (the same operations in the same order, so the same values); where it stopped.</summary>
    private int Vectors(Span<T> w, ReadOnlySpan<T> g, Span<T> v, T mu, T eta)
    {
        var (vmu, veta) = (new Vector<T>(mu), new Vector<T>(eta));
        ref T g0 = ref MemoryMarshal.GetReference(g);
        ref T v0 = ref MemoryMarshal.GetReference(v);
        ref T w0 = ref MemoryMarshal.GetReference(w);
        nuint i = 0;
        for (; (int)i <= w.Length - Vector<T>.Count; i += (nuint)Vector<T>.Count)
        {
            // (loads and stores at an offset, not span slices: an interpreter makes a call of each slice)
            var gi = Vector.LoadUnsafe(ref g0, i);
            var vi = (vmu * Vector.LoadUnsafe(ref v0, i)) + gi;
            vi.StoreUnsafe(ref v0, i);
            (Vector.LoadUnsafe(ref w0, i) - (veta * (Nesterov ? gi + (vmu * vi) : vi))).StoreUnsafe(ref w0, i);
        }

        return (int)i;
    }
}
