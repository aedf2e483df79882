using System.Numerics;
using System.Numerics.Tensors;
using Nabla.Tensors;

namespace Nabla.Activations;

/// <summary>relu(z) = max(0, z); relu′(z) = 1 for z &gt; 0, else 0 (0 at the kink, by convention).</summary>
public sealed class Relu : Activation
{
    public override string Name => "relu";

    public override void Forward<T>(Matrix<T> z, Matrix<T> a)
    {
        a.SetRows(z.Rows);
        TensorPrimitives.Max<T>(z.Span, T.Zero, a.Span);
    }

    public override void Backward<T>(Matrix<T> z, Matrix<T> a, Matrix<T> dA, Matrix<T> dZ)
    {
        dZ.SetRows(z.Rows);
        var zs = z.Span;
        var g = dA.Span;
        var d = dZ.Span;
        for (int i = 0; i < d.Length; i++)
        {
            d[i] = zs[i] > T.Zero ? g[i] : T.Zero; // dZ = dA ⊙ [z > 0]
        }
    }

    public override T Apply<T>(T z) => z > T.Zero ? z : T.Zero;

    public override T Derivative<T>(T z, T a) => z > T.Zero ? T.One : T.Zero;
}
