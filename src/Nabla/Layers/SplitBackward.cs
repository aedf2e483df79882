using System.Numerics;
using Nabla.Tensors;
using Nabla.Tensors.Kernels;

namespace Nabla.Layers;

/// <summary>
/// The backward pass through the second layer and the first layer's weight gradient in one go on
/// several cores, split by the first layer's units. Core c owns a block J of those units (columns J
/// of W₁, b₁, Z₁ and δ₁; rows J of W₂) and computes, in order:
/// <code>
///   dA₁[:, J] = δ₂·W₂[J, :]ᵀ,  δ₁[:, J] = dA₁[:, J] ⊙ f′(Z₁[:, J])
///   dW₂[J, :] = A₁[:, J]ᵀ·δ₂      (rows J of W₂: read above and written here by core c only)
///   dW₁[:, J] = Xᵀ·δ₁[:, J]       (the columns J of δ₁: this core's own, so no core waits for another)
///   db₁[J]    = Σ_rows δ₁[:, J]
/// </code>
/// With a descent factor α = −η each dW goes straight into its W (W ← W + α·dW, as in
/// <see cref="Gemm.DescendTransposeA"/>), and b₁[J] ← b₁[J] + α·db₁[J]. Layer by layer
/// (<see cref="Dense{T}.BackwardFromDelta(bool, T?, Dense{T}?)"/>) the three products cost three forks
/// and joins; here, one. Every value is the layer-by-layer one: each element is the same sum in the same order.
/// </summary>
internal sealed class SplitBackward<T> : IPartitioned
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Each calling thread describes its pass in its own job object.</summary>
    [ThreadStatic]
    private static SplitBackward<T>? job;

    private readonly PackedGemm<T> inputGradient = new();  // dA₁ = δ₂·W₂ᵀ, then δ₁
    private readonly PackedGemm<T> weightGradient = new(); // dW₂ = A₁ᵀ·δ₂
    private readonly PackedGemm<T> bottomGradient = new(); // dW₁ = Xᵀ·δ₁
    private Dense<T>? bottom;
    private T? descent;
    private int m;
    private int n0;
    private int n1;
    private int n2;
    private int nr;

    /// <summary>
    /// Layer 2's backward pass (δ₂ already in its dZ; its own db₂ left to the caller) and layer 1's
    /// weight and bias gradients, split as above between up to <paramref name="threads"/> cores; false,
    /// with nothing done, where the split does not apply: one core, layer 1 not piecewise linear, or a
    /// product small or narrow enough to take another path, or too small to pay for waking a core.
    /// </summary>
    public static bool TryRun(Dense<T> layer, Dense<T> bottom, T? descent, int threads)
    {
        int m = layer.DZ.Rows, n0 = bottom.Inputs, n1 = bottom.Units, n2 = layer.Units;
        // (a product that is packed is not small, so neither layer takes SmallDense's loops)
        if (threads < 2 || bottom.PiecewiseSlope is not { } slope
            || !Gemm.IsPacked(m, n1, n2) || !Gemm.IsPacked(n1, n2, m) || !Gemm.IsPacked(n0, n1, m)
            || (long)m * n1 * ((2L * n2) + n0) < Gemm.ParallelWork)
        {
            return false;
        }

        var width = Gemm.KernelFor<T>(n1);
        int nr = PackedGemm<T>.TileCols(width);
        int parts = Math.Min(threads, (n1 + nr - 1) / nr);
        if (parts < 2)
        {
            return false;
        }

        var work = job ??= new SplitBackward<T>();
        (work.bottom, work.descent, work.m, work.n0, work.n1, work.n2, work.nr) = (bottom, descent, m, n0, n1, n2, nr);
        layer.DX.SetRows(m);
        bottom.DZ.SetRows(m);
        work.inputGradient.Describe(false, true, m, n1, n2, layer.DZ, layer.W, layer.DX.Array, layer.DX.Offset, n1, width,
            Epilogue<T>.Derivative(bottom.Z, bottom.DZ, slope));
        work.weightGradient.Describe(true, false, n1, n2, m, layer.X, layer.DZ, layer.DW.Array, layer.DW.Offset, n2, Gemm.KernelFor<T>(n2),
            descent is { } alpha ? Epilogue<T>.Descend(layer.W, alpha) : default);
        work.bottomGradient.Describe(true, false, n0, n1, m, bottom.X, bottom.DZ, bottom.DW.Array, bottom.DW.Offset, n1, width,
            descent is { } beta ? Epilogue<T>.Descend(bottom.W, beta) : default);
        Workers.Run(work, parts);
        work.inputGradient.Release();
        work.weightGradient.Release();
        work.bottomGradient.Release();
        work.bottom = null;
        return true;
    }

    public void RunPart(int part, int parts)
    {
        // J = [j0, j1): whole tiles of NR columns of δ₁, the same for every product (so the same owner).
        int tiles = (n1 + nr - 1) / nr;
        int j0 = Math.Min(n1, tiles * part / parts * nr), j1 = Math.Min(n1, tiles * (part + 1) / parts * nr);
        if (j0 >= j1)
        {
            return;
        }

        inputGradient.ComputeBlock(0, m, j0, j1);    // dA₁[:, J] = δ₂·W₂[J, :]ᵀ;  δ₁[:, J] = dA₁[:, J] ⊙ f′(Z₁[:, J])
        weightGradient.ComputeBlock(j0, j1, 0, n2);  // dW₂[J, :] = A₁[:, J]ᵀ·δ₂  (or W₂[J, :] ← W₂[J, :] + α·dW₂[J, :])
        bottomGradient.ComputeBlock(0, n0, j0, j1);  // dW₁[:, J] = Xᵀ·δ₁[:, J]   (or W₁[:, J] ← W₁[:, J] + α·dW₁[:, J])
        var layer = bottom!;
        if (layer.B is { } b)
        {
            var db = layer.DB.Span[j0..j1];
            RowVector.ColumnSums(layer.DZ, j0, db);   // db₁[J] = Σ_rows δ₁[:, J]
            if (descent is { } alpha)
            {
                Elementwise.Axpy(alpha, db, b.Span[j0..j1]); // b₁[J] ← b₁[J] + α·db₁[J]
            }
        }
    }
}
