using Nabla.Specs;

namespace Nabla.Tests;

/// <summary>The repository's example specs, copied next to the test assembly.</summary>
internal static class Examples
{
    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "examples", name);

    public static ModelSpec Load(string name) => SpecReader.ReadFile(Path(name));

    /// <summary>Column j of a row-major m × n matrix.</summary>
    public static double[] Column(Nabla.Tensors.Matrix<double> m, int j) => Enumerable.Range(0, m.Rows).Select(i => m[i, j]).ToArray();
}
