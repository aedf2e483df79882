using Xunit.Sdk;

namespace Nabla.Tests;

/// <summary>Assertions on numbers to a relative tolerance.</summary>
internal static class Close
{
    public static void Equal(double expected, double actual, double relative = 1e-9, string? what = null)
    {
        double scale = Math.Max(Math.Abs(expected), 1e-300);
        if (!(Math.Abs(expected - actual) <= relative * scale))
        {
            throw new XunitException($"{what ?? "value"}: expected {expected:R}, got {actual:R} (relative error {Math.Abs(expected - actual) / scale:E2} > {relative:E0})");
        }
    }

    public static void Equal(IReadOnlyList<double> expected, IReadOnlyList<double> actual, double relative = 1e-9, string? what = null)
    {
        if (expected.Count != actual.Count)
        {
            throw new XunitException($"{what ?? "values"}: expected {expected.Count} values, got {actual.Count}");
        }

        for (int i = 0; i < expected.Count; i++)
        {
            Equal(expected[i], actual[i], relative, $"{what ?? "values"}[{i}]");
        }
    }
}
