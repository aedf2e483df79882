using System.Numerics;

namespace Nabla.Tests.Training;

/// <summary>A network's parameters θ = (W1, b1, W2, b2, …) and their gradients as plain vectors, in that order, without the gaps of its storage.</summary>
internal static class Theta
{
    public static double[] Values<T>(Network<T> network)
        where T : unmanaged, IFloatingPointIeee754<T> => [.. network.Parameters.SelectMany(p => p.Value.ToArray())];

    public static double[] Gradients<T>(Network<T> network)
        where T : unmanaged, IFloatingPointIeee754<T> => [.. network.Parameters.SelectMany(p => p.Gradient.ToArray())];

    /// <summary>The values of the network's parameter vector that belong to no parameter (the gaps that put each on a cache line), then those of its gradient vector.</summary>
    public static double[] Gaps<T>(Network<T> network)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (values, gradients) = network.FlatParameters()!.Value;
        var owned = new bool[values.Count];
        foreach (var p in network.Parameters)
        {
            Array.Fill(owned, true, p.Value.Offset - values.Offset, p.Value.Length);
        }

        var gaps = Enumerable.Range(0, values.Count).Where(i => !owned[i]);
        return [.. gaps.Select(i => double.CreateChecked(values[i])), .. gaps.Select(i => double.CreateChecked(gradients[i]))];
    }
}
