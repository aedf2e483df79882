using System.Numerics;
using Nabla.Activations;
using Nabla.Layers;
using Nabla.Losses;
using Nabla.Optimizers;
using Nabla.Tensors;

namespace Nabla;

/// <summary>
/// Backpropagation as a textbook writes it: one training step of a fully connected network,
/// each line its equation, in plain loops: nothing fused, no threads, no vector registers.
/// Layer l (from 1) has weights W_l (n_in × n_out), bias b_l (1 × n_out) and activation f_l;
/// the rows of X, Z and A are the examples of the batch.
/// <code>
/// forward    A₀ = X;  Z_l = A_{l−1}·W_l + b_l;  A_l = f_l(Z_l)          l = 1 … L
/// loss       L = loss(A_L, Y)
/// output     dA_L = ∂L/∂A_L
/// backward   δ_l = dZ_l = dA_l ⊙ f_l′(Z_l)   (softmax: dZ = dA·J, J = ∂A/∂Z per example)
///            dW_l = A_{l−1}ᵀ·δ_l;  db_l = Σ_rows δ_l;  dA_{l−1} = δ_l·W_lᵀ   l = L … 1  (dA₀ = dX)
/// update     θ ← the optimizer's rule (θ, ∂L/∂θ)                     (SGD: W ← W − η·dW)
/// </code>
/// For a 2-2-1 sigmoid network with squared error this is δ2 = (a2 − y) ⊙ σ′(z2) and
/// δ1 = δ2·W2ᵀ ⊙ σ′(z1). The engine (<see cref="Network{T}"/> with its fast paths) computes the
/// same quantities faster; tests hold each of its paths to these. Each equation is a public
/// function of its own (<see cref="Product"/>, <see cref="AddBias"/>, <see cref="Activate"/>,
/// <see cref="OutputGradient"/>, <see cref="Delta"/>, <see cref="LocalDerivative"/>, …): the
/// recomputation of <c>check</c> and the f′ and dA_L of <c>explain</c> are these functions too.
/// </summary>
public static class Textbook
{
    /// <summary>
    /// One step of <paramref name="network"/> on the batch (X, Y): every quantity, and the weights
    /// after <paramref name="optimizer"/>'s update. The network itself is not changed: the step
    /// reads its W, b, activations and loss, and updates copies.
    /// </summary>
    public static TextbookStep<T> Step<T>(Network<T> network, Matrix<T> x, Matrix<T> y, Optimizer<T> optimizer)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var layers = network.Layers;
        int count = layers.Count;
        var step = new TextbookStep<T>(x, y, count);

        // Forward: A₀ = X; Z_l = A_{l−1}·W_l + b_l; A_l = f_l(Z_l).
        var a = x;
        for (int l = 1; l <= count; l++)
        {
            var layer = layers[l - 1];
            var z = Product(a, layer.W);                  // Z = A_{l−1}·W
            if (layer.B is not null)
            {
                AddBias(z, layer.B);                      // Z = Z + b
            }

            a = Activate(layer.Activation, z);            // A = f(Z)
            step.Z[l] = z;
            step.A[l] = a;
        }

        // The loss, and its gradient with respect to the network's output.
        step.Loss = network.Loss.Value(a, y);              // L = loss(A_L, Y)
        var dA = OutputGradient(network.Loss, a, y);       // dA_L = ∂L/∂A_L

        // Backward, from the top layer down.
        for (int l = count; l >= 1; l--)
        {
            var layer = layers[l - 1];
            step.DA[l] = dA;
            var dZ = Delta(layer.Activation, step.Z[l], step.A[l], dA);  // δ = dZ = dA ⊙ f′(Z)
            step.DZ[l] = dZ;
            step.DW[l] = ProductTransposeA(step.A[l - 1], dZ);          // dW = A_{l−1}ᵀ·δ
            step.DB[l] = layer.B is null ? null : ColumnSums(dZ);        // db = Σ_rows δ
            dA = ProductTransposeB(dZ, layer.W);                         // dA_{l−1} = δ·Wᵀ
        }

        step.DX = dA;                                                    // dX = dA₀ = δ₁·W₁ᵀ

        // Update: each parameter by the optimizer's own rule, on copies of W and b.
        var parameters = new List<Parameter<T>>();
        for (int l = 1; l <= count; l++)
        {
            var layer = layers[l - 1];
            step.WNext[l] = layer.W.Clone();
            parameters.Add(new Parameter<T>($"W{l}", step.WNext[l], step.DW[l], () => layer.TrainWeights));
            if (layer.B is not null)
            {
                step.BNext[l] = layer.B.Clone();
                parameters.Add(new Parameter<T>($"b{l}", step.BNext[l]!, step.DB[l]!, () => layer.TrainBias));
            }
        }

        optimizer.Step(parameters);
        return step;
    }

    /// <summary>C = A·B: C[i,j] = Σ_k A[i,k]·B[k,j].</summary>
    public static Matrix<T> Product<T>(Matrix<T> a, Matrix<T> b)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var c = new Matrix<T>(a.Rows, b.Cols);
        for (int i = 0; i < a.Rows; i++)
        {
            for (int j = 0; j < b.Cols; j++)
            {
                T sum = T.Zero;
                for (int k = 0; k < a.Cols; k++)
                {
                    sum += a[i, k] * b[k, j];
                }

                c[i, j] = sum;
            }
        }

        return c;
    }

    /// <summary>Z = Z + b: the bias row b (1 × n) added to every row of Z, Z[i,j] += b[0,j].</summary>
    public static void AddBias<T>(Matrix<T> z, Matrix<T> b)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < z.Rows; i++)
        {
            for (int j = 0; j < z.Cols; j++)
            {
                z[i, j] += b[0, j];
            }
        }
    }

    /// <summary>A = f(Z): the activation applied to every element (softmax: to every row).</summary>
    public static Matrix<T> Activate<T>(Activation f, Matrix<T> z)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var a = new Matrix<T>(z.Rows, z.Cols);
        f.Forward(z, a);
        return a;
    }

    /// <summary>dA_L = ∂L/∂A_L: the loss's derivative with respect to the network's output.</summary>
    public static Matrix<T> OutputGradient<T>(Loss loss, Matrix<T> a, Matrix<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var dA = new Matrix<T>(a.Rows, a.Cols);
        loss.Gradient(a, y, dA);
        return dA;
    }

    /// <summary>δ = dZ = dA ⊙ f′(Z) for an element-wise f; for softmax dZ = dA·J, J = ∂A/∂Z per example.</summary>
    public static Matrix<T> Delta<T>(Activation f, Matrix<T> z, Matrix<T> a, Matrix<T> dA)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        f.IsElementWise
            ? Hadamard(dA, LocalDerivative(f, z, a))    // dA ⊙ f′(Z)
            : SoftmaxDelta(a, dA);                      // softmax's Jacobian product

    /// <summary>f′(Z) element by element: D[i,j] = f′(Z[i,j]), given A = f(Z) too (σ′ = a(1 − a)); element-wise f only.</summary>
    public static Matrix<T> LocalDerivative<T>(Activation f, Matrix<T> z, Matrix<T> a)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var d = new Matrix<T>(z.Rows, z.Cols);
        for (int i = 0; i < z.Rows; i++)
        {
            for (int j = 0; j < z.Cols; j++)
            {
                d[i, j] = f.Derivative(z[i, j], a[i, j]);
            }
        }

        return d;
    }

    /// <summary>Softmax's δ, row by row: dZᵢ = Σⱼ dAⱼ·∂aⱼ/∂zᵢ = aᵢ(dAᵢ − Σⱼ dAⱼaⱼ).</summary>
    public static Matrix<T> SoftmaxDelta<T>(Matrix<T> a, Matrix<T> dA)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var dZ = new Matrix<T>(a.Rows, a.Cols);
        for (int i = 0; i < a.Rows; i++)
        {
            T dot = T.Zero;
            for (int j = 0; j < a.Cols; j++)
            {
                dot += dA[i, j] * a[i, j];                                // Σⱼ dAⱼ·aⱼ
            }

            for (int j = 0; j < a.Cols; j++)
            {
                dZ[i, j] = a[i, j] * (dA[i, j] - dot);
            }
        }

        return dZ;
    }

    /// <summary>C = A ⊙ B: C[i,j] = A[i,j]·B[i,j], element by element (δ = dA ⊙ f′(Z)).</summary>
    public static Matrix<T> Hadamard<T>(Matrix<T> a, Matrix<T> b)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var c = new Matrix<T>(a.Rows, a.Cols);
        for (int i = 0; i < a.Rows; i++)
        {
            for (int j = 0; j < a.Cols; j++)
            {
                c[i, j] = a[i, j] * b[i, j];
            }
        }

        return c;
    }

    /// <summary>C = Aᵀ·B: C[i,j] = Σ_k A[k,i]·B[k,j] (k runs over the examples).</summary>
    public static Matrix<T> ProductTransposeA<T>(Matrix<T> a, Matrix<T> b)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var c = new Matrix<T>(a.Cols, b.Cols);
        for (int i = 0; i < a.Cols; i++)
        {
            for (int j = 0; j < b.Cols; j++)
            {
                T sum = T.Zero;
                for (int k = 0; k < a.Rows; k++)
                {
                    sum += a[k, i] * b[k, j];
                }

                c[i, j] = sum;
            }
        }

        return c;
    }

    /// <summary>db = Σ_rows δ: s[0,j] = Σ_i δ[i,j], the sum over the examples.</summary>
    public static Matrix<T> ColumnSums<T>(Matrix<T> delta)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var s = new Matrix<T>(1, delta.Cols);
        for (int i = 0; i < delta.Rows; i++)
        {
            for (int j = 0; j < delta.Cols; j++)
            {
                s[0, j] += delta[i, j];
            }
        }

        return s;
    }

    /// <summary>C = A·Bᵀ: C[i,j] = Σ_k A[i,k]·B[j,k].</summary>
    public static Matrix<T> ProductTransposeB<T>(Matrix<T> a, Matrix<T> b)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var c = new Matrix<T>(a.Rows, b.Rows);
        for (int i = 0; i < a.Rows; i++)
        {
            for (int j = 0; j < b.Rows; j++)
            {
                T sum = T.Zero;
                for (int k = 0; k < a.Cols; k++)
                {
                    sum += a[i, k] * b[j, k];
                }

                c[i, j] = sum;
            }
        }

        return c;
    }
}
