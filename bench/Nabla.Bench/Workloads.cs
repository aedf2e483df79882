using System.Diagnostics;
using System.Numerics;
using Nabla.Activations;
using Nabla.Layers;
using Nabla.Losses;
using Nabla.Numerics;
using Nabla.Optimizers;
using Nabla.Tensors;
using Nabla.Training;

namespace Nabla.Bench;

/// <summary>
/// The workloads of bench/compare.sh, each timed the same way as its PyTorch twin in
/// bench/peer/workloads.py: a warm-up, then the best of several timed runs.
/// </summary>
public static class Workloads
{
    public static readonly string[] Names = ["xor", "mlp784", "mlp1024", "sgemm", "dgemm"];

    /// <summary>The value (steps/s, samples/s or GFLOP/s) of one workload.</summary>
    public static double Run(string name, bool quick) => name switch
    {
        "xor" => Xor(quick),
        "mlp784" => Mlp<float>([784, 256, 128, 10], batch: 64, examples: 4096, quick),
        "mlp1024" => Mlp<float>([1024, 1024, 1024, 10], batch: 256, examples: 2048, quick),
        "sgemm" => GemmRate<float>(2048, quick),
        "dgemm" => GemmRate<double>(2048, quick),
        _ => throw new ArgumentException($"Unknown workload '{name}'. Known: {string.Join(", ", Names)}."),
    };

    /// <summary>XOR, 2-2-1 ReLU then sigmoid, bce, SGD η = 0.5, one example per step, float64: steps/s.</summary>
    public static double Xor(bool quick)
    {
        var x = Matrix<double>.FromArray(4, 2, 0, 0, 0, 1, 1, 0, 1, 1);
        var y = Matrix<double>.FromArray(4, 1, 0, 1, 1, 0);
        var network = Network<double>([2, 2, 1], new Relu(), new Sigmoid(), new BinaryCrossEntropy(), seed: 1, scale: 1.0);
        var trainer = new Trainer<double>(network, new Sgd<double>(0.5), new TrainOptions { Epochs = quick ? 25_000 : 250_000, BatchSize = 1 });
        long steps = 0;
        double seconds = Best(quick ? 2 : 5, () => steps = trainer.Fit(x, y).Steps);
        return steps / seconds;
    }

    /// <summary>A ReLU MLP with softmax + cce, SGD η = 0.01, on random data: samples/s.</summary>
    public static double Mlp<T>(int[] sizes, int batch, int examples, bool quick)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new SeededRandom(7);
        var x = new Matrix<T>(examples, sizes[0]);
        var y = new Matrix<T>(examples, sizes[^1]);
        for (int i = 0; i < examples; i++)
        {
            for (int j = 0; j < sizes[0]; j++)
            {
                x[i, j] = T.CreateChecked(random.Uniform(0, 1));
            }

            y[i, random.NextInt(sizes[^1])] = T.One;
        }

        var network = Network<T>(sizes, new Relu(), new Softmax(), new CategoricalCrossEntropy(), seed: 3, scale: 0);
        int epochs = quick ? 1 : 3;
        var trainer = new Trainer<T>(network, new Sgd<T>(0.01), new TrainOptions { Epochs = epochs, BatchSize = batch });
        long samples = (long)epochs * examples;
        double seconds = Best(quick ? 2 : 4, () => trainer.Fit(x, y));
        return samples / seconds;
    }

    /// <summary>C = A·B for n × n matrices: GFLOP/s (2n³ flops per product).</summary>
    public static double GemmRate<T>(int n, bool quick)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new SeededRandom(5);
        var a = new Matrix<T>(n, n);
        var b = new Matrix<T>(n, n);
        var c = new Matrix<T>(n, n);
        for (int i = 0; i < a.Length; i++)
        {
            a.Span[i] = T.CreateChecked(random.Uniform(-1, 1));
            b.Span[i] = T.CreateChecked(random.Uniform(-1, 1));
        }

        double seconds = Best(quick ? 3 : 8, () => Gemm.Multiply(a, b, c));
        return 2.0 * n * n * n / seconds / 1e9;
    }

    /// <summary>A network of Dense layers: hidden activation on every layer but the last.</summary>
    public static Network<T> Network<T>(int[] sizes, Activation hidden, Activation output, Loss loss, ulong seed, double scale)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new SeededRandom(seed);
        var layers = new List<Dense<T>>();
        for (int l = 1; l < sizes.Length; l++)
        {
            var layer = new Dense<T>(sizes[l - 1], sizes[l], l == sizes.Length - 1 ? output : hidden);
            var init = scale > 0 ? new Initializer("uniform", -scale, scale) : new Initializer("he");
            var w = init.Draw(sizes[l - 1], sizes[l], random);
            for (int i = 0; i < w.Length; i++)
            {
                layer.W.Span[i] = T.CreateChecked(w[i]);
            }

            layers.Add(layer);
        }

        return new Network<T>(sizes[0], layers, loss);
    }

    /// <summary>How long <see cref="Best"/> warms up (the peer's workloads.py waits as long).</summary>
    public const double WarmUpSeconds = 2.0;

    /// <summary>
    /// Warms up (repeats <paramref name="work"/> for at least two seconds), then times it <paramref name="runs"/>
    /// times: the fastest, in seconds. The warm-up lets the JIT finish compiling the steady-state code: it
    /// does so on a background thread, which on a 2-core machine competes with the two busy cores of
    /// the work itself; after half a second, the MLP 784 row still ran partly unoptimised code
    /// (365k samples/s against 425k in the same process a moment later).
    /// </summary>
    public static double Best(int runs, Action work)
    {
        var warmUp = Stopwatch.StartNew();
        do
        {
            work();
        }
        while (warmUp.Elapsed.TotalSeconds < WarmUpSeconds);

        double best = double.MaxValue;
        for (int r = 0; r < runs; r++)
        {
            var watch = Stopwatch.StartNew();
            work();
            best = Math.Min(best, watch.Elapsed.TotalSeconds);
        }

        return best;
    }
}
