using System.Diagnostics;
using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using Nabla.Activations;
using Nabla.Layers;
using Nabla.Losses;
using Nabla.Models;
using Nabla.Tensors;

namespace Nabla.Bench;

/// <summary>
/// Network.Predict against ONNX Runtime's InferenceSession.Run on the model Nabla exports, in one
/// process, taking turns (a round of each, alternately, many rounds; the median round counts):
/// 784-256-128-10 float32 at batch 1 and 1024, and the 2-2-1 XOR network at batch 1.
/// ONNX Runtime runs with pre-allocated input and output OrtValues, its fastest call.
/// </summary>
internal static class OnnxComparison
{
    public static void Run(bool quick)
    {
        var inv = CultureInfo.InvariantCulture;
        var mnist = new Network<float>(784, [new Dense<float>(784, 256, new Relu(), seed: 1), new Dense<float>(256, 128, new Relu(), seed: 2),
            new Dense<float>(128, 10, new Softmax(), seed: 3)], new CategoricalCrossEntropy());
        var xor = new Network<float>(2, [new Dense<float>(2, 2, new Relu(), seed: 1), new Dense<float>(2, 1, new Sigmoid(), seed: 2)], new BinaryCrossEntropy());
        foreach (var (name, net, batch) in new[] { ("784-256-128-10 batch 1", mnist, 1), ("784-256-128-10 batch 1024", mnist, 1024), ("2-2-1 xor batch 1", xor, 1) })
        {
            var (nabla, onnx) = Compare(net, batch, quick);
            Console.WriteLine(string.Create(inv, $"ONNX {name}: nabla {Format(nabla)}, onnx runtime {Format(onnx)}, ratio {onnx / nabla:F2}"));
        }
    }

    private static string Format(double seconds) => seconds < 1e-3
        ? string.Create(CultureInfo.InvariantCulture, $"{seconds * 1e6:F2} µs")
        : string.Create(CultureInfo.InvariantCulture, $"{seconds * 1e3:F3} ms");

    private static (double Nabla, double Onnx) Compare(Network<float> net, int batch, bool quick)
    {
        string path = Path.Combine(Path.GetTempPath(), $"nabla-bench-{Environment.ProcessId}.onnx");
        net.ExportOnnx(path);
        using var session = new InferenceSession(path);
        File.Delete(path);
        var random = new Random(1);
        float[] input = [.. Enumerable.Range(0, batch * net.Inputs).Select(_ => (float)random.NextDouble())];
        var x = new Matrix<float>(batch, net.Inputs);
        input.CopyTo(x.Span);
        float[] output = new float[batch * net.Outputs];
        using var xValue = OrtValue.CreateTensorValueFromMemory(input, [batch, net.Inputs]);
        using var yValue = OrtValue.CreateTensorValueFromMemory(output, [batch, net.Outputs]);
        using var options = new RunOptions();
        string[] inputNames = ["x"], outputNames = ["y"];
        OrtValue[] inputs = [xValue], outputs = [yValue];

        // Same answers first: the comparison is of the same computation.
        session.Run(options, inputNames, inputs, outputNames, outputs);
        var mine = net.Predict(x);
        for (int i = 0; i < output.Length; i++)
        {
            if (Math.Abs(mine.Span[i] - output[i]) > 1e-5f)
            {
                throw new InvalidOperationException($"output {i}: nabla {mine.Span[i]}, onnx runtime {output[i]}");
            }
        }

        int calls = batch == 1 ? 2000 : 20, rounds = quick ? 5 : 31;
        double Time(Action call)
        {
            var clock = Stopwatch.StartNew();
            for (int i = 0; i < calls; i++)
            {
                call();
            }

            return clock.Elapsed.TotalSeconds / calls;
        }

        var (a, b) = (new List<double>(), new List<double>());
        for (int r = 0; r < rounds + 2; r++)
        {
            double tn = Time(() => net.Predict(x));
            double to = Time(() => session.Run(options, inputNames, inputs, outputNames, outputs));
            if (r >= 2)
            {
                (a, b) = ([.. a, tn], [.. b, to]); // the first two rounds warm up
            }
        }

        return (Median(a), Median(b));
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
