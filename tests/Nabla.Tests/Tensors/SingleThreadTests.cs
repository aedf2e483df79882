using Nabla.Numerics;
using Nabla.Tensors;
using Nabla.Tensors.Kernels;

namespace Nabla.Tests.Tensors;

/// <summary>
/// Where threads cannot start (the library running as WebAssembly in a browser), every part of a
/// large product runs on the calling thread, and the results are the bits the worker threads give.
/// </summary>
[Collection(ThreadSettings.Name)]
public class SingleThreadTests
{
    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void ALargeProductWithoutThreads_GivesTheBitsOfTheThreadedOne(bool transA, bool transB)
    {
        // m·n·k = 256·160·96 ≈ 3.9M, above Gemm.ParallelWork: split over the workers when threads run.
        const int m = 256, n = 160, k = 96;
        Assert.True((long)m * n * k >= Gemm.ParallelWork);
        var random = new SeededRandom(24);
        var a = transA ? GemmTests.Random<double>(k, m, random) : GemmTests.Random<double>(m, k, random);
        var b = transB ? GemmTests.Random<double>(n, k, random) : GemmTests.Random<double>(k, n, random);
        var bias = GemmTests.Random<double>(1, n, random);

        var threaded = Product(a, b, bias, transA, transB, threads: 4, canThread: true);
        var alone = Product(a, b, bias, transA, transB, threads: 4, canThread: false);

        Assert.Equal(threaded.ToArray(), alone.ToArray());
        Assert.All(alone.ToArray(), v => Assert.True(double.IsFinite(v)));
    }

    [Fact]
    public void PartsRunOnTheCallingThreadInOrder_WhenThreadsCannotStart()
    {
        var job = new Recorder();
        bool saved = Workers.Threaded;
        try
        {
            Workers.Threaded = false;
            Workers.Run(job, 3);
        }
        finally
        {
            Workers.Threaded = saved;
        }

        int caller = Environment.CurrentManagedThreadId;
        Assert.Equal([(0, 3, caller), (1, 3, caller), (2, 3, caller)], job.Calls);
    }

    private static Matrix<double> Product(Matrix<double> a, Matrix<double> b, Matrix<double> bias, bool transA, bool transB, int threads, bool canThread)
    {
        int m = transA ? a.Cols : a.Rows;
        int n = transB ? b.Rows : b.Cols;
        var c = GemmTests.Garbage<double>(m, n, 0);
        bool saved = Workers.Threaded;
        try
        {
            Workers.Threaded = canThread;
            GemmTests.WithThreads(threads, () =>
            {
                if (transA)
                {
                    Gemm.MultiplyTransposeA(a, b, c);
                }
                else if (transB)
                {
                    Gemm.MultiplyTransposeB(a, b, c);
                }
                else
                {
                    Gemm.Multiply(a, b, c, bias);
                }
            });
        }
        finally
        {
            Workers.Threaded = saved;
        }

        return c;
    }

    private sealed class Recorder : IPartitioned
    {
        public List<(int Part, int Parts, int Thread)> Calls { get; } = [];

        public void RunPart(int part, int parts) => Calls.Add((part, parts, Environment.CurrentManagedThreadId));
    }
}
