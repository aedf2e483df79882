using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Nabla.Tensors.Kernels;

/// <summary>
/// Element-wise kernels on the widest registers the machine has, with a scalar loop for
/// the tail: each is written once, generic over <see cref="ILanes{TVec, T}"/>. Every
/// element is computed on its own, so the results do not depend on the register width
/// (except where FMA rounds once instead of twice).
/// </summary>
internal static class Elementwise
{
    /// <summary>y ← y + α·x (the SGD update W ← W − η·dW is α = −η).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Axpy<T>(T alpha, ReadOnlySpan<T> x, Span<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Same(x.Length, y.Length);
        ref T xs = ref MemoryMarshal.GetReference(x);
        ref T ys = ref MemoryMarshal.GetReference(y);
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            i = Axpy<Lanes512<T>, Vector512<T>, T>(alpha, ref xs, ref ys, 0, x.Length);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            i = Axpy<Lanes256<T>, Vector256<T>, T>(alpha, ref xs, ref ys, 0, x.Length);
        }

        Axpy<LanesScalar<T>, T, T>(alpha, ref xs, ref ys, i, x.Length);
    }

    /// <summary>y ← y + x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Add<T>(ReadOnlySpan<T> x, Span<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Same(x.Length, y.Length);
        ref T xs = ref MemoryMarshal.GetReference(x);
        ref T ys = ref MemoryMarshal.GetReference(y);
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            i = Add<Lanes512<T>, Vector512<T>, T>(ref xs, ref ys, 0, x.Length);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            i = Add<Lanes256<T>, Vector256<T>, T>(ref xs, ref ys, 0, x.Length);
        }

        Add<LanesScalar<T>, T, T>(ref xs, ref ys, i, x.Length);
    }

    /// <summary>
    /// a = z &gt; 0 ? z : slope·z, the piecewise-linear activations in one pass:
    /// identity (slope 1), relu (slope 0), leaky relu (slope α).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PiecewiseLinear<T>(ReadOnlySpan<T> z, Span<T> a, T slope)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Same(z.Length, a.Length);
        ref T zs = ref MemoryMarshal.GetReference(z);
        ref T As = ref MemoryMarshal.GetReference(a);
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            i = Piecewise<Lanes512<T>, Vector512<T>, T>(ref zs, ref zs, ref As, slope, 0, z.Length);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            i = Piecewise<Lanes256<T>, Vector256<T>, T>(ref zs, ref zs, ref As, slope, 0, z.Length);
        }

        Piecewise<LanesScalar<T>, T, T>(ref zs, ref zs, ref As, slope, i, z.Length);
    }

    /// <summary>dZ = dA ⊙ (z &gt; 0 ? 1 : slope), the derivative of <see cref="PiecewiseLinear{T}"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PiecewiseLinearBackward<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> dA, Span<T> dZ, T slope)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Same(z.Length, dA.Length);
        Same(z.Length, dZ.Length);
        ref T zs = ref MemoryMarshal.GetReference(z);
        ref T g = ref MemoryMarshal.GetReference(dA);
        ref T d = ref MemoryMarshal.GetReference(dZ);
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            i = Piecewise<Lanes512<T>, Vector512<T>, T>(ref zs, ref g, ref d, slope, 0, z.Length);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            i = Piecewise<Lanes256<T>, Vector256<T>, T>(ref zs, ref g, ref d, slope, 0, z.Length);
        }

        Piecewise<LanesScalar<T>, T, T>(ref zs, ref g, ref d, slope, i, z.Length);
    }

    /// <summary>
    /// True where TensorPrimitives' vectorised e^x, tanh and σ are compiled to machine code. In an interpreter (.NET in
    /// a browser, without the wasm-tools workload) each of their vector operations is a call, and they take about 25
    /// times as long as a plain loop of Math.Exp or Math.Tanh; there the plain loops run (the last bits may differ, as
    /// between register widths). Settable so that tests can force either path.
    /// </summary>
    internal static bool VectorMathCompiled { get; set; } = RuntimeFeature.IsDynamicCodeCompiled;

    /// <summary>a = e^z, vectorised where that is compiled, else a plain loop.</summary>
    public static void Exp<T>(ReadOnlySpan<T> z, Span<T> a)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Same(z.Length, a.Length);
        if (VectorMathCompiled)
        {
            TensorPrimitives.Exp(z, a);
            return;
        }

        for (int i = 0; i < z.Length; i++)
        {
            a[i] = T.Exp(z[i]);
        }
    }

    /// <summary>a = tanh(z), vectorised where that is compiled, else a plain loop.</summary>
    public static void Tanh<T>(ReadOnlySpan<T> z, Span<T> a)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Same(z.Length, a.Length);
        if (VectorMathCompiled)
        {
            TensorPrimitives.Tanh(z, a);
            return;
        }

        for (int i = 0; i < z.Length; i++)
        {
            a[i] = T.Tanh(z[i]);
        }
    }

    /// <summary>dZ = dA ⊙ (1 − a²), tanh′ from a = tanh(z).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void TanhBackward<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> dA, Span<T> dZ)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Same(a.Length, dA.Length);
        Same(a.Length, dZ.Length);
        ref T As = ref MemoryMarshal.GetReference(a);
        ref T g = ref MemoryMarshal.GetReference(dA);
        ref T d = ref MemoryMarshal.GetReference(dZ);
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            i = TanhBackward<Lanes512<T>, Vector512<T>, T>(ref As, ref g, ref d, 0, a.Length);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            i = TanhBackward<Lanes256<T>, Vector256<T>, T>(ref As, ref g, ref d, 0, a.Length);
        }

        TanhBackward<LanesScalar<T>, T, T>(ref As, ref g, ref d, i, a.Length);
    }

    /// <summary>The scalar form of <see cref="TanhBackward{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T})"/>, bit for bit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T TanhBackward<T>(T a, T dA)
        where T : unmanaged, IFloatingPointIeee754<T> => dA * (T.One + (-T.One * (a * a)));   // dA·(1 − a²)

    /// <summary>True when σ of <paramref name="count"/> values is the scalar loop (few values, or no compiled vector math).</summary>
    public static bool ScalarSigmoid(int count) => count < SigmoidScalarBelow || !VectorMathCompiled;

    /// <summary>a = σ(z) = 1 / (1 + e^−z): a plain loop for a few values, the vectorised exponential for many.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Sigmoid<T>(ReadOnlySpan<T> z, Span<T> a)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Same(z.Length, a.Length);
        if (!ScalarSigmoid(z.Length))
        {
            TensorPrimitives.Sigmoid(z, a);
            return;
        }

        for (int i = 0; i < z.Length; i++)
        {
            a[i] = Sigmoid(z[i]);
        }
    }

    /// <summary>Fewer values than this take the scalar σ below; more, the vectorised exponential.</summary>
    public const int SigmoidScalarBelow = 16;

    /// <summary>σ(z) = 1 / (1 + e^−z) for one value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Sigmoid<T>(T z)
        where T : unmanaged, IFloatingPointIeee754<T> => T.One / (T.One + T.Exp(-z));

    /// <summary>dZ = dA ⊙ a ⊙ (1 − a), the sigmoid derivative applied to the upstream gradient.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void SigmoidBackward<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> dA, Span<T> dZ)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Same(a.Length, dA.Length);
        Same(a.Length, dZ.Length);
        ref T As = ref MemoryMarshal.GetReference(a);
        ref T g = ref MemoryMarshal.GetReference(dA);
        ref T d = ref MemoryMarshal.GetReference(dZ);
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            i = SigmoidBackward<Lanes512<T>, Vector512<T>, T>(ref As, ref g, ref d, 0, a.Length);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            i = SigmoidBackward<Lanes256<T>, Vector256<T>, T>(ref As, ref g, ref d, 0, a.Length);
        }

        SigmoidBackward<LanesScalar<T>, T, T>(ref As, ref g, ref d, i, a.Length);
    }

    // Each loop below runs whole registers from `start` while they fit and returns where it
    // stopped; the scalar instantiation (Count = 1) then finishes the tail.

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Axpy<TL, TV, T>(T alpha, ref T x, ref T y, int start, int length)
        where TL : ILanes<TV, T>
        where TV : struct
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var a = TL.Broadcast(alpha);
        int i = start;
        for (; i <= length - TL.Count; i += TL.Count)
        {
            // Multiply, then add (not fused): the same rounding on every register width and in the tail.
            TL.Store(TL.Add(TL.Multiply(a, TL.Load(ref Unsafe.Add(ref x, i))), TL.Load(ref Unsafe.Add(ref y, i))), ref Unsafe.Add(ref y, i));
        }

        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Add<TL, TV, T>(ref T x, ref T y, int start, int length)
        where TL : ILanes<TV, T>
        where TV : struct
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int i = start;
        for (; i <= length - TL.Count; i += TL.Count)
        {
            TL.Store(TL.Add(TL.Load(ref Unsafe.Add(ref y, i)), TL.Load(ref Unsafe.Add(ref x, i))), ref Unsafe.Add(ref y, i));
        }

        return i;
    }

    /// <summary>out = z &gt; 0 ? v : slope·v + 0 (v = z forward, v = dA backward; + 0 turns −0 into 0, NaN stays NaN).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Piecewise<TL, TV, T>(ref T z, ref T v, ref T output, T slope, int start, int length)
        where TL : ILanes<TV, T>
        where TV : struct
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var s = TL.Broadcast(slope);
        int i = start;
        for (; i <= length - TL.Count; i += TL.Count)
        {
            TL.Store(PiecewiseRegister<TL, TV, T>(TL.Load(ref Unsafe.Add(ref z, i)), TL.Load(ref Unsafe.Add(ref v, i)), s), ref Unsafe.Add(ref output, i));
        }

        return i;
    }

    /// <summary>
    /// z &gt; 0 ? v : slope·v + 0 on one register: f(z) (v = z) or dA·f′(z) (v = dA) of a piecewise-linear f.
    /// The GEMM's epilogues (<see cref="MicroKernel"/>) call it too, so fused and separate passes agree to the bit.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TV PiecewiseRegister<TL, TV, T>(TV z, TV v, TV slope)
        where TL : ILanes<TV, T>
        where TV : struct
        where T : unmanaged, IFloatingPointIeee754<T> =>
        TL.WherePositive(z, v, TL.Add(TL.Multiply(slope, v), TL.Zero));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int SigmoidBackward<TL, TV, T>(ref T a, ref T g, ref T d, int start, int length)
        where TL : ILanes<TV, T>
        where TV : struct
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var one = TL.Broadcast(T.One);
        var minusOne = TL.Broadcast(-T.One);
        int i = start;
        for (; i <= length - TL.Count; i += TL.Count)
        {
            var ai = TL.Load(ref Unsafe.Add(ref a, i));
            var oneMinusA = TL.MultiplyAdd(minusOne, ai, one);
            TL.Store(TL.Multiply(TL.Multiply(TL.Load(ref Unsafe.Add(ref g, i)), ai), oneMinusA), ref Unsafe.Add(ref d, i));
        }

        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int TanhBackward<TL, TV, T>(ref T a, ref T g, ref T d, int start, int length)
        where TL : ILanes<TV, T>
        where TV : struct
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var one = TL.Broadcast(T.One);
        var minusOne = TL.Broadcast(-T.One);
        int i = start;
        for (; i <= length - TL.Count; i += TL.Count)
        {
            var ai = TL.Load(ref Unsafe.Add(ref a, i));
            var oneMinusA2 = TL.Add(one, TL.Multiply(minusOne, TL.Multiply(ai, ai))); // 1 − a², a² rounded first (no FMA)
            TL.Store(TL.Multiply(TL.Load(ref Unsafe.Add(ref g, i)), oneMinusA2), ref Unsafe.Add(ref d, i));
        }

        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Same(int a, int b)
    {
        if (a != b)
        {
            Mismatch(a, b);
        }
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void Mismatch(int a, int b) => throw new ArgumentException($"Spans of {a} and {b} elements do not match.");
}
