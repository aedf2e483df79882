using Nabla.Numerics;
using Nabla.Tensors;

namespace Nabla.Explain.Checking;

/// <summary>
/// The values a wrong answer would have had under each usual slip, most specific first:
/// sign, transposition, the diagonal-only softmax Jacobian, Z and A swapped, a factor
/// (2, m, N and their inverses), a matrix product where ⊙ belongs.
/// </summary>
public sealed class SlipCandidates(StepTrace trace, StepRules rules, RecomputedStep? diagonal)
{
    /// <summary>
    /// The candidates for one wrong value. <paramref name="wholeTransposed"/>: the learner's
    /// whole line reads as the transposed matrix.
    /// </summary>
    public IEnumerable<SlipCandidate> For(CheckedValue v, bool wholeTransposed)
    {
        var q = QuantityName.Parse(v.Name);
        int r = v.Element.Row;
        int c = v.Element.Col;
        double t = v.TrueValue;
        double start = q.IsUpdate ? trace[$"{q.Kind}{q.Layer}"][r, c] : 0; // W before the step, for an update
        SlipCandidate Make(string cause, string? detail, double value, string why) =>
            new([cause], detail, value, q.IsUpdate ? value - start : value, why);

        if (q.IsUpdate)
        {
            double plus = start + (start - t);
            yield return Make(Causes.Sign, "step added", plus,
                $"adding the step instead of subtracting it ({v.Name[..^5]} + {(rules.IsSgd ? $"η·d{v.Name[..^5]}" : "the step")}) gives {Show(plus)}");
        }

        yield return Make(Causes.Sign, null, -t, $"the right value is {Show(t)}: yours has the opposite sign");

        if (v.Element.Transposed is { } tp && (tp.Row != r || tp.Col != c) && (wholeTransposed || !v.Answer.IsWhole))
        {
            double value = trace[v.Name][tp.Row, tp.Col];
            yield return Make(Causes.Transposed, null, value, wholeTransposed
                ? $"the values you wrote are {v.Name}ᵀ read row by row: in {v.Label}'s place stands {Show(value)}, the entry across the diagonal"
                : $"{Show(value)} is the entry across the diagonal from {v.Label} (which is {Show(t)})");
        }

        if (diagonal is not null && q.IsBackward && diagonal.Get(v.Name) is { } world)
        {
            double value = world[r, c];
            bool half = Math.Abs((value / t) - 0.5) < 1e-6;
            yield return Make(Causes.DiagonalJacobian, half ? "half the true value" : null, value,
                $"keeping only the diagonal pᵢ(1 − pᵢ) of the softmax Jacobian (dropping ∂pⱼ/∂oᵢ = −pᵢpⱼ) gives {v.Label} = {Show(value)}" +
                (half ? $", half the true {Show(t)}" : $" instead of {Show(t)}"));
        }

        foreach (var candidate in Swapped(v, q))
        {
            yield return Make(Causes.PreActivation, null, candidate.Value, candidate.Why);
        }

        foreach (var (k, detail, why) in Factors())
        {
            double value = q.IsUpdate ? start + (k * (t - start)) : k * t;
            yield return Make(Causes.Factor, detail, value, q.IsUpdate
                ? $"{why} in the step ({Show(value - start)} against the right {Show(t - start)})"
                : $"{why} ({Show(value)} against the right {Show(t)})");
        }

        foreach (var candidate in Products(v, q))
        {
            yield return Make(Causes.MatrixProduct, null, candidate.Value, candidate.Why);
        }
    }

    /// <summary>Z where A belongs, A where Z belongs, f′ taken at A, dW from Z_{l−1}, the loss of Z_L.</summary>
    private IEnumerable<(double Value, string Why)> Swapped(CheckedValue v, QuantityName q)
    {
        int r = v.Element.Row;
        int c = v.Element.Col;
        int l = q.Layer;
        int last = rules.LayerCount;
        Func<string, Matrix<double>> With(params (string Name, Matrix<double> Value)[] swaps) =>
            n => swaps.FirstOrDefault(s => s.Name == n).Value ?? trace[n];
        switch (q.Kind)
        {
            case "A" when !q.Next:
                yield return (trace[$"Z{l}"][r, c], $"Z{l} there is {Show(trace[$"Z{l}"][r, c])}, the pre-activation; A{l} = f(Z{l}) is {Show(v.TrueValue)}");
                break;
            case "Z" when !q.Next:
                yield return (trace[$"A{l}"][r, c], $"A{l} there is {Show(trace[$"A{l}"][r, c])}, the activation; Z{l} before f is {Show(v.TrueValue)}");
                break;
            case "dW" when l >= 2:
                var dW = rules.Recompute(v.Name, With(($"A{l - 1}", trace[$"Z{l - 1}"])))!;
                yield return (dW[r, c], $"Z{l - 1}ᵀ·dZ{l} (Z{l - 1} in place of A{l - 1}) gives {Show(dW[r, c])}");
                break;
            case "loss" or "loss_sum" or "dA" when q.Kind != "dA" || l == last:
                var fromZ = rules.Recompute(v.Name, With(($"A{last}", trace[$"Z{last}"])))!;
                yield return (fromZ[r, c], $"the loss taken of Z{last} instead of A{last} gives {Show(fromZ[r, c])}");
                break;
            case "dAdZ" or "dZ" when rules.ActivationOf(l).IsElementWise:
                var f = rules.ActivationOf(l);
                var z = trace[$"Z{l}"];
                var a = trace[$"A{l}"];
                var atA = Textbook.LocalDerivative(f, a, Textbook.Activate(f, a)); // f′(A)
                var zForA = Textbook.LocalDerivative(f, z, z); // f′ written in a, with z put in
                string what = q.Kind == "dZ" ? $"dA{l} ⊙ f′" : "f′";
                foreach (var (fPrime, how) in new[] { (atA, $"f′ evaluated at A{l} instead of Z{l}"), (zForA, $"f′ = {FormulaInA(f.Name)} with z put in place of a") })
                {
                    var value = q.Kind == "dZ" ? rules.Recompute(v.Name, With(($"dAdZ{l}", fPrime)))! : fPrime;
                    yield return (value[r, c], $"{how}: {what} gives {Show(value[r, c])}");
                }

                break;
        }
    }

    /// <summary>dZ as a matrix product of dA and f′ (defined only when dZ is square).</summary>
    private IEnumerable<(double Value, string Why)> Products(CheckedValue v, QuantityName q)
    {
        int l = q.Layer;
        if (q.Kind != "dZ" || q.Next || !rules.ActivationOf(l).IsElementWise)
        {
            yield break;
        }

        var dA = trace[$"dA{l}"];
        var fPrime = trace[$"dAdZ{l}"];
        if (dA.Rows != dA.Cols || dA.Rows < 2)
        {
            yield break;
        }

        foreach (var (product, how) in new[]
        {
            (Textbook.Product(dA, fPrime), $"dA{l}·f′"), (Textbook.Product(fPrime, dA), $"f′·dA{l}"),
            (Textbook.ProductTransposeB(dA, fPrime), $"dA{l}·f′ᵀ"), (Textbook.ProductTransposeA(dA, fPrime), $"dA{l}ᵀ·f′"),
        })
        {
            double value = product[v.Element.Row, v.Element.Col];
            yield return (value, $"the matrix product {how} in place of dA{l} ⊙ f′ gives {Show(value)}");
        }
    }

    /// <summary>k with its name: the learner's value is k × the right one.</summary>
    private IEnumerable<(double K, string Detail, string Why)> Factors()
    {
        int m = trace["X"].Rows;
        int n = rules.Loss.Normalizer(m, trace["Y"].Cols);
        var all = new (double, string, string)[]
        {
            (2, "missing factor ½", "your value is twice the right one: a factor ½ was left out (or a factor 2 put in)"),
            (0.5, "extra factor ½", "your value is half the right one: a factor ½ too many (or a 2 left out)"),
            (m, "missing factor 1/m", $"your value is m = {m} times the right one: the 1/m of the mean over the batch was left out"),
            (1.0 / m, "extra factor 1/m", $"your value is 1/m = 1/{m} of the right one: the 1/m of the mean was applied twice"),
            (2.0 * m, "missing factor 1/(2m)", $"your value is 2m = {2 * m} times the right one: the 1/(2m) in front of the sum was left out"),
            (1.0 / (2 * m), "extra factor 1/(2m)", $"your value is 1/(2m) = 1/{2 * m} of the right one: 1/(2m) was applied once too often"),
            (n, "missing factor 1/N", $"your value is N = {n} times the right one: the 1/N of the mean over all N terms was left out"),
            (1.0 / n, "extra factor 1/N", $"your value is 1/N = 1/{n} of the right one: the 1/N of the mean was applied twice"),
        };
        var seen = new HashSet<double> { 1 };
        return all.Where(f => seen.Add(f.Item1));
    }

    private static string FormulaInA(string activation) => activation switch
    {
        "sigmoid" => "a(1 − a)",
        "tanh" => "1 − a²",
        _ => "f′(a)",
    };

    internal static string Show(double x) => NumberFormat.Format(x, 6);
}
