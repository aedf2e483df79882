using Nabla.Layers;
using Nabla.Numerics;
using Nabla.Optimizers;
using Nabla.Tensors;

namespace Nabla.Tests.Training;

/// <summary>
/// A long parameter vector is updated in fixed chunks shared out between the cores (each chunk with
/// its own optimizer state): the values must be those of one update over the whole vector, for any thread count.
/// </summary>
[Collection(ThreadSettings.Name)]
public class ChunkedUpdateTests
{
    private const int Length = (2 * Optimizer<double>.Chunk) + 1234; // three chunks, the last one short

    private static (double[] W, double[] G) Vectors(int step)
    {
        var random = new SeededRandom((ulong)(17 + step));
        var w = new double[Length];
        var g = new double[Length];
        for (int i = 0; i < Length; i++)
        {
            w[i] = random.Uniform(-1, 1);
            g[i] = random.Uniform(-1, 1);
        }

        return (w, g);
    }

    private static Optimizer<double> Make(string rule) => rule switch
    {
        "sgd" => new Sgd<double>(0.1),
        "momentum" => new Momentum<double>(0.1, 0.9, nesterov: true),
        _ => new Adam<double>(0.01),
    };

    [Theory]
    [InlineData("sgd")]
    [InlineData("momentum")]
    [InlineData("adam")]
    public void ChunkedSteps_GiveTheBitsOfOneUpdateOverTheWholeVector_ForAnyThreadCount(string rule)
    {
        // Expected: the whole vector as one parameter (one state of full length).
        var (w, _) = Vectors(0);
        var whole = new Matrix<double>(1, Length);
        var gradient = new Matrix<double>(1, Length);
        w.CopyTo(whole.Span);
        var one = Make(rule);
        for (int step = 1; step <= 3; step++)
        {
            Vectors(step).G.CopyTo(gradient.Span);
            one.Step([new Parameter<double>("θ", whole, gradient, () => true)]);
        }

        int saved = Gemm.Threads;
        try
        {
            foreach (int threads in new[] { 1, 2, 3 })
            {
                Gemm.Threads = threads;
                var chunked = Make(rule);
                // θ 5 values into its array, its gradient at the start of another (as a network's aligned vectors may lie)
                var theta = new double[w.Length + 5];
                w.CopyTo(theta, 5);
                for (int step = 1; step <= 3; step++)
                {
                    var g = Vectors(step).G;
                    chunked.Step(theta, 5, g, 0, g.Length);
                }

                Assert.Equal(whole.ToArray(), theta[5..]);
            }
        }
        finally
        {
            Gemm.Threads = saved;
        }
    }
}
