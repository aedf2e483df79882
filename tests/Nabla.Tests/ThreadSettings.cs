namespace Nabla.Tests;

/// <summary>
/// The tests that change the process-wide thread settings (Gemm.Threads, Workers.Threaded) or the vector-math
/// path (Elementwise.VectorMathCompiled), and those that
/// count allocations, which a change of those settings mid-test would disturb (a worker started, say): they
/// run one at a time, never beside each other.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ThreadSettings
{
    public const string Name = "Process-wide thread settings";
}
