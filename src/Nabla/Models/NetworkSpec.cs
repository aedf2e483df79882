using System.Numerics;
using Nabla.Activations;
using Nabla.Losses;
using Nabla.Specs;

namespace Nabla.Models;

/// <summary>A network built in code as a model file's spec: its layers, weights, loss and precision.</summary>
internal static class NetworkSpec
{
    public static ModelSpec Of<T>(Network<T> network, string? name)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var layers = new List<LayerSpec>();
        foreach (var layer in network.Layers)
        {
            layers.Add(new LayerSpec
            {
                Units = layer.Units,
                Activation = layer.Activation.Name,
                Alpha = layer.Activation switch { LeakyRelu leaky => leaky.Alpha, Elu elu => elu.Alpha, _ => null },
                Weights = layer.W.ToRows(),
                HasBias = layer.B is not null,
                Bias = layer.B?.ToArray(),
                Trainable = layer.TrainWeights,
                TrainBias = layer.TrainBias,
                Dropout = layer.Dropout,
            });
        }

        var loss = network.Loss;
        var byName = Loss.FromName(loss.Name);
        return new ModelSpec
        {
            Name = name,
            Inputs = network.Inputs,
            Layers = layers,
            Loss = new LossSpec(loss.Name, byName is not null && byName.Reduction == loss.Reduction ? null : loss.Reduction),
            Train = new TrainSpec { Precision = typeof(T) == typeof(float) ? "float32" : "float64" },
        };
    }
}
