using System.Numerics;
using System.Runtime.CompilerServices;
using Nabla.Activations;
using Nabla.Layers;
using Nabla.Tensors;

namespace Nabla.Training;

/// <summary>
/// Forward and backward passes for one example at a time through small Dense layers (a 2-2-1
/// network trained by stochastic descent), as one plain loop per layer with every shape and
/// activation fixed before the first step. The sums, activations and deltas are those of the
/// layers' own small path (<see cref="SmallDense"/>, <see cref="Gemm"/>'s small-product loop) term
/// for term and in the same order, so the bits are the same; what is left out is the checks and
/// calls between network, layers, matrices and kernels, which for a network this small cost more
/// than its arithmetic. The values land in each layer's own buffers (Z, A, dZ, dW, db, dX).
/// </summary>
internal sealed class OneExampleStep<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Network<T> network;
    private readonly Matrix<T> x;
    private readonly Dense<T>[] layers;
    private readonly ScalarActivation<T>[] f;

    private OneExampleStep(Network<T> network, Matrix<T> x, ScalarActivation<T>[] f)
    {
        this.network = network;
        this.x = x;
        layers = [.. network.Layers];
        this.f = f;
        for (int l = 0; l < layers.Length; l++)
        {
            layers[l].Reserve(1);
            layers[l].Remember(l == 0 ? x : layers[l - 1].A);
            layers[l].Z.SetRows(1);
            layers[l].A.SetRows(1);
            layers[l].DZ.SetRows(1);
            if (l > 0)
            {
                layers[l].DX.SetRows(1); // (the first layer's dX = ∂L/∂X is not computed in training)
            }
        }
    }

    /// <summary>
    /// The step for batches of one example shown through <paramref name="x"/> (a view the trainer moves
    /// from row to row), or null when some layer has no scalar activation or is too large for the small path.
    /// </summary>
    public static OneExampleStep<T>? For(Network<T> network, Matrix<T> x)
    {
        var layers = network.Layers;
        var f = new ScalarActivation<T>[layers.Count];
        for (int l = 0; l < layers.Count; l++)
        {
            var layer = layers[l];
            if (!SmallDense.Fits(1, layer.Inputs, layer.Units) || layer.OneByOne is not { } scalar)
            {
                return null;
            }

            f[l] = scalar;
        }

        return new OneExampleStep<T>(network, x, f);
    }

    /// <summary>z_j = Σ_i x_i·w_ij + b_j and a_j = f(z_j), layer by layer; returns the output layer's A.</summary>
    public Matrix<T> Forward()
    {
        ref T input = ref x.Start;
        for (int l = 0; l < layers.Length; l++)
        {
            var layer = layers[l];
            var fl = f[l];
            int nIn = layer.Inputs, nOut = layer.Units;
            ref T w = ref layer.W.Start;
            ref T z = ref layer.Z.Start;
            ref T a = ref layer.A.Start;
            bool hasBias = layer.B is not null;
            ref T b = ref hasBias ? ref layer.B!.Start : ref Unsafe.NullRef<T>();
            for (int j = 0; j < nOut; j++)
            {
                T sum = T.Zero;
                for (int i = 0; i < nIn; i++)
                {
                    sum += Unsafe.Add(ref input, i) * Unsafe.Add(ref w, (i * nOut) + j);           // Σ_i x_i·w_ij
                }

                T zj = hasBias ? sum + Unsafe.Add(ref b, j) : sum;                                 // z_j = … + b_j
                Unsafe.Add(ref z, j) = zj;
                Unsafe.Add(ref a, j) = fl.Apply(zj);                                               // a_j = f(z_j)
            }

            input = ref a;
        }

        return layers[^1].A;
    }

    /// <summary>
    /// δ_L from the loss (as <see cref="Network{T}.Backward"/> starts), then down the layers:
    /// ∂L/∂w_ij = x_i·δ_j, ∂L/∂b_j = δ_j, and for the layer below δ_i = f′(z_i)·Σ_j δ_j·w_ij.
    /// When <paramref name="descend"/>, each w_ij and b_j also takes the optimizer's step w ← w + α·∂L/∂w
    /// (α = −η, see <see cref="Optimizers.Optimizer{T}.FusesAsDescent"/>) as soon as its gradient is known and
    /// w_ij has been used for ∂L/∂x_i: the values of Backward then Sgd's update (multiply, then add, as its Axpy).
    /// </summary>
    public void Backward(Matrix<T> y, bool descend = false, T alpha = default)
    {
        network.OutputDelta(y);
        for (int l = layers.Length - 1; l >= 0; l--)
        {
            var layer = layers[l];
            int nIn = layer.Inputs, nOut = layer.Units;
            ref T input = ref l == 0 ? ref x.Start : ref layers[l - 1].A.Start;
            ref T dz = ref layer.DZ.Start;
            ref T w = ref layer.W.Start;
            ref T dw = ref layer.DW.Start;
            if (layer.B is not null)
            {
                ref T db = ref layer.DB.Start;
                ref T b = ref layer.B.Start;
                for (int j = 0; j < nOut; j++)
                {
                    T g = T.Zero + Unsafe.Add(ref dz, j);
                    Unsafe.Add(ref db, j) = g;                                                     // ∂L/∂b_j = δ_j (a sum of one row)
                    if (descend)
                    {
                        ref T bj = ref Unsafe.Add(ref b, j);
                        bj = (alpha * g) + bj;                                                    // b_j ← b_j − η·∂L/∂b_j
                    }
                }
            }

            bool below = l > 0;
            var fBelow = below ? f[l - 1] : default;
            ref T zBelow = ref below ? ref layers[l - 1].Z.Start : ref Unsafe.NullRef<T>();
            ref T dzBelow = ref below ? ref layers[l - 1].DZ.Start : ref Unsafe.NullRef<T>();
            ref T dx = ref below ? ref layer.DX.Start : ref Unsafe.NullRef<T>();
            for (int i = 0; i < nIn; i++)
            {
                T xi = Unsafe.Add(ref input, i);
                T sum = T.Zero;
                for (int j = 0; j < nOut; j++)
                {
                    T delta = Unsafe.Add(ref dz, j);
                    T g = T.Zero + (xi * delta);
                    Unsafe.Add(ref dw, (i * nOut) + j) = g;                                        // ∂L/∂w_ij = x_i·δ_j
                    ref T wij = ref Unsafe.Add(ref w, (i * nOut) + j);
                    sum += delta * wij;                                                            // ∂L/∂x_i = Σ_j δ_j·w_ij
                    if (descend)
                    {
                        wij = (alpha * g) + wij;                                                   // w_ij ← w_ij − η·∂L/∂w_ij
                    }
                }

                if (below)
                {
                    Unsafe.Add(ref dx, i) = sum;
                    Unsafe.Add(ref dzBelow, i) = fBelow.Backward(Unsafe.Add(ref zBelow, i), xi, sum); // δ_i below = dA_i·f′(z_i)
                }
            }
        }
    }
}
