using System.Numerics;
using Nabla.Activations;
using Nabla.Tensors;
using Nabla.Training;

namespace Nabla.Explain;

/// <summary>
/// Records each training step the <see cref="Trainer{T}"/> takes: the layers' own buffers
/// (Z, A, dZ, dW, db, dX) right after Backward, the weights before and after the update,
/// and the loss after the step. Nothing is recomputed by a second code path, except dA_L
/// (∂L/∂A_L, from the loss's own Gradient) when training took a fused shortcut past it.
/// </summary>
public sealed class Trace<T> : IStepObserver<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>
    /// At most this many numbers are kept over all steps: far more than anyone reads, and few enough
    /// that every format (json's text above all) stays within a few hundred MB.
    /// </summary>
    public const long ValueBudget = 2_000_000;

    private readonly List<StepTrace> steps = [];
    private StepTrace? current;
    private long valueCount;

    public IReadOnlyList<StepTrace> Steps => steps;

    public bool WantsInputGradient => true;

    public void BeforeUpdate(long step, ReadOnlySpan<int> examples, Network<T> network, Matrix<T> x, Matrix<T> y)
    {
        var s = new StepTrace(step, examples.ToArray()) { Fused = network.LastBackwardWasFused };
        s.Set("X", ToDouble(x));
        s.Set("Y", ToDouble(y));
        int count = network.Layers.Count;
        for (int l = 1; l <= count; l++)
        {
            var layer = network.Layers[l - 1];
            s.Set($"W{l}", ToDouble(layer.W));
            if (layer.B is not null)
            {
                s.Set($"b{l}", ToDouble(layer.B));
            }

            s.Set($"Z{l}", ToDouble(layer.Z));
            s.Set($"A{l}", ToDouble(layer.A));
            if (layer.Mask is { } mask)
            {
                s.Set($"M{l}", ToDouble(mask)); // dropout's mask: A = f(Z) ⊙ M
            }
        }

        var output = network.Layers[^1];
        double loss = double.CreateChecked(network.LossValue(y));
        s.SetScalar("loss", loss);
        // loss_sum: the plain sum of the per-term losses, Σ (ŷ − y)² or −Σ [y log p + …], before ½ and 1/N
        double half = network.Loss is Losses.SquaredError { Half: true } ? 0.5 : 1;
        s.SetScalar("loss_sum", loss * network.Loss.Normalizer(y.Rows, y.Cols) / half);

        var dAL = new Matrix<T>(y.Rows, y.Cols);
        network.Loss.Gradient(output.A, y, dAL); // dA_L = ∂L/∂A_L (what the fused path skips)
        for (int l = count; l >= 1; l--)
        {
            var layer = network.Layers[l - 1];
            s.Set($"dA{l}", l == count ? ToDouble(dAL) : ToDouble(network.Layers[l].DX)); // dA_l = dX of layer l+1
            RecordLocalDerivative(s, l, layer.Activation, layer.Z, layer.A, layer.Mask);
            s.Set($"dZ{l}", ToDouble(layer.DZ));
            s.Set($"dW{l}", ToDouble(layer.DW));
            if (layer.B is not null)
            {
                s.Set($"db{l}", ToDouble(layer.DB));
            }
        }

        s.Set("dX", ToDouble(network.Layers[0].DX));
        current = s;
    }

    public void AfterUpdate(long step, Network<T> network, Matrix<T> x, Matrix<T> y)
    {
        var s = current ?? throw new InvalidOperationException("AfterUpdate without BeforeUpdate.");
        for (int l = 1; l <= network.Layers.Count; l++)
        {
            var layer = network.Layers[l - 1];
            s.Set($"W{l}_next", ToDouble(layer.W));
            if (layer.B is not null)
            {
                s.Set($"b{l}_next", ToDouble(layer.B));
            }
        }

        network.Forward(x); // the same batch through the updated network
        s.SetScalar("loss_next", double.CreateChecked(network.LossValue(y)));
        valueCount += s.ValueCount;
        if (valueCount > ValueBudget)
        {
            throw new NablaException(
                $"the worked solution of {steps.Count + 1} steps would hold more than {ValueBudget:N0} numbers (this network and batch give {s.ValueCount:N0} a step). " +
                $"Fix: ask for at most {Math.Max(1, steps.Count)} steps, or a smaller batch.");
        }

        steps.Add(s);
        current = null;
    }

    /// <summary>
    /// f′(Z) for an element-wise activation; the per-example Jacobian for softmax. After dropout the output is
    /// f(Z) ⊙ M, so its local gradient is f′(Z) ⊙ M (f′ taken at f(Z) before the mask).
    /// </summary>
    private static void RecordLocalDerivative(StepTrace s, int l, Activation f, Matrix<T> z, Matrix<T> a, Matrix<T>? mask)
    {
        if (mask is not null)
        {
            var zd = ToDouble(z);
            s.Set($"dAdZ{l}", Checking.StepRules.MaskedDerivative(f, zd, ToDouble(mask)));
            if (f is Softmax)
            {
                s.Jacobians[l] = Enumerable.Range(0, z.Rows)
                    .Select(i => Matrix<double>.FromRows(ToRows(Softmax.Jacobian(Checking.StepRules.Apply(f, zd).Row(i)))))
                    .ToArray();
            }

            return;
        }

        if (f is Softmax)
        {
            var p = ToDouble(a); // converted once, not once per example
            s.Jacobians[l] = Enumerable.Range(0, p.Rows)
                .Select(i => Matrix<double>.FromRows(ToRows(Softmax.Jacobian(p.Row(i)))))
                .ToArray();
            return;
        }

        var d = new Matrix<double>(z.Rows, z.Cols);
        var zs = z.Span;
        var As = a.Span;
        for (int i = 0; i < zs.Length; i++)
        {
            d.Span[i] = double.CreateChecked(f.Derivative(zs[i], As[i])); // f′(z), the local gradient
        }

        s.Set($"dAdZ{l}", d);
    }

    private static double[][] ToRows(double[,] m) =>
        Enumerable.Range(0, m.GetLength(0)).Select(r => Enumerable.Range(0, m.GetLength(1)).Select(c => m[r, c]).ToArray()).ToArray();

    private static Matrix<double> ToDouble(Matrix<T> m) => Matrix<double>.FromArray(m.Rows, m.Cols, m.ToArray());
}
