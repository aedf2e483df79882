using System.Numerics;
using Nabla.Layers;

namespace Nabla.Training;

/// <summary>
/// The divergence guard's two copies of every parameter: the last good weights (the start of the last
/// epoch whose losses were all finite) and those at the current epoch's start. Parameters are copied
/// from the one flat vector when the network keeps them so, otherwise one after another.
/// </summary>
internal sealed class WeightSnapshots<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Parameter<T>[] parameters;
    private readonly ArraySegment<T> flat;
    private T[] lastGood;
    private T[] epochStart;
    private T[]? best;

    /// <param name="flat">All parameters as one vector (see Network.FlatParameters), or empty when they are apart.</param>
    public WeightSnapshots(Parameter<T>[] parameters, ArraySegment<T> flat)
    {
        (this.parameters, this.flat) = (parameters, flat);
        int count = flat.Array is not null ? flat.Count : parameters.Sum(p => p.Value.Length);
        (lastGood, epochStart) = (new T[count], new T[count]);
    }

    /// <summary>Whether these copies fit the same parameters (a large θ is costly to allocate: a trainer keeps them between fits).</summary>
    public bool Fits(Parameter<T>[] parameters, ArraySegment<T> flat) =>
        ReferenceEquals(parameters, this.parameters) && flat == this.flat;

    /// <summary>Takes the current weights as the last good ones (the start of training).</summary>
    public void SaveLastGood() => Save(lastGood);

    /// <summary>Takes the current weights as this epoch's start.</summary>
    public void SaveEpochStart() => Save(epochStart);

    /// <summary>The epoch ended with every loss finite: its start becomes the last good weights.</summary>
    public void EpochWasGood() => (lastGood, epochStart) = (epochStart, lastGood);

    /// <summary>Keeps the current weights as the best so far (early stopping's restore_best).</summary>
    public void SaveBest() => Save(best ??= new T[lastGood.Length]);

    /// <summary>Puts the best weights back (those of the last <see cref="SaveBest"/>).</summary>
    public void RestoreBest() => Restore(best!);

    /// <summary>Puts the last good weights back.</summary>
    public void RestoreLastGood() => Restore(lastGood);

    /// <summary>Puts this epoch's starting weights back.</summary>
    public void RestoreEpochStart() => Restore(epochStart);

    /// <summary>Whether every parameter is finite (copied into the last good slot to look; that slot is stale once the epoch is over).</summary>
    public bool WeightsFinite()
    {
        Save(lastGood);
        foreach (var v in lastGood)
        {
            if (!T.IsFinite(v))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Copies every parameter's values, one after another, into <paramref name="copy"/>.</summary>
    private void Save(T[] copy)
    {
        if (flat.Array is not null)
        {
            flat.AsSpan().CopyTo(copy);
            return;
        }

        int at = 0;
        foreach (var p in parameters)
        {
            var values = p.Value.Span;
            values.CopyTo(copy.AsSpan(at, values.Length));
            at += values.Length;
        }
    }

    /// <summary>Puts the values saved by <see cref="Save"/> back into the parameters.</summary>
    private void Restore(T[] copy)
    {
        if (flat.Array is not null)
        {
            copy.AsSpan(0, flat.Count).CopyTo(flat.AsSpan());
            return;
        }

        int at = 0;
        foreach (var p in parameters)
        {
            var values = p.Value.Span;
            copy.AsSpan(at, values.Length).CopyTo(values);
            at += values.Length;
        }
    }
}
