using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Nabla.Tensors.Kernels;

/// <summary>Which register width the packed GEMM computes with.</summary>
public enum KernelWidth
{
    /// <summary>One value at a time (any machine).</summary>
    Scalar,

    /// <summary>256-bit registers (AVX2).</summary>
    Vector256,

    /// <summary>512-bit registers (AVX-512).</summary>
    Vector512,
}

/// <summary>
/// The blocked, packed GEMM C = op(A)·op(B) for large products (the classic Goto/BLIS loop nest):
/// for each block of columns (nc) and of the inner dimension (kc), B's block is copied ("packed")
/// into panels of NR columns; for each block of rows (mc), A's block is packed into panels of MR
/// rows; then a register-tiled micro-kernel computes each MR × NR tile of C. Only what the kernel
/// cannot read in place is packed: A's full panels are read straight from A (the kernel takes a
/// row and a column stride), as are an untransposed B's full panels when C has few rows; a
/// transposed B, the B of a product with many rows (each panel then serves so many tiles that a
/// contiguous copy pays) and the edge panels are copied. An A block stays in L2 (see <see cref="KC"/> for the inner block). Each C element is summed over p = 0..k−1 in order, kc
/// values at a time, however the work is split between threads, so the result does not depend
/// on the thread count. Each tile of the last inner block, still in registers, goes through the
/// product's <see cref="Epilogue{T}"/>: stored as it is, or with a bias and an activation, the
/// layer below's δ, or a gradient-descent step.
/// </summary>
internal sealed partial class PackedGemm<T> : IPartitioned
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>
    /// Inner-dimension block. Each block beyond the first reloads every C tile to add to it, so a long
    /// block pays: 512 measured best (over 256: SGEMM 2048³ +4–7 %, DGEMM +5 %, 256×1024×1024 +4 %,
    /// 64×784×256 +7 %; 384 lower, 768 the same), though a packed B panel of 512 × NR then streams from L2.
    /// </summary>
    private const int KC = 512;

    /// <summary>
    /// From this many rows of tiles on (384 rows at 512 bits), B is packed even where it could be read
    /// in place: each panel is then read by so many tiles that a contiguous copy pays for itself
    /// (2048³: about 6 % faster in float, 5 % in double; a 64-row product loses by it).
    /// </summary>
    private const int PackRows = 32;

    // Each thread's packed panels (kept between calls), their first values on a cache line (see Aligned).
    [ThreadStatic]
    private static ArraySegment<T> packedA;

    [ThreadStatic]
    private static ArraySegment<T> packedB;

    /// <summary>
    /// A product on several threads is cut into this many parts per thread, taken one at a time by
    /// whichever thread is free (see <see cref="Workers"/>): a thread that starts late, or runs slowly
    /// because another program shares its core, then holds up the others by at most one smaller part.
    /// </summary>
    internal static int PartsPerThread { get; set; } = 1;

    /// <summary>Each calling thread describes its product in its own job object.</summary>
    [ThreadStatic]
    private static PackedGemm<T>? job;

    private bool transA;
    private bool transB;
    private bool packB;
    private bool packA;
    private int m;
    private int n;
    private int k;
    private T[] a = [];
    private T[] b = [];
    private T[] c = [];
    private int aOffset;
    private int bOffset;
    private int cOffset;
    private int lda;
    private int ldb;
    private int ldc;
    private KernelWidth width;

    // The epilogue of the last inner block (see Epilogue): its kind, the matrix it writes, the one it reads, its scalar.
    private EpilogueKind end;
    private T[] target = [];
    private int targetOffset;
    private T[] source = [];
    private int sourceOffset;
    private T scalar;

    /// <summary>
    /// C (m × n) = op(A)·op(B), where op(A) is m × k and op(B) is k × n.
    /// A is m × k, or k × m when <paramref name="transposeA"/>; B is k × n, or n × k.
    /// </summary>
    public static void Multiply(
        bool transposeA, bool transposeB, int m, int n, int k,
        Matrix<T> a, Matrix<T> b, Matrix<T> c, KernelWidth width, int threads) =>
        Multiply(transposeA, transposeB, m, n, k, a, b, c, width, threads, default);

    /// <summary>
    /// As <see cref="Multiply(bool, bool, int, int, int, Matrix{T}, Matrix{T}, Matrix{T}, KernelWidth, int)"/>,
    /// with <paramref name="epilogue"/> applied to each finished tile. A descent (W ← W + α·C) leaves in C
    /// only partial sums, when k spans several blocks.
    /// </summary>
    public static void Multiply(
        bool transposeA, bool transposeB, int m, int n, int k,
        Matrix<T> a, Matrix<T> b, Matrix<T> c, KernelWidth width, int threads, Epilogue<T> epilogue) =>
        Multiply(transposeA, transposeB, m, n, k, a, b, c.Array, c.Offset, c.Cols, width, threads, epilogue);

    /// <summary>As the others, with C given as an array, where C[0, 0] is, and the stride between its rows.</summary>
    public static void Multiply(
        bool transposeA, bool transposeB, int m, int n, int k,
        Matrix<T> a, Matrix<T> b, T[] c, int cOffset, int ldc, KernelWidth width, int threads, Epilogue<T> epilogue)
    {
        var work = job ??= new PackedGemm<T>();
        work.Describe(transposeA, transposeB, m, n, k, a, b, c, cOffset, ldc, width, epilogue);
        Workers.Run(work, threads > 1 ? threads * PartsPerThread : 1, threads);
        work.Release();
    }

    /// <summary>
    /// Sets up the product C = op(A)·op(B) and its epilogue (as <see cref="Multiply(bool, bool, int, int, int, Matrix{T}, Matrix{T}, T[], int, int, KernelWidth, int, Epilogue{T})"/>),
    /// for <see cref="RunPart"/> or <see cref="ComputeBlock"/> to compute; <see cref="Release"/> drops the matrices afterwards.
    /// </summary>
    public void Describe(
        bool transposeA, bool transposeB, int m, int n, int k,
        Matrix<T> a, Matrix<T> b, T[] c, int cOffset, int ldc, KernelWidth width, Epilogue<T> epilogue)
    {
        (transA, transB, this.m, this.n, this.k, this.width) = (transposeA, transposeB, m, n, k, width);
        packB = transposeB || m >= PackRows * TileRows(width);
        packA = !transposeA && RowsShareCacheSets(a.Cols * Unsafe.SizeOf<T>(), TileRows(width));
        (this.a, aOffset, lda) = (a.Array, a.Offset, a.Cols);
        (this.b, bOffset, ldb) = (b.Array, b.Offset, b.Cols);
        (this.c, this.cOffset, this.ldc) = (c, cOffset, ldc);
        (end, scalar) = (epilogue.Kind, epilogue.Scalar);
        (target, targetOffset) = epilogue.Target is { } t ? (t.Array, t.Offset) : ([], 0);
        (source, sourceOffset) = epilogue.Source is { } s ? (s.Array, s.Offset) : ([], 0);
    }

    /// <summary>Forgets the matrices of the described product (so they can be collected).</summary>
    public void Release() => (a, b, c, target, source) = ([], [], [], [], []);

    /// <summary>Rows of the micro-tile (MR) for a register width.</summary>
    public static int TileRows(KernelWidth width) => width == KernelWidth.Vector512 ? MicroKernel.Rows512 : MicroKernel.Rows256;

    /// <summary>Columns of the micro-tile (NR = two registers) for a register width.</summary>
    public static int TileCols(KernelWidth width) => width switch
    {
        KernelWidth.Vector512 => 2 * Vector512<T>.Count,
        KernelWidth.Vector256 => 2 * Vector256<T>.Count,
        _ => 2,
    };

    public void RunPart(int part, int parts)
    {
        // Every part owns whole micro-tiles of C, so no two parts write the same element.
        // When B must be packed, split the columns (each part packs only its own columns of B).
        // When B is read in place (A is too, so nothing is packed twice either way), split whichever
        // way leaves the busiest part the fewest tiles.
        int mr = TileRows(width);
        int nr = TileCols(width);
        int rowTiles = (m + mr - 1) / mr;
        int colTiles = (n + nr - 1) / nr;
        bool splitRows = packB ? colTiles < parts && rowTiles >= colTiles : RowsSplitBetter(rowTiles, colTiles, parts, mr);
        int i0 = 0, i1 = m, j0 = 0, j1 = n;
        if (splitRows)
        {
            i0 = Math.Min(m, rowTiles * part / parts * mr);
            i1 = Math.Min(m, rowTiles * (part + 1) / parts * mr);
        }
        else
        {
            j0 = Math.Min(n, colTiles * part / parts * nr);
            j1 = Math.Min(n, colTiles * (part + 1) / parts * nr);
        }

        ComputeBlock(i0, i1, j0, j1);
    }

    /// <summary>
    /// C[i0..i1, j0..j1] of the described product, with its epilogue, on the calling thread: the same
    /// values as any split of the whole (each element is the same sum in the same order).
    /// </summary>
    public void ComputeBlock(int i0, int i1, int j0, int j1)
    {
        if (i0 >= i1 || j0 >= j1)
        {
            return;
        }

        if (RowKernel && !transB && i1 - i0 <= RowKernelRows)
        {
            ComputeRows(i0, i1, j0, j1); // one or two rows (a prediction for one example): a wide strip per row
            return;
        }

        switch (width)
        {
            case KernelWidth.Vector512:
                Compute<Lanes512<T>, Vector512<T>>(i0, i1, j0, j1);
                break;
            case KernelWidth.Vector256:
                Compute<Lanes256<T>, Vector256<T>>(i0, i1, j0, j1);
                break;
            default:
                Compute<LanesScalar<T>, T>(i0, i1, j0, j1);
                break;
        }
    }

    /// <summary>The row kernel's C[i0..i1, j0..j1] at the product's SIMD width.</summary>
    private void ComputeRows(int i0, int i1, int j0, int j1)
    {
        switch (width)
        {
            case KernelWidth.Vector512:
                ComputeRows<Lanes512<T>, Vector512<T>>(i0, i1, j0, j1);
                break;
            case KernelWidth.Vector256:
                ComputeRows<Lanes256<T>, Vector256<T>>(i0, i1, j0, j1);
                break;
            default:
                ComputeRows<LanesScalar<T>, T>(i0, i1, j0, j1);
                break;
        }
    }

    /// <summary>
    /// Whether splitting C's rows between the parts leaves the busiest part no more work than
    /// splitting its columns. Work is counted in micro-tiles; a last row of tiles short enough for
    /// the half-height tile (see <see cref="Compute"/>) counts half.
    /// </summary>
    private bool RowsSplitBetter(int rowTiles, int colTiles, int parts, int mr)
    {
        int edgeRows = m % mr;
        double last = edgeRows != 0 && mr == MicroKernel.Rows512 && edgeRows <= MicroKernel.Rows256 ? 0.5 : 1;
        double byRows = 0;
        for (int part = 0; part < parts; part++)
        {
            int t0 = rowTiles * part / parts, t1 = rowTiles * (part + 1) / parts;
            double rows = t1 - t0;
            if (t1 == rowTiles && t1 > t0)
            {
                rows -= 1 - last; // this part holds the short last row
            }

            byRows = Math.Max(byRows, rows * colTiles);
        }

        double byColumns = (rowTiles - 1 + last) * ((colTiles + parts - 1) / parts);
        return byRows <= byColumns;
    }

    /// <summary>C[i0..i1, j0..j1] through the five loops around the micro-kernel.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Compute<TL, TV>(int i0, int i1, int j0, int j1)
        where TL : ILanes<TV, T>
        where TV : struct
    {
        bool wide = typeof(TL) == typeof(Lanes512<T>);
        int mr = wide ? MicroKernel.Rows512 : MicroKernel.Rows256;
        int nr = 2 * TL.Count;
        int mcMax = mr * (wide ? 16 : 24) * 4 / Unsafe.SizeOf<T>(); // an A block of mc × kc stays in L2 (the same bytes for double: DGEMM +3 %)
        int ncMax = nr * (wide ? 64 : 128);  // a B block of kc × nc stays in L2/L3
        int kcMax = Math.Min(KC, k);
        var aPack = Aligned.Scratch(ref packedA, mcMax * kcMax).AsSpan();
        var bPack = Aligned.Scratch(ref packedB, ncMax * kcMax).AsSpan();
        Span<T> edge = stackalloc T[MicroKernel.Rows512 * 2 * 16];

        for (int jc = j0; jc < j1; jc += ncMax)
        {
            int nc = Math.Min(ncMax, j1 - jc);
            for (int pc = 0; pc < k; pc += KC)
            {
                int kc = Math.Min(KC, k - pc);
                bool accumulate = pc > 0; // C = first block, then C += each later block
                bool last = pc + kc == k; // (… and the last block's sums go through the epilogue)
                PackB(bPack, pc, kc, jc, nc, nr);
                for (int ic = i0; ic < i1; ic += mcMax)
                {
                    int mc = Math.Min(mcMax, i1 - ic);
                    PackA(aPack, ic, mc, pc, kc, mr);
                    for (int jr = 0; jr < nc; jr += nr)
                    {
                        int cols = Math.Min(nr, nc - jr);

                        // A full panel of an untransposed B, when not packed, is read in place: row p is ldb further on.
                        bool bInPlace = !packB && cols == nr;
                        ref T bPanel = ref bInPlace ? ref b[bOffset + (pc * ldb) + jc + jr] : ref bPack[jr * kc];
                        nint bStep = bInPlace ? ldb : nr;
                        for (int ir = 0; ir < mc; ir += mr)
                        {
                            int rows = Math.Min(mr, mc - ir);

                            // A full panel of A is read in place too: the kernel steps lda between rows of an
                            // untransposed A, and lda between columns p of a transposed one (whose rows they are).
                            bool aInPlace = rows == mr && !packA;
                            ref T aPanel = ref !aInPlace ? ref aPack[ir * kc]
                                : ref transA ? ref a[aOffset + (pc * lda) + ic + ir] : ref a[aOffset + ((ic + ir) * lda) + pc];
                            nint aRow = aInPlace && !transA ? lda : 1;
                            nint aStep = !aInPlace ? mr : transA ? lda : 1;
                            if (rows == mr && cols == nr)
                            {
                                int at = ((ic + ir) * ldc) + jc + jr;
                                var tileEnd = last ? EpilogueAt(at, jc + jr) : default;
                                Tile<TL, TV>(wide, kc, ref aPanel, aRow, aStep, ref bPanel, bStep, ref c[cOffset + at], ldc, accumulate, in tileEnd);
                            }
                            else
                            {
                                // An edge of at most 6 rows (64 = 5·12 + 4) takes the half-height tile: half the work, the same sums.
                                Tile<TL, TV>(wide && rows > MicroKernel.Rows256, kc, ref aPanel, aRow, aStep, ref bPanel, bStep, ref MemoryMarshal.GetReference(edge), nr, false, default);
                                StoreEdge(edge, nr, ic + ir, jc + jr, rows, cols, accumulate, last ? end : EpilogueKind.Store);
                            }
                        }
                    }
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Tile<TL, TV>(bool wide, int kc, ref T a, nint aRow, nint aStep, ref T b, nint bStep, ref T c, int ldc, bool accumulate, in TileEpilogue<T> end)
        where TL : ILanes<TV, T>
        where TV : struct
    {
        if (wide)
        {
            MicroKernel.Tile12<TL, TV, T>(kc, ref a, aRow, aStep, ref b, bStep, ref c, ldc, accumulate, in end);
        }
        else
        {
            MicroKernel.Tile6<TL, TV, T>(kc, ref a, aRow, aStep, ref b, bStep, ref c, ldc, accumulate, in end);
        }
    }

    /// <summary>The epilogue at the tile whose first element is C's element <paramref name="at"/>, in column <paramref name="col"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private TileEpilogue<T> EpilogueAt(int at, int col) => end switch
    {
        EpilogueKind.Store => default,
        EpilogueKind.BiasActivation => new(end, ref Element(target, targetOffset + at), ref Element(source, sourceOffset + col), scalar),
        _ => new(end, ref target[targetOffset + at], ref Element(source, sourceOffset + at), scalar),
    };

    /// <summary>
    /// Copies (or adds) the part of an edge tile that lies inside C, then applies the epilogue
    /// <paramref name="kind"/> there: the scalar form of the micro-kernel's, the same operations in the same order.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void StoreEdge(Span<T> edge, int nr, int row, int col, int rows, int cols, bool accumulate, EpilogueKind kind)
    {
        for (int r = 0; r < rows; r++)
        {
            var sums = edge.Slice(r * nr, cols);
            int at = ((row + r) * ldc) + col;
            var results = c.AsSpan(cOffset + at, cols);
            if (accumulate)
            {
                Elementwise.Add(results, sums); // (C + the block's sums, as the kernel adds them)
            }

            switch (kind)
            {
                case EpilogueKind.Descend:
                    Elementwise.Axpy(scalar, sums, target.AsSpan(targetOffset + at, cols)); // W ← W + α·dW (dW not kept)
                    continue;
                case EpilogueKind.BiasActivation:
                    if (source.Length != 0)
                    {
                        Elementwise.Add(source.AsSpan(sourceOffset + col, cols), sums);      // Z = X·W + b
                    }

                    if (target.Length != 0)
                    {
                        Elementwise.PiecewiseLinear(sums, target.AsSpan(targetOffset + at, cols), scalar); // A = f(Z)
                    }

                    break;
                case EpilogueKind.Derivative:
                    Elementwise.PiecewiseLinearBackward(source.AsSpan(sourceOffset + at, cols), sums, target.AsSpan(targetOffset + at, cols), scalar); // dZ = dA ⊙ f′(Z)
                    break;
            }

            sums.CopyTo(results);
        }
    }

    /// <summary>The element, or a null reference for an absent matrix (an empty array).</summary>
    private static ref T Element(T[] array, int at) => ref array.Length == 0 ? ref Unsafe.NullRef<T>() : ref array[at];

    /// <summary>
    /// Whether the tile's rows of an untransposed A, read in place <paramref name="rowBytes"/> apart, would crowd into a
    /// few of the L1 cache's 64 sets (one set per 64-byte line of a 4 KiB way, as on current x86 cores): more than four
    /// rows in one set. A row length of 1,024 or 2,048 floats puts all 12 rows of a 512-bit tile in one set of an 8-way
    /// cache, so every step of the kernel evicts the lines it reads next; such an A is packed like an edge panel.
    /// (SGEMM 2048³ on a 32 KiB 8-way L1: 187 → 195 GFLOP/s, DGEMM 87 → 96, and much steadier.)
    /// </summary>
    internal static bool RowsShareCacheSets(int rowBytes, int rows)
    {
        Span<int> inSet = stackalloc int[64];
        inSet.Clear();
        for (int r = 0; r < rows; r++)
        {
            if (++inSet[(int)(((long)r * rowBytes) >> 6) & 63] > 4)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Packs op(A)[ic..ic+mc, pc..pc+kc] as panels of MR rows: panel q holds, for p = 0..kc−1,
    /// the MR values op(A)[ic + q·MR + r, pc + p] side by side (rows past the edge are zero).
    /// Only the edge panel (fewer than MR rows) is packed, and the kernel reads full ones in place, unless their rows
    /// share cache sets (see <see cref="RowsShareCacheSets"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void PackA(Span<T> dst, int ic, int mc, int pc, int kc, int mr)
    {
        for (int ir = 0; ir < mc; ir += mr)
        {
            int rows = Math.Min(mr, mc - ir);
            if (rows == mr && !packA)
            {
                continue; // read in place by the kernel
            }

            var panel = dst.Slice(ir * kc, mr * kc);
            if (rows < mr)
            {
                panel.Clear();
            }

            if (transA)
            {
                // A is k × m: op(A)[i, p] = A[p, i], so each p gives MR contiguous values.
                for (int p = 0; p < kc; p++)
                {
                    a.AsSpan(aOffset + ((pc + p) * lda) + ic + ir, rows).CopyTo(panel.Slice(p * mr, rows));
                }
            }
            else if (rows == mr)
            {
                // A is m × k: panel[p·MR + r] = A[row r, pc + p], the rows' kc values turned over in square register blocks.
                Transpose.Whole(ref a[aOffset + ((ic + ir) * lda) + pc], lda, ref panel[0], mr, kc, rows);
            }
            else
            {
                // An edge of fewer rows than a register block: each row's kc values go down one column of the panel (stride MR).
                ref T panelStart = ref panel[0];
                for (int r = 0; r < rows; r++)
                {
                    ref T source = ref a[aOffset + ((ic + ir + r) * lda) + pc];
                    ref T target = ref Unsafe.Add(ref panelStart, r);
                    for (int p = 0; p < kc; p++)
                    {
                        Unsafe.Add(ref target, p * mr) = Unsafe.Add(ref source, p);
                    }
                }
            }
        }
    }

    /// <summary>
    /// Packs op(B)[pc..pc+kc, jc..jc+nc] as panels of NR columns: panel q holds, for p = 0..kc−1,
    /// the NR values op(B)[pc + p, jc + q·NR + j] side by side (columns past the edge are zero).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void PackB(Span<T> dst, int pc, int kc, int jc, int nc, int nr)
    {
        for (int jr = 0; jr < nc; jr += nr)
        {
            int cols = Math.Min(nr, nc - jr);
            if (!packB && cols == nr)
            {
                continue; // read in place by the kernel
            }

            var panel = dst.Slice(jr * kc, nr * kc);
            if (cols < nr)
            {
                panel.Clear();
            }

            if (transB)
            {
                // B is n × k: op(B)[p, j] = B[j, p]; each row of B goes down one column of the panel.
                // Square blocks go in registers (Transpose); what they leave, one value at a time.
                ref T panelStart = ref panel[0];
                ref T rows = ref b[bOffset + ((jc + jr) * ldb) + pc];
                int side = Transpose.Side<T>();
                int jBlocks = side == 0 ? 0 : cols / side * side;
                int pBlocks = side == 0 ? 0 : kc / side * side;
                for (int j = 0; j < jBlocks; j += side)
                {
                    for (int p = 0; p < pBlocks; p += side)
                    {
                        Transpose.Block(ref Unsafe.Add(ref rows, (j * ldb) + p), ldb, ref Unsafe.Add(ref panelStart, (p * nr) + j), nr);
                    }
                }

                for (int j = 0; j < cols; j++)
                {
                    ref T source = ref Unsafe.Add(ref rows, j * ldb);
                    ref T target = ref Unsafe.Add(ref panelStart, j);
                    for (int p = j < jBlocks ? pBlocks : 0; p < kc; p++)
                    {
                        Unsafe.Add(ref target, p * nr) = Unsafe.Add(ref source, p);
                    }
                }
            }
            else
            {
                for (int p = 0; p < kc; p++)
                {
                    b.AsSpan(bOffset + ((pc + p) * ldb) + jc + jr, cols).CopyTo(panel.Slice(p * nr, cols));
                }
            }
        }
    }
}
