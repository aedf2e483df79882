using System.Numerics;
using Nabla.Tensors;

namespace Nabla.Activations;

/// <summary>leaky_relu(z) = z for z &gt; 0, α·z otherwise; its derivative is 1 or α.</summary>
public sealed class LeakyRelu(double alpha = LeakyRelu.DefaultAlpha) : Activation
{
    public const double DefaultAlpha = 0.01;

    public double Alpha { get; } = alpha;

    public override string Name => "leaky_relu";

    public override void Forward<T>(Matrix<T> z, Matrix<T> a)
    {
        a.SetRows(z.Rows);
        var alpha = T.CreateChecked(Alpha);
        var zs = z.Span;
        var As = a.Span;
        for (int i = 0; i < As.Length; i++)
        {
            As[i] = zs[i] > T.Zero ? zs[i] : alpha * zs[i];
        }
    }

    public override void Backward<T>(Matrix<T> z, Matrix<T> a, Matrix<T> dA, Matrix<T> dZ)
    {
        dZ.SetRows(z.Rows);
        var alpha = T.CreateChecked(Alpha);
        var zs = z.Span;
        var g = dA.Span;
        var d = dZ.Span;
        for (int i = 0; i < d.Length; i++)
        {
            d[i] = zs[i] > T.Zero ? g[i] : alpha * g[i]; // dZ = dA ⊙ (1 or α)
        }
    }

    public override T Apply<T>(T z) => z > T.Zero ? z : T.CreateChecked(Alpha) * z;

    public override T Derivative<T>(T z, T a) => z > T.Zero ? T.One : T.CreateChecked(Alpha);
}
