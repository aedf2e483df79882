using System.Numerics;
using System.Numerics.Tensors;
using Nabla.Tensors;

namespace Nabla.Activations;

/// <summary>σ(z) = 1 / (1 + e^−z), σ′(z) = σ(z)(1 − σ(z)).</summary>
public sealed class Sigmoid : Activation
{
    public override string Name => "sigmoid";

    public override void Forward<T>(Matrix<T> z, Matrix<T> a)
    {
        a.SetRows(z.Rows);
        TensorPrimitives.Sigmoid<T>(z.Span, a.Span);
    }

    public override void Backward<T>(Matrix<T> z, Matrix<T> a, Matrix<T> dA, Matrix<T> dZ)
    {
        dZ.SetRows(z.Rows);
        var As = a.Span;
        var g = dA.Span;
        var d = dZ.Span;
        for (int i = 0; i < d.Length; i++)
        {
            d[i] = g[i] * As[i] * (T.One - As[i]); // dZ = dA ⊙ a(1 − a)
        }
    }

    public override T Apply<T>(T z) => T.One / (T.One + T.Exp(-z));

    public override T Derivative<T>(T z, T a) => a * (T.One - a);
}
