using System.Numerics;
using Nabla.Tensors;

namespace Nabla.Layers;

/// <summary>
/// A trainable tensor (W or b of a layer) together with the buffer that holds its
/// gradient after a backward pass (the layer's own dW or db, not a copy).
/// </summary>
public sealed class Parameter<T>(string name, Matrix<T> value, Matrix<T> gradient, Func<bool> trainable)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>"W1", "b1", "W2", … (layers numbered from 1).</summary>
    public string Name { get; } = name;

    public Matrix<T> Value { get; } = value;

    /// <summary>∂L/∂Value after the last backward pass.</summary>
    public Matrix<T> Gradient { get; } = gradient;

    /// <summary>False when the spec froze it ("trainable": false or "train_bias": false).</summary>
    public bool Trainable => trainable();
}
