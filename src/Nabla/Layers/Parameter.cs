using System.Numerics;
using Nabla.Tensors;

namespace Nabla.Layers;

/// <summary>
/// A trainable tensor (W or b of a layer) together with the buffer that holds its
/// gradient after a backward pass (the layer's own dW or db, not a copy).
/// </summary>
public sealed class Parameter<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Func<bool>? trainable;
    private readonly Dense<T>? layer;
    private readonly bool isBias;

    /// <summary>A parameter whose <see cref="Trainable"/> asks <paramref name="trainable"/>.</summary>
    public Parameter(string name, Matrix<T> value, Matrix<T> gradient, Func<bool> trainable)
        : this(name, value, gradient) => this.trainable = trainable;

    /// <summary>A layer's W (or b, when <paramref name="isBias"/>), trainable as the layer says.</summary>
    internal Parameter(string name, Dense<T> layer, bool isBias)
        : this(name, isBias ? layer.B! : layer.W, isBias ? layer.DB : layer.DW)
    {
        this.layer = layer;
        this.isBias = isBias;
    }

    private Parameter(string name, Matrix<T> value, Matrix<T> gradient) => (Name, Value, Gradient) = (name, value, gradient);

    /// <summary>"W1", "b1", "W2", … (layers numbered from 1).</summary>
    public string Name { get; }

    /// <summary>The parameter's values.</summary>
    public Matrix<T> Value { get; }

    /// <summary>∂L/∂Value after the last backward pass.</summary>
    public Matrix<T> Gradient { get; }

    /// <summary>True for a layer's bias b (which weight decay may leave alone).</summary>
    internal bool IsBias => isBias;

    /// <summary>False when the spec froze it ("trainable": false or "train_bias": false).</summary>
    public bool Trainable => layer is null ? trainable!() : isBias ? layer.TrainBias : layer.TrainWeights;
}
