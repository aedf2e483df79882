using System.Numerics;
using Nabla.Activations;
using Nabla.Numerics;
using Nabla.Tensors;
using Nabla.Tensors.Kernels;

namespace Nabla.Layers;

/// <summary>
/// A fully connected layer: Z = X·W + b, A = f(Z), for a whole batch X (m × n_in).
/// W is n_in × n_out (row i holds the weights leaving input i); b is 1 × n_out.
/// Buffers are allocated once per batch size and reused, so a step allocates nothing.
/// </summary>
public sealed class Dense<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly ActivationKernel<T> f;
    private Matrix<T> x = new(0, 0);

    /// <summary>
    /// A layer of <paramref name="units"/> units on <paramref name="inputs"/> inputs with activation
    /// <paramref name="activation"/>. W is drawn as a spec's layer without weights is: by <paramref name="init"/>,
    /// or by default he (relu, leaky relu) or xavier (the others), from a generator seeded by
    /// <paramref name="seed"/> (the same seed draws the same weights; give the layers of one network
    /// different seeds to draw different ones). The bias starts at zero.
    /// </summary>
    public Dense(int inputs, int units, Activation activation, bool hasBias = true, ulong seed = 1, Initializer? init = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(units, 1);
        Inputs = inputs;
        Units = units;
        Activation = activation;
        f = activation.KernelFor<T>();
        W = new Matrix<T>(inputs, units);
        double[] w = (init ?? Initializer.DefaultFor(activation.Name)).Draw(inputs, units, new SeededRandom(seed));
        for (int i = 0; i < w.Length; i++)
        {
            W.Span[i] = T.CreateChecked(w[i]);
        }

        B = hasBias ? new Matrix<T>(1, units) : null;
        Z = new Matrix<T>(0, units);
        A = new Matrix<T>(0, units);
        DZ = new Matrix<T>(0, units);
        DX = new Matrix<T>(0, inputs);
        DW = new Matrix<T>(inputs, units);
        DB = new Matrix<T>(1, units);
    }

    /// <summary>n_in, the number of inputs of each example.</summary>
    public int Inputs { get; }

    /// <summary>n_out, the number of units (outputs).</summary>
    public int Units { get; }

    /// <summary>The activation f.</summary>
    public Activation Activation { get; }

    /// <summary>Weights, n_in × n_out.</summary>
    public Matrix<T> W { get; }

    /// <summary>Bias, 1 × n_out, or null for a layer without bias.</summary>
    public Matrix<T>? B { get; }

    /// <summary>
    /// p of inverted dropout on this layer's output while training, 0 for none (0 ≤ p &lt; 1): in a training
    /// forward pass (<see cref="Network{T}.ForwardTraining"/>) each a_ij is kept with probability 1 − p and
    /// scaled by 1/(1 − p), or set to 0. Predicting, evaluating and reporting losses use the layer as it is.
    /// </summary>
    public double Dropout
    {
        get => dropout;
        set => dropout = value >= 0 && value < 1 ? value
            : throw new ArgumentOutOfRangeException(nameof(Dropout), value, "The dropout rate p must be at least 0 and below 1.");
    }

    private double dropout;

    // Dropout's buffers: the mask M (0 or 1/(1 − p)), f(Z) before it, and dA ⊙ M in the backward pass.
    private Matrix<T> mask = new(0, 0);
    private Matrix<T> activated = new(0, 0);
    private Matrix<T> maskedGradient = new(0, 0);

    /// <summary>True when the last forward pass dropped units out: then A = f(Z) ⊙ M and <see cref="Mask"/> is M.</summary>
    public bool DroppedOut { get; private set; }

    /// <summary>The dropout mask M of the last training forward pass (0 or 1/(1 − p) per value), or null when it dropped nothing.</summary>
    public Matrix<T>? Mask => DroppedOut ? mask : null;

    /// <summary>Whether an optimizer updates W (false freezes it).</summary>
    public bool TrainWeights { get; set; } = true;

    /// <summary>Whether an optimizer updates b (false freezes it).</summary>
    public bool TrainBias { get; set; } = true;

    /// <summary>The input of the last forward pass (a reference, not a copy).</summary>
    public Matrix<T> X => x;

    /// <summary>Z = X·W + b of the last forward pass (m × n_out).</summary>
    public Matrix<T> Z { get; private set; }

    /// <summary>A = f(Z) of the last forward pass (m × n_out).</summary>
    public Matrix<T> A { get; private set; }

    /// <summary>δ = ∂L/∂Z of the last backward pass.</summary>
    public Matrix<T> DZ { get; private set; }

    /// <summary>∂L/∂X, the gradient handed to the layer below (or the input gradient dX).</summary>
    public Matrix<T> DX { get; private set; }

    /// <summary>∂L/∂W = Xᵀ·dZ.</summary>
    public Matrix<T> DW { get; }

    /// <summary>∂L/∂b = column sums of dZ.</summary>
    public Matrix<T> DB { get; }

    /// <summary>Makes every batch buffer hold at least <paramref name="m"/> rows.</summary>
    public void Reserve(int m)
    {
        if (Z.RowCapacity < m)
        {
            Grow(m);
        }
    }

    private void Grow(int m)
    {
        Z = new Matrix<T>(m, Units);
        A = new Matrix<T>(m, Units);
        DZ = new Matrix<T>(m, Units);
        DX = new Matrix<T>(m, Inputs);
    }

    /// <summary>Z = X·W + b;  A = f(Z).</summary>
    public Matrix<T> Forward(Matrix<T> input)
    {
        if (input.Cols != Inputs)
        {
            throw new ArgumentException($"The layer expects {Inputs} inputs per example, got {input.Cols}.");
        }

        Reserve(input.Rows);
        Remember(input); // (stored only when it changes: storing a reference costs a GC write barrier)
        DroppedOut = false;

        if (SmallDense.Fits(input.Rows, Inputs, Units) && f.ForwardSmall(input, W, B, Z, A))
        {
            return A;                    // the same two steps, fused into one plain loop
        }

        if (f.PiecewiseSlope is { } slope)
        {
            Gemm.MultiplyActivate(input, W, B, Z, A, slope); // Z = X·W + b and A = f(Z), b and f in the product's epilogue
            return A;
        }

        Gemm.Multiply(input, W, Z, B);   // Z = X·W + b (b added to every row)
        f.Forward(Z, A);                 // A = f(Z)
        return A;
    }

    /// <summary>dZ = dA ⊙ f′(Z), or the Jacobian product for softmax; then the parameter gradients.</summary>
    public void Backward(Matrix<T> dA, bool computeDx)
    {
        Delta(dA);
        BackwardFromDelta(computeDx);
    }

    /// <summary>
    /// Inverted dropout on the output of the forward pass just taken: M_ij = 1/(1 − p) with probability 1 − p, else 0,
    /// drawn from <paramref name="random"/> (or the last mask kept, when null: a gradient check holds it fixed); A ← f(Z) ⊙ M.
    /// </summary>
    internal void DropOut(SeededRandom? random)
    {
        int m = A.Rows;
        if (activated.RowCapacity < m || activated.Cols != Units)
        {
            (mask, activated, maskedGradient) = (new Matrix<T>(m, Units), new Matrix<T>(m, Units), new Matrix<T>(m, Units));
        }
        else if (random is null && mask.Rows != m)
        {
            throw new InvalidOperationException("A kept dropout mask is reused only on a batch of the same size.");
        }

        activated.SetRows(m);
        A.Span.CopyTo(activated.Span);
        if (random is not null)
        {
            mask.SetRows(m); // (a batch may be shorter or longer than the last: the mask takes its rows first)
        }

        var ms = mask.Span;
        if (random is not null)
        {
            T kept = T.One / T.CreateChecked(1 - dropout);
            for (int i = 0; i < ms.Length; i++)
            {
                ms[i] = random.NextDouble() >= dropout ? kept : T.Zero; // M_ij = [u_ij ≥ p] / (1 − p)
            }
        }

        var a = A.Span;
        for (int i = 0; i < a.Length; i++)
        {
            a[i] *= ms[i];                                             // A = f(Z) ⊙ M
        }

        DroppedOut = true;
    }

    /// <summary>dZ = dA ⊙ f′(Z) (or the Jacobian product for softmax) into <see cref="DZ"/>; after dropout, dZ = (dA ⊙ M) ⊙ f′(Z).</summary>
    internal void Delta(Matrix<T> dA)
    {
        if (DroppedOut)
        {
            maskedGradient.SetRows(dA.Rows);
            System.Numerics.Tensors.TensorPrimitives.Multiply(dA.Span, mask.Span, maskedGradient.Span); // ∂L/∂f(Z) = dA ⊙ M
            f.Backward(Z, activated, maskedGradient, DZ);  // dZ = (dA ⊙ M) ⊙ f′(Z), f′ from f(Z) before the mask
            return;
        }

        if (!(SmallDense.Fits(Z.Rows, Inputs, Units) && f.BackwardSmall(Z, A, dA, DZ)))
        {
            f.Backward(Z, A, dA, DZ);     // dZ = dA ⊙ f′(Z)
        }
    }

    /// <summary>The slope of a piecewise-linear f (relu, leaky relu, identity), which the products' epilogues apply; else null.</summary>
    internal T? PiecewiseSlope => f.PiecewiseSlope;

    /// <summary>f and f′ one value at a time for this layer on one example, or null (see <see cref="ActivationKernel{T}.OneByOne"/>).</summary>
    internal ScalarActivation<T>? OneByOne => f.OneByOne(Units);

    /// <summary>Records <paramref name="input"/> as the last forward pass's X (for a pass computed outside <see cref="Forward"/>).</summary>
    internal void Remember(Matrix<T> input)
    {
        if (x != input)
        {
            x = input;
        }
    }

    /// <summary>Given dZ (already in <see cref="DZ"/>): dW = Xᵀ·dZ, db = Σ_rows dZ, dX = dZ·Wᵀ.</summary>
    public void BackwardFromDelta(bool computeDx) => BackwardFromDelta(computeDx, descent: null, below: null);

    /// <summary>
    /// As <see cref="BackwardFromDelta(bool)"/>; given a <paramref name="descent"/> factor α = −η, the backward
    /// pass and a plain gradient-descent step in one: dX = dZ·Wᵀ (with W as it was), b ← b + α·Σ_rows dZ,
    /// W ← W + α·Xᵀ·dZ. A large layer puts each tile of Xᵀ·dZ straight into W (<see cref="Gemm.DescendTransposeA"/>):
    /// <see cref="DW"/> is then not the gradient. The new W and b are those of the plain pass followed by Sgd.
    /// Given the layer <paramref name="below"/> (whose output is this layer's X) and a piecewise-linear f there,
    /// a large layer also computes that layer's δ = dX ⊙ f′(Z) inside the dX product and returns true
    /// (<see cref="Gemm.MultiplyTransposeBDerivative"/>); false leaves it to <see cref="Delta"/>.
    /// </summary>
    internal bool BackwardFromDelta(bool computeDx, T? descent, Dense<T>? below)
    {
        bool belowDone = false;
        if (SmallDense.Fits(DZ.Rows, Inputs, Units))
        {
            SmallDense.Gradients(x, W, DZ, DW, B is null ? null : DB, computeDx ? DX : null); // the same three, as plain loops
            if (descent is { } rate)
            {
                Elementwise.Axpy(rate, DW.Span, W.Span);   // W ← W − η·dW
            }
        }
        else
        {
            if (computeDx && below?.PiecewiseSlope is { } slope)
            {
                Gemm.MultiplyTransposeBDerivative(DZ, W, DX, below.Z, below.DZ, slope); // dX = dZ·Wᵀ; below, δ = dX ⊙ f′(Z)
                belowDone = true;
            }
            else if (computeDx)
            {
                Gemm.MultiplyTransposeB(DZ, W, DX);        // dX = dZ·Wᵀ (first: a descent changes W)
            }

            SumBiasGradient();

            if (descent is { } rate)
            {
                Gemm.DescendTransposeA(x, DZ, DW, W, rate); // W ← W − η·Xᵀ·dZ, in the product's store
            }
            else
            {
                Gemm.MultiplyTransposeA(x, DZ, DW);        // dW = Xᵀ·dZ
            }
        }

        StepBias(descent);
        return belowDone;
    }

    /// <summary>
    /// <see cref="BackwardFromDelta(bool, T?, Dense{T}?)"/> with dX for this layer and then without dX for
    /// <paramref name="bottom"/>, the network's first layer, right below it: the products of both split
    /// between <paramref name="threads"/> cores by the bottom layer's units, with one wait in all (see
    /// <see cref="SplitBackward{T}"/>). False, with nothing done, where that split does not apply.
    /// </summary>
    internal bool BackwardWithBottom(Dense<T> bottom, T? descent, int threads)
    {
        if (!SplitBackward<T>.TryRun(this, bottom, descent, threads))
        {
            return false;
        }

        SumBiasGradient();
        StepBias(descent);
        return true;
    }

    /// <summary>db = column sums of dZ (a layer with a bias).</summary>
    private void SumBiasGradient()
    {
        if (B is not null)
        {
            RowVector.ColumnSums(DZ, DB.Span);             // db = column sums of dZ
        }
    }

    /// <summary>b ← b + α·db for a descent factor α = −η (a layer with a bias).</summary>
    private void StepBias(T? descent)
    {
        if (descent is { } alpha && B is not null)
        {
            Elementwise.Axpy(alpha, DB.Span, B.Span);      // b ← b − η·db
        }
    }
}
