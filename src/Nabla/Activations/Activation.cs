using System.Numerics;
using Nabla.Tensors;

namespace Nabla.Activations;

/// <summary>
/// An activation A = f(Z), applied to a whole batch (rows = examples).
/// Backward turns the upstream gradient dA = ∂L/∂A into dZ = ∂L/∂Z.
/// </summary>
public abstract class Activation
{
    /// <summary>The name used in spec files, e.g. "leaky_relu".</summary>
    public abstract string Name { get; }

    /// <summary>True when aᵢ depends on zᵢ alone, so dZ = dA ⊙ f′(Z).</summary>
    public virtual bool IsElementWise => true;

    /// <summary>A = f(Z).</summary>
    public abstract void Forward<T>(Matrix<T> z, Matrix<T> a)
        where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>dZ = dA ⊙ f′(Z) for element-wise activations (softmax overrides it with its Jacobian).</summary>
    public virtual void Backward<T>(Matrix<T> z, Matrix<T> a, Matrix<T> dA, Matrix<T> dZ)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var zs = z.Span;
        var As = a.Span;
        var g = dA.Span;
        dZ.SetRows(z.Rows);
        var d = dZ.Span;
        for (int i = 0; i < d.Length; i++)
        {
            d[i] = g[i] * Derivative(zs[i], As[i]);
        }
    }

    /// <summary>This activation for one number type: what a layer calls on every step (no generic dispatch).</summary>
    public virtual ActivationKernel<T> KernelFor<T>()
        where T : unmanaged, IFloatingPointIeee754<T> => new GenericActivationKernel<T>(this);

    /// <summary>f′(z), given z and a = f(z) (whichever is cheaper to use).</summary>
    public abstract T Derivative<T>(T z, T a)
        where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>f(z) for one value.</summary>
    public abstract T Apply<T>(T z)
        where T : unmanaged, IFloatingPointIeee754<T>;

    /// <inheritdoc/>
    public override string ToString() => Name;

    /// <summary>The activation a spec names; alpha is leaky_relu's slope for z &lt; 0.</summary>
    /// <param name="alpha">leaky_relu's slope or elu's α; null for the activation's default.</param>
    public static Activation? FromName(string name, double? alpha = null) => name switch
    {
        "identity" or "linear" => new Identity(),
        "sigmoid" or "logistic" => new Sigmoid(),
        "tanh" => new Tanh(),
        "relu" => new Relu(),
        "leaky_relu" => new LeakyRelu(alpha ?? LeakyRelu.DefaultAlpha),
        "elu" => new Elu(alpha ?? Elu.DefaultAlpha),
        "gelu" => new Gelu(),
        "softplus" => new Softplus(),
        "silu" or "swish" => new Silu(),
        "softmax" => new Softmax(),
        _ => null,
    };

    /// <summary>The names a spec may give an activation.</summary>
    public static readonly string[] Names = ["identity", "sigmoid", "tanh", "relu", "leaky_relu", "elu", "gelu", "softplus", "silu", "softmax"];

    /// <summary>The α a layer of this activation uses when the spec gives none: leaky_relu's slope, elu's α; null for the others.</summary>
    public static double? AlphaFor(string name) => name switch
    {
        "leaky_relu" => LeakyRelu.DefaultAlpha,
        "elu" => Elu.DefaultAlpha,
        _ => null,
    };

    /// <summary>A = f(Z) one element at a time by <see cref="Apply"/>, for activations without a vector kernel of their own.</summary>
    protected void EachElement<T>(Matrix<T> z, Matrix<T> a)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        a.SetRows(z.Rows);
        var zs = z.Span;
        var As = a.Span;
        for (int i = 0; i < zs.Length; i++)
        {
            As[i] = Apply(zs[i]);
        }
    }
}
