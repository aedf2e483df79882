using System.Numerics;
using Nabla.Tensors;

namespace Nabla;

/// <summary>
/// Every quantity of one <see cref="Textbook"/> step, indexed by layer l = 1 … L (index 0 of
/// <see cref="A"/> is the input X): the forward values, the loss, the gradients and the updated weights.
/// </summary>
public sealed class TextbookStep<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    internal TextbookStep(Matrix<T> x, Matrix<T> y, int layers)
    {
        X = x;
        Y = y;
        Z = new Matrix<T>[layers + 1];
        A = new Matrix<T>[layers + 1];
        A[0] = x;
        DA = new Matrix<T>[layers + 1];
        DZ = new Matrix<T>[layers + 1];
        DW = new Matrix<T>[layers + 1];
        DB = new Matrix<T>?[layers + 1];
        WNext = new Matrix<T>[layers + 1];
        BNext = new Matrix<T>?[layers + 1];
        DX = x;
    }

    /// <summary>The batch's inputs, one example per row.</summary>
    public Matrix<T> X { get; }

    /// <summary>The batch's targets.</summary>
    public Matrix<T> Y { get; }

    /// <summary>Z_l = A_{l−1}·W_l + b_l.</summary>
    public Matrix<T>[] Z { get; }

    /// <summary>A_l = f_l(Z_l); A₀ = X.</summary>
    public Matrix<T>[] A { get; }

    /// <summary>L = loss(A_L, Y).</summary>
    public T Loss { get; internal set; }

    /// <summary>dA_l = ∂L/∂A_l.</summary>
    public Matrix<T>[] DA { get; }

    /// <summary>δ_l = dZ_l = ∂L/∂Z_l.</summary>
    public Matrix<T>[] DZ { get; }

    /// <summary>dW_l = A_{l−1}ᵀ·δ_l.</summary>
    public Matrix<T>[] DW { get; }

    /// <summary>db_l = Σ_rows δ_l (null for a layer without bias).</summary>
    public Matrix<T>?[] DB { get; }

    /// <summary>dX = ∂L/∂X = δ₁·W₁ᵀ.</summary>
    public Matrix<T> DX { get; internal set; }

    /// <summary>W_l after the update.</summary>
    public Matrix<T>[] WNext { get; }

    /// <summary>b_l after the update (null for a layer without bias).</summary>
    public Matrix<T>?[] BNext { get; }
}
