using System.Runtime.CompilerServices;
using System.Numerics;
using Nabla.Numerics;
using Nabla.Tensors;
using Nabla.Tensors.Kernels;

namespace Nabla.Training;

/// <summary>
/// An epoch's batches of (X, Y): the order of the examples (shuffled each epoch when asked), and one
/// batch at a time in (Xb, Yb). A batch is a view of X's rows when they lie together (unshuffled, or one
/// example): no copy. Only shuffled mini-batches are gathered into buffers of their own.
/// </summary>
internal sealed class Batches<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Matrix<T> x;
    private readonly Matrix<T> y;
    private readonly bool shuffle;
    private readonly bool gather;
    private readonly bool prefetch;
    private readonly int[] order;
    private readonly SeededRandom random;

    /// <param name="size">Examples per batch, 1 … X's rows.</param>
    public Batches(Matrix<T> x, Matrix<T> y, int size, bool shuffle, ulong seed)
    {
        (this.x, this.y, this.shuffle, Size) = (x, y, shuffle, size);
        gather = shuffle && size > 1;
        Xb = gather ? new Matrix<T>(size, x.Cols) : Matrix<T>.RowsOf(x, 0, size);
        Yb = gather ? new Matrix<T>(size, y.Cols) : Matrix<T>.RowsOf(y, 0, size);
        order = new int[x.Rows];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        random = new SeededRandom(seed);
        prefetch = (long)size * x.Cols >= PrefetchFrom;
    }

    /// <summary>Examples per batch (the last batch of an epoch may hold fewer).</summary>
    public int Size { get; }

    /// <summary>The examples in all: m.</summary>
    public int Count => x.Rows;

    /// <summary>The current batch's inputs.</summary>
    public Matrix<T> Xb { get; }

    /// <summary>The current batch's targets.</summary>
    public Matrix<T> Yb { get; }

    /// <summary>Starts an epoch: a new random order of the examples when shuffling.</summary>
    public void StartEpoch()
    {
        if (shuffle)
        {
            random.Shuffle(order);
        }
    }

    /// <summary>The row numbers in the data of the batch that starts at <paramref name="start"/>.</summary>
    public ReadOnlySpan<int> Rows(int start, int size) => order.AsSpan(start, size);

    /// <summary>Makes (Xb, Yb) the batch of rows order[start..start+size).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Load(int start, int size)
    {
        if (gather)
        {
            Gather(x, start, size, Xb);
            Gather(y, start, size, Yb);
        }
        else
        {
            int first = shuffle ? order[start] : start; // (shuffled: a batch of one example)
            Xb.ShowRows(x, first, size);
            Yb.ShowRows(y, first, size);
        }
    }

    /// <summary>
    /// Starts bringing the next batch's rows of X (rows order[next..] when shuffled) into the cache, so they
    /// arrive while this step's backward pass runs rather than stall the next forward product. Only for
    /// batches of at least <see cref="PrefetchFrom"/> values: a small X stays in cache anyway.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void PrefetchNext(int next)
    {
        if (prefetch && next < x.Rows)
        {
            PrefetchRows(next); // (not for small batches, nor after the epoch's last batch)
        }
    }

    private void PrefetchRows(int next)
    {
        int count = Math.Min(Size, x.Rows - next);
        if (!shuffle)
        {
            Prefetch.Rows(x, next, count); // (unshuffled: the rows that follow)
            return;
        }

        for (int i = 0; i < count; i++)
        {
            Prefetch.Rows(x, order[next + i], 1);
        }
    }

    /// <summary>Batches of fewer values of X than this are not prefetched (<see cref="PrefetchNext"/>).</summary>
    private const int PrefetchFrom = 4096;

    /// <summary>Copies rows order[start..start+size) of <paramref name="source"/> into the batch buffer.</summary>
    private void Gather(Matrix<T> source, int start, int size, Matrix<T> batch)
    {
        batch.SetRows(size);
        for (int i = 0; i < size; i++)
        {
            source.Row(order[start + i]).CopyTo(batch.Row(i));
        }
    }
}
