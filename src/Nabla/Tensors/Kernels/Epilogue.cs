using System.Numerics;
using System.Runtime.CompilerServices;

namespace Nabla.Tensors.Kernels;

/// <summary>What the packed GEMM does with each finished tile of C, while the tile is still in registers.</summary>
internal enum EpilogueKind : byte
{
    /// <summary>C = the product.</summary>
    Store,

    /// <summary>W ← W + α·C, C left unwritten: a gradient-descent step inside the weight-gradient product.</summary>
    Descend,

    /// <summary>Z = C + b (the bias on every row, when given), stored as C; then A = f(Z) for a piecewise-linear f, when A is given.</summary>
    BiasActivation,

    /// <summary>C = dA (stored), then dZ = dA ⊙ f′(Z) for a piecewise-linear f: the layer below's δ.</summary>
    Derivative,
}

/// <summary>
/// The epilogue of a whole product: which <see cref="EpilogueKind"/>, the matrix it writes besides C
/// (<see cref="Target"/>: W, A or dZ, all shaped as C), the one it reads (<see cref="Source"/>: b or Z)
/// and its scalar (α, or the slope of f: 0 relu, α leaky relu, 1 identity).
/// Every value is the one the separate passes give: the same operations in the same order.
/// </summary>
internal readonly struct Epilogue<T>(EpilogueKind kind, Matrix<T>? target, Matrix<T>? source, T scalar)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public EpilogueKind Kind { get; } = kind;

    public Matrix<T>? Target { get; } = target;

    public Matrix<T>? Source { get; } = source;

    public T Scalar { get; } = scalar;

    /// <summary>W ← W + α·C (see <see cref="EpilogueKind.Descend"/>).</summary>
    public static Epilogue<T> Descend(Matrix<T> w, T alpha) => new(EpilogueKind.Descend, w, null, alpha);

    /// <summary>Z = C + b when <paramref name="bias"/> is given; A = f(Z) when <paramref name="a"/> is (see <see cref="EpilogueKind.BiasActivation"/>).</summary>
    public static Epilogue<T> BiasActivation(Matrix<T>? bias, Matrix<T>? a, T slope) => new(EpilogueKind.BiasActivation, a, bias, slope);

    /// <summary>dZ = C ⊙ f′(Z) (see <see cref="EpilogueKind.Derivative"/>).</summary>
    public static Epilogue<T> Derivative(Matrix<T> z, Matrix<T> dz, T slope) => new(EpilogueKind.Derivative, dz, z, slope);
}

/// <summary>
/// An <see cref="Epilogue{T}"/> at one tile: <see cref="Target"/> and <see cref="Source"/> point at the
/// tile's first element in their matrices (the bias: at the tile's first column), with C's row stride.
/// The default is a plain store.
/// </summary>
internal readonly ref struct TileEpilogue<T>(EpilogueKind kind, ref T target, ref T source, T scalar)
    where T : unmanaged
{
    public readonly EpilogueKind Kind = kind;

    public readonly ref T Target = ref target;

    public readonly ref T Source = ref source;

    public readonly T Scalar = scalar;

    public bool HasTarget => !Unsafe.IsNullRef(ref Target);

    public bool HasSource => !Unsafe.IsNullRef(ref Source);
}
