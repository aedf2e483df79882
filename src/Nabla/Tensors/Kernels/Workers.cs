using System.Diagnostics;

namespace Nabla.Tensors.Kernels;

/// <summary>Work that can be cut into parts run side by side; part i of n always does the same work.</summary>
internal interface IPartitioned
{
    void RunPart(int part, int parts);
}

/// <summary>
/// A few long-lived background threads for large products. The calling thread and the woken workers
/// take the parts of a job one at a time, each the next part nobody has taken, until none is left:
/// a worker whose core is busy with another program and wakes late simply takes fewer parts (or
/// none), and the caller takes the rest, so a late worker slows a product down to the one-thread
/// speed at worst instead of holding it up. A part always does the same work whoever runs it, so
/// the result does not depend on who ran what. Nothing is allocated per call, and a thread is never
/// started for a product too small to pay for it (see <see cref="Gemm"/>).
/// Workers poll for a while after each job (the next product of a training step follows within
/// microseconds), unless they keep waking late: then their core is shared with someone else, polling
/// only takes time from that program and from the worker's own next wake-up, and they sleep as soon
/// as a job is done (passive waiting) until a later check finds them prompt again.
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
    /// When set, workers never poll: they sleep as soon as a job is done (tests force it; it is also
    /// what the workers fall back to on their own when they keep waking late).
    /// </summary>
    internal static bool ForcePassive { get; set; }

    /// <summary>True while the workers wait passively because they kept waking late (see <see cref="Late"/>).</summary>
    internal static bool Passive => ForcePassive || passiveRuns > 0;

    /// <summary>True while jobs run on the calling thread alone because the other threads did not make them faster (see <see cref="Window"/>).</summary>
    internal static bool Alone => Stopwatch.GetTimestamp() < aloneUntil;

    /// <summary>Forgets what the workers learnt about their cores: polling, on the threads again (for tests).</summary>
    internal static void Reset() => (lateRuns, passiveRuns, windowJobs, windowTime, windowAlone, aloneUntil) = (0, 0, 0, 0, 0, 0);

    /// <summary>
    /// How many times a waiting caller polls with one pause between polls before it backs off: a few
    /// microseconds. (A worker polling with 16 pauses between polls took 0.5 µs to start; with one, 0.13 µs.)
    /// </summary>
    private const int TightPolls = 1 << 12;

    /// <summary>A worker is late when it takes its first look at a job this long after the job began: 50 µs.</summary>
    private static readonly long Late = Stopwatch.Frequency / 20_000;

    /// <summary>After this many jobs in a row with a late worker (while polling), the workers wait passively …</summary>
    private const int LateRunsToPassive = 4;

    /// <summary>… for this many jobs, then poll again to see whether their cores are free again.</summary>
    private const int PassiveJobs = 2000;

    /// <summary>
    /// Every window of jobs on several threads (at most this many, or at least four lasting 10 ms), the time
    /// they took is set against what the caller alone would have taken (its own time per part, times the
    /// parts). Where the threads saved less than a tenth, they do not pay: a worker took a part and then
    /// lost its core to another program for a time slice (milliseconds, where a part takes microseconds),
    /// or kept waking too late to take one. Jobs then run on the caller alone for twenty times the
    /// window's length (10 to 250 ms), then on the threads again to see whether the cores are free again.
    /// </summary>
    private const int Window = 32;

    private static readonly long WindowTicks = Stopwatch.Frequency / 100;
    private static readonly long ShortestAlone = Stopwatch.Frequency / 100;
    private static readonly long LongestAlone = Stopwatch.Frequency / 4;

    private static readonly Lock Gate = new();
    private static Worker[] pool = [];

    // The job in progress: its parts, and one word for which run it is and which part is next,
    // (run << 32) | next part, so that a worker that wakes after its run has ended takes no part of the next.
    private static IPartitioned? current;
    private static int currentParts;
    private static long claims;
    private static int finished;
    private static long startedAt;
    private static int lateRuns;
    private static int passiveRuns;
    private static int windowJobs;
    private static long windowTime;
    private static double windowAlone;
    private static long aloneUntil;
    private static long windowStart;
    private static int lateSeen;

    /// <summary>Runs parts 0..parts−1 of <paramref name="job"/>, one thread per part, and returns when all are done.</summary>
    public static void Run(IPartitioned job, int parts) => Run(job, parts, parts);

    /// <summary>
    /// Runs parts 0..parts−1 of <paramref name="job"/> on up to <paramref name="threads"/> threads (the
    /// caller's among them) and returns when all are done. When another thread has the workers, the
    /// caller runs every part itself: the same parts, so the same result.
    /// </summary>
    public static void Run(IPartitioned job, int parts, int threads)
    {
        threads = Math.Min(threads, parts);
        if (threads <= 1 || !Threaded || Alone || !Gate.TryEnter())
        {
            RunHere(job, parts);
            return;
        }

        try
        {
            if (!Grow(threads - 1))
            {
                RunHere(job, parts);
                return;
            }

            long run = (claims >> 32) + 1;
            current = job;
            currentParts = parts;
            finished = 0;
            Volatile.Write(ref lateSeen, 0);
            startedAt = Stopwatch.GetTimestamp();
            Interlocked.Exchange(ref claims, run << 32); // publish the job (a full fence) …
            bool passive = Passive;
            for (int i = 0; i < threads - 1; i++)
            {
                pool[i].Wake(passive);                   // … then wake the workers
            }

            int mine = 0;
            while (TryClaim(run, out int part))
            {
                job.RunPart(part, parts);
                Interlocked.Increment(ref finished);
                mine++;
            }

            long worked = Stopwatch.GetTimestamp() - startedAt;

            // Poll tightly at first (a part usually ends within microseconds of another), then back off
            // and yield, in case a worker shares this core with the caller.
            var spin = default(SpinWait);
            for (int polls = 0; Volatile.Read(ref finished) != parts; polls++)
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

            Interlocked.Exchange(ref claims, (run << 32) | int.MaxValue); // closed: no part left to take
            current = null;
            Adapt(passive, end: Stopwatch.GetTimestamp(), alone: mine > 0 ? (double)worked * parts / mine : worked);
        }
        finally
        {
            Gate.Exit();
        }
    }

    /// <summary>The next part of run <paramref name="run"/> nobody has taken; false when none is left (or the run is over).</summary>
    private static bool TryClaim(long run, out int part)
    {
        while (true)
        {
            long seen = Volatile.Read(ref claims);
            part = (int)(seen & int.MaxValue);
            if (seen >> 32 != run || part >= currentParts)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref claims, seen + 1, seen) == seen)
            {
                return true;
            }
        }
    }

    /// <summary>
    /// After a job that ended at <paramref name="end"/>, where the caller alone would have taken about
    /// <paramref name="alone"/>: at the end of each window (<see cref="Window"/>), threads that saved less than
    /// a tenth give way to the caller alone for a while. A worker that looked at a job late while
    /// polling counts towards passive waiting; after <see cref="PassiveJobs"/> passive jobs the workers poll again.
    /// </summary>
    private static void Adapt(bool passive, long end, double alone)
    {
        if (windowJobs == 0)
        {
            windowStart = startedAt;
        }

        (windowTime, windowAlone, windowJobs) = (windowTime + (end - startedAt), windowAlone + alone, windowJobs + 1);
        long length = end - windowStart;
        if (windowJobs == Window || (windowJobs >= 4 && length >= WindowTicks))
        {
            if (windowTime > 0.9 * windowAlone)
            {
                aloneUntil = end + Math.Clamp(20 * length, ShortestAlone, LongestAlone);
            }

            (windowTime, windowAlone, windowJobs) = (0, 0, 0);
        }

        if (passive)
        {
            if (passiveRuns > 0)
            {
                passiveRuns--;
            }

            return;
        }

        lateRuns = Volatile.Read(ref lateSeen) != 0 ? lateRuns + 1 : 0;
        if (lateRuns >= LateRunsToPassive)
        {
            lateRuns = 0;
            passiveRuns = PassiveJobs;
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

    /// <summary>
    /// The parts of the job in progress a worker takes, as the caller does, until none is left. A worker
    /// that was polling (not asleep) and still looks late is on a core someone else is using.
    /// </summary>
    private static void Help(bool polled)
    {
        long seen = Volatile.Read(ref claims);
        long run = seen >> 32;
        if (polled && Stopwatch.GetTimestamp() - startedAt > Late)
        {
            Volatile.Write(ref lateSeen, 1);
        }

        // (current and currentParts were written before claims: this run's, or a later one's, which TryClaim refuses)
        var job = current;
        int parts = currentParts;
        while (job is not null && TryClaim(run, out int part))
        {
            job.RunPart(part, parts);
            Interlocked.Increment(ref finished);
        }
    }

    private sealed class Worker
    {
        /// <summary>How long an idle worker keeps polling before it sleeps: a training step's gap between products.</summary>
        private static readonly long SpinTicks = Stopwatch.Frequency / 2000; // 0.5 ms

        private readonly ManualResetEventSlim wake = new(false, spinCount: 1);
        private long ticket;
        private int sleeping;
        private bool passive;

        public Worker(int index)
        {
            var thread = new Thread(Loop) { IsBackground = true, Name = $"Nabla worker {index}" };
            thread.Start();
        }

        public void Wake(bool passively)
        {
            passive = passively;
            Interlocked.Increment(ref ticket);      // a new job (a full fence) …
            if (Volatile.Read(ref sleeping) == 1)   // … and a wake-up only if the worker went to sleep
            {
                wake.Set();
            }
        }

        private void Loop()
        {
            long seen = 0;
            while (true)
            {
                long idleSince = Stopwatch.GetTimestamp();
                int polls = 0;
                bool slept = false;
                while (Volatile.Read(ref ticket) == seen)
                {
                    // (the clock is read once every 256 polls: reading it is slower than a poll)
                    if (!passive && ((++polls & 255) != 0 || Stopwatch.GetTimestamp() - idleSince < SpinTicks))
                    {
                        Thread.SpinWait(1);
                        continue;
                    }

                    wake.Reset();
                    Interlocked.Exchange(ref sleeping, 1);
                    if (Volatile.Read(ref ticket) == seen)
                    {
                        wake.Wait();
                        slept = true;
                    }

                    Interlocked.Exchange(ref sleeping, 0);
                    idleSince = Stopwatch.GetTimestamp();
                }

                seen = Volatile.Read(ref ticket);
                Help(polled: !slept);
            }
        }
    }
}
