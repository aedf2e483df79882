using Nabla.Numerics;
using Nabla.Tensors;
using Nabla.Tensors.Kernels;

namespace Nabla.Tests.Tensors;

/// <summary>
/// The caller and the workers take a job's parts one at a time: every part runs exactly once, whoever
/// runs it, however the parts are cut and whether the workers poll or sleep between jobs; and a product
/// cut into more parts than threads gives the bits of the one-thread product.
/// </summary>
[Collection(ThreadSettings.Name)]
public class WorkersTests
{
    [Theory]
    [InlineData(2, 2, false)]
    [InlineData(8, 2, false)]
    [InlineData(7, 3, false)]
    [InlineData(8, 2, true)]
    public void EveryPartRunsExactlyOnce_JobAfterJob(int parts, int threads, bool passive)
    {
        bool saved = Workers.ForcePassive;
        try
        {
            Workers.ForcePassive = passive;
            var job = new Counter(parts);
            for (int run = 1; run <= 2000; run++)
            {
                job.Reset();
                Workers.Run(job, parts, threads);
                Assert.All(job.Runs, count => Assert.Equal(1, count));
            }
        }
        finally
        {
            Workers.ForcePassive = saved;
        }
    }

    [Fact]
    public void APartThatIsSlow_IsWaitedFor()
    {
        // Part 0 sleeps: whoever takes it, Run returns only after it has finished.
        var job = new Counter(4, slowPart: 0);
        Workers.Run(job, 4, 2);
        Assert.All(job.Runs, count => Assert.Equal(1, count));
    }

    [Fact]
    public void JobsThatKeepStraggling_RunOnTheCallerAlone_ForAWhile()
    {
        // Part 1 takes longer than part 0: whoever takes it (a polling worker, within microseconds),
        // the caller, done with part 0, waits for it longer than it worked, as it does when a worker
        // loses its core to another program. After a few such jobs the caller runs jobs alone.
        Workers.Reset();
        try
        {
            var job = new Sleeper();
            for (int run = 0; run < 200 && !Workers.Alone; run++)
            {
                Workers.Run(job, 2, 2);
            }

            Assert.True(Workers.Alone, "jobs that straggled did not move to the calling thread");
            job.Threads.Clear();
            Workers.Run(job, 2, 2);
            Assert.Equal([Environment.CurrentManagedThreadId], job.Threads.Distinct());
        }
        finally
        {
            Workers.Reset();
        }
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, false)]
    [InlineData(4, false)]
    [InlineData(3, true)]
    public void AProductCutIntoMorePartsThanThreads_GivesTheOneThreadBits(int partsPerThread, bool passive)
    {
        const int m = 200, n = 300, k = 150; // above Gemm.ParallelWork, with edge tiles both ways
        var random = new SeededRandom(31);
        var a = GemmTests.Random<float>(m, k, random);
        var b = GemmTests.Random<float>(k, n, random);
        var alone = new Matrix<float>(m, n);
        GemmTests.WithThreads(1, () => Gemm.Multiply(a, b, alone));

        int savedParts = PackedGemm<float>.PartsPerThread;
        bool savedPassive = Workers.ForcePassive;
        try
        {
            PackedGemm<float>.PartsPerThread = partsPerThread;
            Workers.ForcePassive = passive;
            foreach (int threads in new[] { 2, 3 })
            {
                var c = GemmTests.Garbage<float>(m, n, 0);
                GemmTests.WithThreads(threads, () => Gemm.Multiply(a, b, c));
                Assert.Equal(alone.ToArray(), c.ToArray());
            }
        }
        finally
        {
            PackedGemm<float>.PartsPerThread = savedParts;
            Workers.ForcePassive = savedPassive;
        }
    }

    private sealed class Sleeper : IPartitioned
    {
        public List<int> Threads { get; } = [];

        public void RunPart(int part, int parts)
        {
            lock (Threads)
            {
                Threads.Add(Environment.CurrentManagedThreadId);
            }

            Thread.Sleep(part == 0 ? 1 : 6);
        }
    }

    private sealed class Counter(int parts, int slowPart = -1) : IPartitioned
    {
        public int[] Runs { get; } = new int[parts];

        public void Reset() => Array.Clear(Runs);

        public void RunPart(int part, int count)
        {
            Assert.Equal(Runs.Length, count);
            if (part == slowPart)
            {
                Thread.Sleep(20);
            }

            Interlocked.Increment(ref Runs[part]);
        }
    }
}
