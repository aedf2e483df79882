using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Nabla.Tensors;

/// <summary>
/// A dense row-major matrix. For data and activations the rows are examples (m × n).
/// The backing array may be larger than Rows × Cols so that a smaller last mini-batch
/// reuses the same buffer (see <see cref="SetRows"/>). A matrix may start part-way into its
/// array: a network keeps all its parameters in one vector, and a batch may be a run of a
/// data set's rows (no copy).
/// </summary>
public sealed class Matrix<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private T[] data;
    private int offset;
    private int rowCapacity;

    /// <summary>A <paramref name="rows"/> × <paramref name="cols"/> matrix of zeros.</summary>
    public Matrix(int rows, int cols)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(cols);
        Rows = rows;
        Cols = cols;
        data = Kernels.Aligned.Allocate<T>(rows * cols, out offset); // (a large matrix starts on a cache line)
        rowCapacity = cols == 0 ? int.MaxValue : rows;
    }

    private Matrix(int rows, int cols, T[] data)
    {
        Rows = rows;
        Cols = cols;
        this.data = data;
        rowCapacity = cols == 0 ? int.MaxValue : data.Length / cols;
    }

    /// <summary>The number of rows (examples).</summary>
    public int Rows { get; private set; }

    /// <summary>The number of columns.</summary>
    public int Cols { get; }

    /// <summary>The most rows this matrix can hold without reallocating.</summary>
    public int RowCapacity => rowCapacity;

    /// <summary>The number of elements, Rows × Cols.</summary>
    public int Length => Rows * Cols;

    /// <summary>The backing array (row-major from <see cref="Offset"/>, possibly longer than Rows × Cols), for the kernels.</summary>
    internal T[] Array => data;

    /// <summary>Where element [0, 0] lies in <see cref="Array"/>.</summary>
    internal int Offset => offset;

    /// <summary>Element [0, 0], for the kernels.</summary>
    internal ref T Start => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(data), offset);

    /// <summary>The element at (<paramref name="row"/>, <paramref name="col"/>), counted from 0.</summary>
    public ref T this[int row, int col] => ref data[offset + (row * Cols) + col];

    /// <summary>The elements in row-major order.</summary>
    public Span<T> Span => data.AsSpan(offset, Rows * Cols);

    /// <summary>The elements of row <paramref name="row"/>.</summary>
    public Span<T> Row(int row) => data.AsSpan(offset + (row * Cols), Cols);

    /// <summary>
    /// Moves the values into <paramref name="storage"/> from <paramref name="at"/> on, and keeps them
    /// there from now on (this same object: every reference to it sees the new place).
    /// </summary>
    internal void MoveTo(T[] storage, int at)
    {
        Span.CopyTo(storage.AsSpan(at, Length));
        (data, offset, rowCapacity) = (storage, at, Cols == 0 ? int.MaxValue : Rows);
    }

    /// <summary>A matrix over rows [first, first + rows) of <paramref name="source"/>, sharing its array (no copy).</summary>
    internal static Matrix<T> RowsOf(Matrix<T> source, int first, int rows)
    {
        var view = new Matrix<T>(0, source.Cols, source.data);
        view.ShowRows(source, first, rows);
        return view;
    }

    /// <summary>Points this view at rows [first, first + rows) of <paramref name="source"/> (no copy, no allocation).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void ShowRows(Matrix<T> source, int first, int rows)
    {
        if (source.Cols != Cols || first < 0 || rows < 0 || first + rows > source.Rows)
        {
            RowsOutside(source, first, rows);
        }

        if (data != source.data)
        {
            data = source.data; // (only when it changes: storing a reference costs a GC write barrier)
        }

        (offset, Rows, rowCapacity) = (source.offset + (first * Cols), rows, rows);
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void RowsOutside(Matrix<T> source, int first, int rows) =>
        throw new ArgumentOutOfRangeException(nameof(rows), $"Rows {first}..{first + rows} are not all in a {source.Rows}×{source.Cols} matrix.");

    /// <summary>Uses the first <paramref name="rows"/> rows of the buffer (no allocation).</summary>
    public void SetRows(int rows)
    {
        if ((uint)rows > (uint)rowCapacity)
        {
            TooManyRows(rows);
        }

        Rows = rows;
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private void TooManyRows(int rows) =>
        throw new ArgumentOutOfRangeException(nameof(rows), $"{rows} rows do not fit a buffer of {RowCapacity}.");

    /// <summary>Sets every element to zero.</summary>
    public void Clear() => Span.Clear();

    /// <summary>Copies every element into <paramref name="destination"/>, which has the same shape.</summary>
    public void CopyTo(Matrix<T> destination)
    {
        if (destination.Cols != Cols)
        {
            throw new ArgumentException($"Cannot copy a {Rows}×{Cols} matrix into {destination.Rows}×{destination.Cols}.");
        }

        destination.SetRows(Rows);
        Span.CopyTo(destination.Span);
    }

    /// <summary>A copy with its own storage.</summary>
    public Matrix<T> Clone()
    {
        var copy = new Matrix<T>(Rows, Cols);
        Span.CopyTo(copy.Span);
        return copy;
    }

    /// <summary>A matrix of the given rows (each of <paramref name="cols"/> values, or of the first row's length).</summary>
    public static Matrix<T> FromRows(IReadOnlyList<IReadOnlyList<double>> rows, int? cols = null)
    {
        int c = cols ?? (rows.Count == 0 ? 0 : rows[0].Count);
        var m = new Matrix<T>(rows.Count, c);
        for (int i = 0; i < rows.Count; i++)
        {
            if (rows[i].Count != c)
            {
                throw new ArgumentException($"Row {i} has {rows[i].Count} values; expected {c}.");
            }

            for (int j = 0; j < c; j++)
            {
                m[i, j] = T.CreateChecked(rows[i][j]);
            }
        }

        return m;
    }

    /// <summary>A <paramref name="rows"/> × <paramref name="cols"/> matrix of <paramref name="values"/>, row by row.</summary>
    public static Matrix<T> FromArray(int rows, int cols, params double[] values)
    {
        if (values.Length != rows * cols)
        {
            throw new ArgumentException($"{values.Length} values do not fill a {rows}×{cols} matrix.");
        }

        var m = new Matrix<T>(rows, cols);
        for (int i = 0; i < values.Length; i++)
        {
            m.data[m.offset + i] = T.CreateChecked(values[i]);
        }

        return m;
    }

    /// <summary>Wraps an existing array (no copy).</summary>
    public static Matrix<T> Wrap(int rows, int cols, T[] values) =>
        values.Length < rows * cols
            ? throw new ArgumentException("The array is smaller than the matrix.")
            : new Matrix<T>(rows, cols, values);

    /// <summary>The elements as rows of doubles.</summary>
    public double[][] ToRows()
    {
        var rows = new double[Rows][];
        for (int i = 0; i < Rows; i++)
        {
            rows[i] = new double[Cols];
            for (int j = 0; j < Cols; j++)
            {
                rows[i][j] = double.CreateChecked(this[i, j]);
            }
        }

        return rows;
    }

    /// <summary>The elements as doubles, row by row.</summary>
    public double[] ToArray()
    {
        var flat = new double[Length];
        var span = Span;
        for (int i = 0; i < flat.Length; i++)
        {
            flat[i] = double.CreateChecked(span[i]);
        }

        return flat;
    }

    /// <inheritdoc/>
    public override string ToString() => $"Matrix<{typeof(T).Name}> {Rows}×{Cols}";
}
