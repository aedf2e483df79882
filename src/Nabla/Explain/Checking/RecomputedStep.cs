using Nabla.Tensors;

namespace Nabla.Explain.Checking;

/// <summary>
/// A step recomputed from its start (X, Y, W, b; η, t and the optimizer's state) by <see cref="StepRules"/>, optionally with a
/// slip built in: with <c>diagonalSoftmax</c>, the world of a learner who kept only the diagonal
/// p(1 − p) of the softmax Jacobian, carried through every dZ, dW, db, dX and update.
/// </summary>
public sealed class RecomputedStep(StepTrace trace, StepRules rules, bool diagonalSoftmax)
{
    private readonly Dictionary<string, Matrix<double>?> cache = [];

    /// <summary>The quantity in this world; null where it cannot be recomputed.</summary>
    public Matrix<double>? Get(string name)
    {
        if (cache.TryGetValue(name, out var cached))
        {
            return cached;
        }

        var q = QuantityName.Parse(name);
        // Where the step starts: the data, the parameters, the step's η and t, and the optimizer's state before it.
        bool start = name is "X" or "Y" or "eta" or "t" || (q.Kind is "W" or "b" or "v" or "m" or "s" && !q.Next);
        Matrix<double>? value;
        if (start)
        {
            value = trace[name];
        }
        else if (!trace.Has(name) && q.Kind != "dAdZ")
        {
            value = null;
        }
        else
        {
            value = rules.Recompute(name, n => Get(n) ?? throw new InvalidOperationException($"{n} cannot be recomputed."), diagonalSoftmax);
        }

        cache[name] = value;
        return value;
    }
}
