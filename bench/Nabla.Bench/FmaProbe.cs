using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Nabla.Bench;

/// <summary>
/// Measures the machine's peak fused multiply-add rate: every thread runs 16 independent
/// chains of FMAs on the widest registers, enough to hide the FMA latency, so the loop runs
/// at the FMA units' throughput. 2 flops per lane per FMA.
/// </summary>
public static class FmaProbe
{
    public static double PeakGflops(bool single, int threads)
    {
        long iterations = 20_000_000;
        Chains(single, 1000); // compile and warm up
        double best = double.MaxValue;
        for (int run = 0; run < 5; run++)
        {
            var watch = Stopwatch.StartNew();
            Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, _ => Chains(single, iterations));
            best = Math.Min(best, watch.Elapsed.TotalSeconds);
        }

        int lanes = Vector512.IsHardwareAccelerated ? 64 / (single ? 4 : 8) : 32 / (single ? 4 : 8);
        return 2.0 * lanes * 16 * iterations * threads / best / 1e9;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static float Chains(bool single, long iterations)
    {
        if (Vector512.IsHardwareAccelerated)
        {
            return single ? Run512(iterations, Vector512.Create(0.999f), Vector512.Create(0.001f))
                : (float)Run512(iterations, Vector512.Create(0.999), Vector512.Create(0.001));
        }

        return single ? Run256(iterations, Vector256.Create(0.999f), Vector256.Create(0.001f))
            : (float)Run256(iterations, Vector256.Create(0.999), Vector256.Create(0.001));
    }

    private static T Run512<T>(long iterations, Vector512<T> x, Vector512<T> y)
        where T : unmanaged
    {
        Vector512<T> c0 = y, c1 = y, c2 = y, c3 = y, c4 = y, c5 = y, c6 = y, c7 = y;
        Vector512<T> c8 = y, c9 = y, c10 = y, c11 = y, c12 = y, c13 = y, c14 = y, c15 = y;
        for (long i = 0; i < iterations; i++)
        {
            c0 = F(c0, x, y); c1 = F(c1, x, y); c2 = F(c2, x, y); c3 = F(c3, x, y);
            c4 = F(c4, x, y); c5 = F(c5, x, y); c6 = F(c6, x, y); c7 = F(c7, x, y);
            c8 = F(c8, x, y); c9 = F(c9, x, y); c10 = F(c10, x, y); c11 = F(c11, x, y);
            c12 = F(c12, x, y); c13 = F(c13, x, y); c14 = F(c14, x, y); c15 = F(c15, x, y);
        }

        var s = c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11 + c12 + c13 + c14 + c15;
        return s.GetElement(0);

        static Vector512<T> F(Vector512<T> c, Vector512<T> a, Vector512<T> b) =>
            typeof(T) == typeof(float)
                ? Avx512F.FusedMultiplyAdd(c.AsSingle(), a.AsSingle(), b.AsSingle()).As<float, T>()
                : Avx512F.FusedMultiplyAdd(c.AsDouble(), a.AsDouble(), b.AsDouble()).As<double, T>();
    }

    private static T Run256<T>(long iterations, Vector256<T> x, Vector256<T> y)
        where T : unmanaged
    {
        Vector256<T> c0 = y, c1 = y, c2 = y, c3 = y, c4 = y, c5 = y, c6 = y, c7 = y;
        Vector256<T> c8 = y, c9 = y, c10 = y, c11 = y;
        for (long i = 0; i < iterations * 16 / 12; i++)
        {
            c0 = F(c0, x, y); c1 = F(c1, x, y); c2 = F(c2, x, y); c3 = F(c3, x, y);
            c4 = F(c4, x, y); c5 = F(c5, x, y); c6 = F(c6, x, y); c7 = F(c7, x, y);
            c8 = F(c8, x, y); c9 = F(c9, x, y); c10 = F(c10, x, y); c11 = F(c11, x, y);
        }

        var s = c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11;
        return s.GetElement(0);

        static Vector256<T> F(Vector256<T> c, Vector256<T> a, Vector256<T> b) =>
            typeof(T) == typeof(float)
                ? Fma.MultiplyAdd(c.AsSingle(), a.AsSingle(), b.AsSingle()).As<float, T>()
                : Fma.MultiplyAdd(c.AsDouble(), a.AsDouble(), b.AsDouble()).As<double, T>();
    }
}
