namespace Nabla.Tensors.Kernels;

/// <summary>Work that can be cut into parts run side by side; part i of n always does the same work.</summary>
internal interface IPartitioned
{
    void RunPart(int part, int parts);
}

/// <summary>
/// A few long-lived background threads for large products. Part 0 runs on the calling
/// thread; the others wake, run their part and count down. Nothing is allocated per call,
/// and a thread is never started for a product too small to pay for it (see <see cref="Gemm"/>).
/// Where no thread can start (a browser running the library as WebAssembly), the calling thread
/// runs every part in turn: the same parts, so the same result.
/// </summary>
internal static class Workers
{
    /// <summary>
    /// False where threads cannot start: in a browser, or after starting one failed. Every part then
    /// runs on the calling thread. (Tests set it to take that path here.)
    /// </summary>
    internal static bool Threaded { get; set; } = !OperatingSystem.IsBrowser();

    /// <summary>
    /// How many times a waiting thread polls with one pause between polls before it backs off: a few
    /// microseconds. (A worker polling with 16 pauses between polls took 0.5 µs to start; with one, 0.13 µs.)
    /// </summary>
    private const int TightPolls = 1 << 12;

    private static readonly Lock Gate = new();
    private static Worker[] pool = [];
    private static int remaining;

    /// <summary>
    /// Runs parts 0..parts−1 of <paramref name="job"/> and returns when all are done. When another
    /// thread has the workers, the caller runs every part itself: the same parts, so the same result.
    /// </summary>
    public static void Run(IPartitioned job, int parts)
    {
        if (parts <= 1 || !Threaded || !Gate.TryEnter())
        {
            RunHere(job, parts);
            return;
        }

        try
        {
            if (!Grow(parts - 1))
            {
                RunHere(job, parts);
                return;
            }

            Volatile.Write(ref remaining, parts - 1);
            for (int i = 1; i < parts; i++)
            {
                pool[i - 1].Start(job, i, parts);
            }

            job.RunPart(0, parts);
            // Poll tightly at first (a part usually ends within microseconds of another), then back off
            // and yield, in case a worker shares this core with the caller.
            var spin = default(SpinWait);
            for (int polls = 0; Volatile.Read(ref remaining) != 0; polls++)
            {
                if (polls < TightPolls)
                {
                    Thread.SpinWait(1);
                }
                else
                {
                    spin.SpinOnce(sleep1Threshold: -1);
                }
            }
        }
        finally
        {
            Gate.Exit();
        }
    }

    /// <summary>Runs parts 0..parts−1 of <paramref name="job"/> one after another on the calling thread.</summary>
    private static void RunHere(IPartitioned job, int parts)
    {
        for (int part = 0; part < Math.Max(parts, 1); part++)
        {
            job.RunPart(part, Math.Max(parts, 1));
        }
    }

    /// <summary>Makes sure <paramref name="count"/> workers are running; false (and no more tries) when a thread cannot start.</summary>
    private static bool Grow(int count)
    {
        if (pool.Length >= count)
        {
            return true;
        }

        var bigger = new Worker[count];
        pool.CopyTo(bigger, 0);
        for (int i = pool.Length; i < count; i++)
        {
            try
            {
                bigger[i] = new Worker(i + 1);
            }
            catch (Exception e) when (e is PlatformNotSupportedException or ThreadStartException or OutOfMemoryException)
            {
                Threaded = false;
                pool = bigger[..i];
                return false;
            }
        }

        pool = bigger;
        return true;
    }

    private sealed class Worker
    {
        /// <summary>How long an idle worker keeps polling before it sleeps: a training step's gap between products.</summary>
        private static readonly long SpinTicks = System.Diagnostics.Stopwatch.Frequency / 2000; // 0.5 ms

        private readonly ManualResetEventSlim wake = new(false, spinCount: 1);
        private IPartitioned? job;
        private int part;
        private int parts;
        private long ticket;
        private int sleeping;

        public Worker(int index)
        {
            var thread = new Thread(Loop) { IsBackground = true, Name = $"Nabla worker {index}" };
            thread.Start();
        }

        public void Start(IPartitioned work, int part, int parts)
        {
            job = work;
            this.part = part;
            this.parts = parts;
            Interlocked.Increment(ref ticket);      // publish the job (a full fence) …
            if (Volatile.Read(ref sleeping) == 1)   // … then wake the worker only if it went to sleep
            {
                wake.Set();
            }
        }

        private void Loop()
        {
            long seen = 0;
            while (true)
            {
                long idleSince = System.Diagnostics.Stopwatch.GetTimestamp();
                int polls = 0;
                while (Volatile.Read(ref ticket) == seen)
                {
                    // (the clock is read once every 256 polls: reading it is slower than a poll)
                    if ((++polls & 255) != 0 || System.Diagnostics.Stopwatch.GetTimestamp() - idleSince < SpinTicks)
                    {
                        Thread.SpinWait(1);
                        continue;
                    }

                    wake.Reset();
                    Interlocked.Exchange(ref sleeping, 1);
                    if (Volatile.Read(ref ticket) == seen)
                    {
                        wake.Wait();
                    }

                    Interlocked.Exchange(ref sleeping, 0);
                    idleSince = System.Diagnostics.Stopwatch.GetTimestamp();
                }

                seen = Volatile.Read(ref ticket);
                job!.RunPart(part, parts);
                Interlocked.Decrement(ref remaining);
            }
        }
    }
}
