using Nabla.App;
using Nabla.Specs;

namespace Nabla.Tests;

/// <summary>The repository's example specs, copied next to the test assembly.</summary>
internal static class Examples
{
    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "examples", name);

    public static ModelSpec Load(string name) => SpecReader.ReadFile(Path(name));

    /// <summary>Builds an example's network and data, runs Forward and (optionally) Backward once.</summary>
    public static (Network<double> Net, Nabla.Data.Dataset Data) Run(string name, bool backward, bool fused = true)
    {
        var spec = Load(name);
        var net = ModelBuilder.BuildNetwork<double>(spec);
        var data = ModelBuilder.LoadData(spec);
        net.UseFusedOutputDelta = fused;
        net.Forward(data.X);
        if (backward)
        {
            net.Backward(data.Y, computeInputGradient: true);
        }

        return (net, data);
    }

    /// <summary>Column j of a row-major m × n matrix.</summary>
    public static double[] Column(Nabla.Tensors.Matrix<double> m, int j) => Enumerable.Range(0, m.Rows).Select(i => m[i, j]).ToArray();
}
