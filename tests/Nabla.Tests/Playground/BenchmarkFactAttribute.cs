namespace Nabla.Tests.Playground;

/// <summary>
/// A benchmark of the page in the browser, not a test: it runs when NABLA_BENCH=1 (as <c>bench/playground.sh</c>
/// sets it) and writes its figures under artifacts/playground/; the test suite skips it, since timing is no pass/fail matter.
/// </summary>
public sealed class BenchmarkFactAttribute : FactAttribute
{
    public BenchmarkFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("NABLA_BENCH") != "1")
        {
            Skip = "a benchmark: bench/playground.sh runs it";
        }
    }
}
