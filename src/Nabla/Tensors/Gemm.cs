using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Nabla.Tensors.Kernels;

namespace Nabla.Tensors;

/// <summary>
/// General matrix product C = op(A)·op(B), where op is the identity or the transpose.
/// Every layer's matrix products go through here, except a tiny layer's, which
/// <see cref="Layers.SmallDense"/> fuses with its activation in the same summation order.
/// Tiny products take a plain loop with no set-up at all; larger ones the
/// packed, register-tiled kernel (<see cref="PackedGemm{T}"/>), on several cores only when the
/// product is big enough to pay for waking them. Each C element is always summed over
/// p = 0..k−1 in the same order, so the same inputs give bit-identical results, whatever the
/// thread count.
/// </summary>
public static class Gemm
{
    /// <summary>Products with m·n·k up to this take the plain loop.</summary>
    internal const long SmallWork = 2048;

    /// <summary>Products with m·n·k from this on are split over <see cref="Threads"/> cores.</summary>
    internal const long ParallelWork = 1L << 21;

    /// <summary>
    /// A one- or two-row product (the row kernel: a prediction for one example) is split over the cores from a B of
    /// this many values on: each core then streams its own columns of B, which stay in its own cache from one call
    /// to the next (784 × 256 in float: 800 KB, more than one core's L2, half of it less).
    /// </summary>
    internal const long RowParallelWork = 1L << 16;

    /// <summary>
    /// How many cores a large product may use: the machine's count, or NABLA_THREADS when set;
    /// one in a browser, where the library runs as WebAssembly without threads.
    /// The results are the same for any value.
    /// </summary>
    public static int Threads { get; set; } = DefaultThreads();

    /// <summary>The register width of the packed kernel: the widest this machine runs natively.</summary>
    public static KernelWidth Width { get; set; } = Detect();

    /// <summary>True when an m×n result summed over k takes the plain loop (see <see cref="SmallWork"/>).</summary>
    public static bool IsSmall(int m, int n, int k) => (long)m * n * k <= SmallWork;

    /// <summary>True when an m×n result summed over k goes through the packed kernel: neither tiny nor narrow.</summary>
    internal static bool IsPacked(int m, int n, int k) => !IsSmall(m, n, k) && !IsNarrow(m, n);

    /// <summary>C = A·B (A is m×k, B is k×n). The forward pass: Z = X·W.</summary>
    public static void Multiply<T>(Matrix<T> a, Matrix<T> b, Matrix<T> c)
        where T : unmanaged, IFloatingPointIeee754<T> => Multiply(a, b, c, null);

    /// <summary>
    /// C = A·B + 1·b, with the row vector b added to every row (a layer's Z = X·W + b), inside the
    /// product loop (tiny products) or to each finished tile (a fused epilogue): the sums of adding it afterwards.
    /// </summary>
    public static void Multiply<T>(Matrix<T> a, Matrix<T> b, Matrix<T> c, Matrix<T>? bias)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Check(a.Rows, a.Cols, b.Rows, b.Cols, c, "A·B");
        CheckBias(bias, c);
        Run(false, false, a.Rows, b.Cols, a.Cols, a, b, c, bias is null ? default : Epilogue<T>.BiasActivation(bias, null, T.Zero));
    }

    /// <summary>
    /// Z = X·W + b and A = f(Z) for a piecewise-linear f(z) = z &gt; 0 ? z : slope·z (relu, leaky relu,
    /// identity): a layer's forward pass in one product, b and f applied to each tile while it is still
    /// in registers (a fused epilogue). The values are those of <see cref="Multiply{T}(Matrix{T}, Matrix{T}, Matrix{T}, Matrix{T})"/>
    /// followed by the activation's own pass.
    /// </summary>
    internal static void MultiplyActivate<T>(Matrix<T> x, Matrix<T> w, Matrix<T>? bias, Matrix<T> z, Matrix<T> a, T slope)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Check(x.Rows, x.Cols, w.Rows, w.Cols, z, "X·W");
        CheckBias(bias, z);
        Fits(a, z, "A");
        Run(false, false, x.Rows, w.Cols, x.Cols, x, w, z, Epilogue<T>.BiasActivation(bias, a, slope));
    }

    /// <summary>C = Aᵀ·B (A is k×m, B is k×n). The weight gradient: dW = Xᵀ·dZ.</summary>
    public static void MultiplyTransposeA<T>(Matrix<T> a, Matrix<T> b, Matrix<T> c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Check(a.Cols, a.Rows, b.Rows, b.Cols, c, "Aᵀ·B");
        Run(true, false, a.Cols, b.Cols, a.Rows, a, b, c, default);
    }

    /// <summary>
    /// W ← W + α·Aᵀ·B (A is k×m, B is k×n, W is m×n): a gradient-descent step on the weights, W ← W − η·Xᵀ·dZ
    /// with α = −η, fused into the weight-gradient product. Each finished tile of dW goes straight into W
    /// (multiply, then add: the values of <see cref="MultiplyTransposeA"/> followed by Sgd's update),
    /// so dW is never written out and read back. <paramref name="scratch"/> (m×n) holds partial sums
    /// when k spans several blocks; its values afterwards are not the gradient.
    /// </summary>
    internal static void DescendTransposeA<T>(Matrix<T> a, Matrix<T> b, Matrix<T> scratch, Matrix<T> w, T alpha)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Check(a.Cols, a.Rows, b.Rows, b.Cols, scratch, "Aᵀ·B");
        if (w.Rows != scratch.Rows || w.Cols != scratch.Cols)
        {
            throw new ArgumentException($"W is {w.Rows}×{w.Cols}; the product is {scratch.Rows}×{scratch.Cols}.");
        }

        Run(true, false, a.Cols, b.Cols, a.Rows, a, b, scratch, Epilogue<T>.Descend(w, alpha));
    }

    /// <summary>C = A·Bᵀ (A is m×k, B is n×k). The input gradient: dX = dZ·Wᵀ.</summary>
    public static void MultiplyTransposeB<T>(Matrix<T> a, Matrix<T> b, Matrix<T> c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Check(a.Rows, a.Cols, b.Cols, b.Rows, c, "A·Bᵀ");
        Run(false, true, a.Rows, b.Rows, a.Cols, a, b, c, default);
    }

    /// <summary>
    /// dA = dZ·Wᵀ and the layer below's δ = dA ⊙ f′(Z) for a piecewise-linear f (f′ = 1 where z &gt; 0, slope
    /// elsewhere) in one product: the backward step from one layer to the next, f′ applied to each tile of
    /// dA while it is in registers (a fused epilogue). dA is kept too. The values are those of
    /// <see cref="MultiplyTransposeB"/> followed by the activation's own backward pass.
    /// </summary>
    internal static void MultiplyTransposeBDerivative<T>(Matrix<T> dz, Matrix<T> w, Matrix<T> dA, Matrix<T> zBelow, Matrix<T> dzBelow, T slope)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Check(dz.Rows, dz.Cols, w.Cols, w.Rows, dA, "dZ·Wᵀ");
        if (zBelow.Rows != dA.Rows || zBelow.Cols != dA.Cols)
        {
            throw new ArgumentException($"Z is {zBelow.Rows}×{zBelow.Cols}; dA is {dA.Rows}×{dA.Cols}.");
        }

        Fits(dzBelow, dA, "dZ");
        Run(false, true, dz.Rows, w.Rows, dz.Cols, dz, w, dA, Epilogue<T>.Derivative(zBelow, dzBelow, slope));
    }

    /// <summary>
    /// C = op(A)·op(B), then the epilogue. Tiny products take the plain loop (a bias added inside it) and
    /// then the epilogue's separate passes; a narrow C (see <see cref="IsNarrow"/>) is computed turned
    /// over, Cᵀ = op(B)ᵀ·op(A)ᵀ, into a scratch matrix and turned back, then the same passes; any other
    /// goes through the packed kernel, which applies the epilogue to each tile in registers. Each
    /// element of C is the same sum in the same order on each path, so the values are the same bits.
    /// </summary>
    private static void Run<T>(bool transA, bool transB, int m, int n, int k, Matrix<T> a, Matrix<T> b, Matrix<T> c, Epilogue<T> epilogue)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (IsSmall(m, n, k))
        {
            // (k = 0 included: an empty sum is 0)
            var bias = epilogue.Kind == EpilogueKind.BiasActivation ? epilogue.Source : null;
            Small(transA, transB, m, n, k, a, b, c, bias);
            Finish(c, epilogue, addBias: false);
        }
        else if (IsNarrow(m, n))
        {
            // op(B)ᵀ is n × k: B itself when transposed (n × k), else B read transposed; likewise op(A)ᵀ, k × m.
            var turned = Turned<T>.Scratch(n * m);
            PackedGemm<T>.Multiply(!transB, !transA, n, m, k, b, a, turned.Array!, turned.Offset, m, KernelFor<T>(m), ThreadsFor(m, n, k), default);
            Transpose.Whole(ref turned.Array![turned.Offset], m, ref c.Start, c.Cols, m, n); // C[i, j] = Cᵀ[j, i]
            Finish(c, epilogue, addBias: true);
        }
        else
        {
            int threads = !transB && m <= PackedGemm<T>.RowKernelRows && (long)n * k >= RowParallelWork ? Math.Max(1, Threads) : ThreadsFor(m, n, k);
            PackedGemm<T>.Multiply(transA, transB, m, n, k, a, b, c, KernelFor<T>(n), threads, epilogue);
        }
    }

    /// <summary>The epilogue as the separate passes it stands for, over a finished C (the bias only when <paramref name="addBias"/>).</summary>
    private static void Finish<T>(Matrix<T> c, Epilogue<T> epilogue, bool addBias)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        switch (epilogue.Kind)
        {
            case EpilogueKind.BiasActivation:
                if (addBias && epilogue.Source is { } bias)
                {
                    RowVector.AddTo(c, bias.Span);                                       // Z = X·W + b
                }

                if (epilogue.Target is { } activations)
                {
                    Elementwise.PiecewiseLinear(c.Span, activations.Span, epilogue.Scalar); // A = f(Z)
                }

                break;
            case EpilogueKind.Derivative:
                Elementwise.PiecewiseLinearBackward(epilogue.Source!.Span, c.Span, epilogue.Target!.Span, epilogue.Scalar); // dZ = dA ⊙ f′(Z)
                break;
            case EpilogueKind.Descend:
                Elementwise.Axpy(epilogue.Scalar, c.Span, epilogue.Target!.Span);       // W ← W + α·dW
                break;
        }
    }

    /// <summary>
    /// Whether an m × n product is narrow: a few columns (an output layer of 10 classes) over many rows.
    /// Its register tiles, two registers wide, would be mostly padding (10 of 16 or 32 lanes), so it is
    /// computed turned over, its few columns as the rows of 12- or 6-row tiles (10 of 12) and its many
    /// rows across the registers: 64 × 128 × 10 and 128 × 64 × 10 take 1.6–1.9 µs instead of 2.6.
    /// </summary>
    internal static bool IsNarrow(int m, int n) => Width != KernelWidth.Scalar && n <= NarrowCols && m >= 2 * NarrowCols;

    /// <summary>C of at most this many columns is narrow (see <see cref="IsNarrow"/>).</summary>
    private const int NarrowCols = 16;

    /// <summary>Each thread's scratch matrix for narrow products turned over (kept between calls: no allocation per step).</summary>
    private static class Turned<T>
        where T : unmanaged
    {
        [ThreadStatic]
        private static ArraySegment<T> values;

        public static ArraySegment<T> Scratch(int length) => Aligned.Scratch(ref values, length);
    }

    /// <summary>Cores for an m×n product over k: all of them from <see cref="ParallelWork"/> on, else one.</summary>
    private static int ThreadsFor(int m, int n, int k) => (long)m * n * k >= ParallelWork ? Math.Max(1, Threads) : 1;

    /// <summary>The packed kernel's register width for a C of <paramref name="n"/> columns.</summary>
    internal static KernelWidth KernelFor<T>(int n)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        // A narrow C of few rows (not turned over, see IsNarrow) wastes most of a 2 × 512-bit tile: half the width wastes less.
        Width == KernelWidth.Vector512 && n <= PackedGemm<T>.TileCols(KernelWidth.Vector256) ? KernelWidth.Vector256 : Width;

    /// <summary>
    /// C[i,j] = Σ_p op(A)[i,p]·op(B)[p,j] (+ bias[j]), p in order: the whole product for tiny sizes,
    /// with the two strides of each operand fixed before the loops (no branch per element).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static unsafe void Small<T>(bool transA, bool transB, int m, int n, int k, Matrix<T> a, Matrix<T> b, Matrix<T> c, Matrix<T>? bias)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // op(A)[i,p] = a[i·ai + p·ap];  op(B)[p,j] = b[p·bp + j·bj]
        int lda = a.Cols, ldb = b.Cols, ldc = c.Cols;
        int ai = transA ? 1 : lda, ap = transA ? lda : 1;
        int bp = transB ? 1 : ldb, bj = transB ? ldb : 1;
        bool hasBias = bias is not null;
        ref T biasStart = ref hasBias ? ref bias!.Start : ref Unsafe.NullRef<T>();
        fixed (T* a0 = &a.Start, b0 = &b.Start, c0 = &c.Start, bias0 = &biasStart)
        {
            // (the operands are walked by moving pointers, not indexed: an interpreter pays for every multiply)
            T* cij = c0;
            int bj2 = 2 * bj, bj3 = 3 * bj;
            for (int i = 0; i < m; i++, cij = c0 + (i * ldc))
            {
                T* aRow = a0 + (i * ai);
                T* bCol = b0;
                int j = 0;
                for (; j + 4 <= n; j += 4, cij += 4, bCol += 4 * bj)
                {
                    // Four of C's columns at once, each op(A)[i,p] read once for them: the same four sums, p in order.
                    T* pa = aRow, pb = bCol;
                    T sum0 = T.Zero, sum1 = T.Zero, sum2 = T.Zero, sum3 = T.Zero;
                    for (int p = 0; p < k; p++, pa += ap, pb += bp)
                    {
                        T av = *pa;
                        sum0 += av * pb[0];
                        sum1 += av * pb[bj];
                        sum2 += av * pb[bj2];
                        sum3 += av * pb[bj3];
                    }

                    if (hasBias)
                    {
                        (sum0, sum1, sum2, sum3) = (sum0 + bias0[j], sum1 + bias0[j + 1], sum2 + bias0[j + 2], sum3 + bias0[j + 3]);
                    }

                    (cij[0], cij[1], cij[2], cij[3]) = (sum0, sum1, sum2, sum3);
                }

                for (; j < n; j++, cij++, bCol += bj)
                {
                    T* pa = aRow, pb = bCol;
                    T sum = T.Zero;
                    for (int p = 0; p < k; p++, pa += ap, pb += bp)
                    {
                        sum += *pa * *pb;                           // Σ_p op(A)[i,p]·op(B)[p,j]
                    }

                    *cij = hasBias ? sum + bias0[j] : sum;
                }
            }
        }
    }

    private static void CheckBias<T>(Matrix<T>? bias, Matrix<T> c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (bias is not null && bias.Length != c.Cols)
        {
            throw new ArgumentException($"A bias of {bias.Length} does not fit {c.Cols} columns.");
        }
    }

    /// <summary>Gives <paramref name="output"/> the rows of <paramref name="shape"/>, which it must have room for.</summary>
    private static void Fits<T>(Matrix<T> output, Matrix<T> shape, string what)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (output.Cols != shape.Cols || output.RowCapacity < shape.Rows)
        {
            throw new ArgumentException($"{what}: the result needs {shape.Rows}×{shape.Cols}, the buffer is {output.Rows}×{output.Cols}.");
        }

        output.SetRows(shape.Rows);
    }

    private static void Check<T>(int m, int k, int k2, int n, Matrix<T> c, string what)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (k != k2 || c.Cols != n || c.RowCapacity < m)
        {
            Mismatch(m, k, k2, n, c, what);
        }

        c.SetRows(m);
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void Mismatch<T>(int m, int k, int k2, int n, Matrix<T> c, string what)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        throw k != k2
            ? new ArgumentException($"{what}: inner dimensions differ ({m}×{k} and {k2}×{n}).")
            : new ArgumentException($"{what}: the result needs {m}×{n}, the buffer is {c.Rows}×{c.Cols}.");
    }

    private static KernelWidth Detect() =>
        Vector512.IsHardwareAccelerated ? KernelWidth.Vector512
        : Vector256.IsHardwareAccelerated ? KernelWidth.Vector256
        : KernelWidth.Scalar;

    private static int DefaultThreads() =>
        OperatingSystem.IsBrowser() ? 1
        : int.TryParse(Environment.GetEnvironmentVariable("NABLA_THREADS"), out int t) && t > 0
            ? t
            : Environment.ProcessorCount;
}
