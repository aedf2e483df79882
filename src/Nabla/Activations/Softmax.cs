using System.Numerics;
using System.Numerics.Tensors;
using Nabla.Tensors;
using Nabla.Tensors.Kernels;

namespace Nabla.Activations;

/// <summary>
/// softmax(z)ⱼ = e^{zⱼ} / Σₖ e^{zₖ}, row by row. It is not element-wise: its Jacobian is
/// ∂aⱼ/∂zᵢ = aⱼ(δᵢⱼ − aᵢ), so dZᵢ = Σⱼ dAⱼ·∂aⱼ/∂zᵢ = aᵢ(dAᵢ − Σⱼ dAⱼ aⱼ).
/// </summary>
public sealed class Softmax : Activation
{
    /// <inheritdoc/>
    public override string Name => "softmax";

    /// <inheritdoc/>
    public override bool IsElementWise => false;

    /// <inheritdoc/>
    public override void Forward<T>(Matrix<T> z, Matrix<T> a)
    {
        a.SetRows(z.Rows);
        for (int i = 0; i < z.Rows; i++)
        {
            var zr = z.Row(i);
            var ar = a.Row(i);
            T max = zr[0];
            for (int j = 1; j < zr.Length; j++)
            {
                max = T.Max(max, zr[j]); // subtract the max: e^{z − max} never overflows
            }

            for (int j = 0; j < zr.Length; j++)
            {
                ar[j] = zr[j] - max;
            }
        }

        Elementwise.Exp<T>(a.Span, a.Span); // e^{z − max}, the whole batch in one call (a row is too short for one register)
        for (int i = 0; i < a.Rows; i++)
        {
            var ar = a.Row(i);
            T sum = T.Zero;
            for (int j = 0; j < ar.Length; j++)
            {
                sum += ar[j];                    // Σₖ e^{zₖ − max}
            }

            for (int j = 0; j < ar.Length; j++)
            {
                ar[j] /= sum;
            }
        }
    }

    /// <summary>The full Jacobian product: dZᵢ = aᵢ(dAᵢ − Σⱼ dAⱼ aⱼ).</summary>
    public override void Backward<T>(Matrix<T> z, Matrix<T> a, Matrix<T> dA, Matrix<T> dZ)
    {
        dZ.SetRows(z.Rows);
        for (int i = 0; i < z.Rows; i++)
        {
            var ar = a.Row(i);
            var gr = dA.Row(i);
            var dr = dZ.Row(i);
            T dot = TensorPrimitives.Dot<T>(gr, ar);
            for (int j = 0; j < dr.Length; j++)
            {
                dr[j] = ar[j] * (gr[j] - dot);
            }
        }
    }

    /// <summary>The Jacobian ∂aⱼ/∂zᵢ = aⱼ(δᵢⱼ − aᵢ) of one row, for explanations.</summary>
    public static double[,] Jacobian(ReadOnlySpan<double> a)
    {
        var j = new double[a.Length, a.Length];
        for (int r = 0; r < a.Length; r++)
        {
            for (int c = 0; c < a.Length; c++)
            {
                j[r, c] = a[c] * ((r == c ? 1 : 0) - a[r]);
            }
        }

        return j;
    }

    /// <inheritdoc/>
    public override T Apply<T>(T z) =>
        throw new InvalidOperationException("softmax depends on the whole row; use Forward.");

    /// <inheritdoc/>
    public override T Derivative<T>(T z, T a) =>
        throw new InvalidOperationException("softmax has a full Jacobian, not an element-wise derivative.");
}
