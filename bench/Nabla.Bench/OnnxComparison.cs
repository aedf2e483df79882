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
/// Network.Predict against ONNX Runtime's InferenceSession.Run on the model Nabla exports:
/// 784-256-128-10 float32 at batch 1 and 1024, and the 2-2-1 XOR network at batch 1.
/// Both are first checked to give the same outputs. Each engine is then timed in a process of its
/// own, the two taking turns (nabla, onnx runtime, onnx runtime, nabla, …), so that neither one's
/// threads, still spinning after its calls (ONNX Runtime's spin for a long while by default), take
/// the cores from the other; a .NET service runs one of them, not both. In its process each engine
/// is warmed up for a second (tiered compilation reaches its final code) and timed over seven
/// blocks of calls; the median block counts, and the median over the processes is reported.
/// ONNX Runtime runs with its default session options and pre-allocated input and output
/// OrtValues, its fastest call.
/// </summary>
internal static class OnnxComparison
{
    private static readonly string[] Cases = ["784-256-128-10 batch 1", "784-256-128-10 batch 1024", "2-2-1 xor batch 1"];

    public static void Run(bool quick)
    {
        var inv = CultureInfo.InvariantCulture;
        int processes = quick ? 1 : 3;
        for (int c = 0; c < Cases.Length; c++)
        {
            var (net, batch) = Case(c);
            using (var engines = new Engines(net, batch))
            {
                engines.CheckSameOutputs();
            }

            var (nabla, onnx) = (new List<double>(), new List<double>());
            for (int round = 0; round < processes; round++)
            {
                // Take turns, each engine first every other round.
                foreach (string engine in round % 2 == 0 ? new[] { "nabla", "ort" } : ["ort", "nabla"])
                {
                    (engine == "nabla" ? nabla : onnx).Add(Child(engine, c));
                }
            }

            double n = Median(nabla), o = Median(onnx);
            Console.WriteLine(string.Create(inv, $"ONNX {Cases[c]}: nabla {Format(n)} ({Format(nabla.Min())}–{Format(nabla.Max())}), onnx runtime {Format(o)} ({Format(onnx.Min())}–{Format(onnx.Max())}), ratio {o / n:F2}"));
        }
    }

    /// <summary>The child process's part: time one engine on one case, print the median seconds per call.</summary>
    public static void RunEngine(string engine, int c)
    {
        var (net, batch) = Case(c);
        using var engines = new Engines(net, batch, withOnnx: engine != "nabla");
        Action call = engine == "nabla" ? engines.Nabla : engines.Onnx;
        int calls = batch == 1 ? 2000 : 20;
        var warm = Stopwatch.StartNew();
        while (warm.ElapsedMilliseconds < 1000)
        {
            call();
        }

        var blocks = new List<double>();
        for (int block = 0; block < 7; block++)
        {
            var clock = Stopwatch.StartNew();
            for (int i = 0; i < calls; i++)
            {
                call();
            }

            blocks.Add(clock.Elapsed.TotalSeconds / calls);
        }

        Console.WriteLine(Median(blocks).ToString("R", CultureInfo.InvariantCulture));
    }

    private static (Network<float> Net, int Batch) Case(int c) => c switch
    {
        2 => (new Network<float>(2, [new Dense<float>(2, 2, new Relu(), seed: 1), new Dense<float>(2, 1, new Sigmoid(), seed: 2)], new BinaryCrossEntropy()), 1),
        _ => (new Network<float>(784, [new Dense<float>(784, 256, new Relu(), seed: 1), new Dense<float>(256, 128, new Relu(), seed: 2),
            new Dense<float>(128, 10, new Softmax(), seed: 3)], new CategoricalCrossEntropy()), c == 0 ? 1 : 1024),
    };

    /// <summary>Runs this program again as <c>onnx-engine ENGINE CASE</c> and reads the seconds per call it prints.</summary>
    private static double Child(string engine, int c)
    {
        string dll = typeof(OnnxComparison).Assembly.Location;
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
        if (!Path.GetFileNameWithoutExtension(Environment.ProcessPath!).Equals("Nabla.Bench", StringComparison.OrdinalIgnoreCase))
        {
            start.ArgumentList.Add(dll); // run through `dotnet Nabla.Bench.dll`
        }

        foreach (string arg in new[] { "onnx-engine", engine, c.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0
            ? double.Parse(output.Trim().Split('\n')[^1], CultureInfo.InvariantCulture)
            : throw new InvalidOperationException($"onnx-engine {engine} {c} exited with {process.ExitCode}: {output}");
    }

    private static string Format(double seconds) => seconds < 1e-3
        ? string.Create(CultureInfo.InvariantCulture, $"{seconds * 1e6:F2} µs")
        : string.Create(CultureInfo.InvariantCulture, $"{seconds * 1e3:F3} ms");

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    /// <summary>The network and its exported ONNX session on the same random batch, each ready to call without allocating.</summary>
    private sealed class Engines : IDisposable
    {
        private readonly Network<float> net;
        private readonly InferenceSession? session;
        private readonly Matrix<float> x;
        private readonly float[] output;
        private readonly OrtValue xValue;
        private readonly OrtValue yValue;
        private readonly RunOptions options = new();
        private readonly string[] inputNames = ["x"];
        private readonly string[] outputNames = ["y"];
        private readonly OrtValue[] inputs;
        private readonly OrtValue[] outputs;

        public Engines(Network<float> net, int batch, bool withOnnx = true)
        {
            this.net = net;
            string path = Path.Combine(Path.GetTempPath(), $"nabla-bench-{Environment.ProcessId}.onnx");
            if (withOnnx)
            {
                // (not in a Nabla-only process: ONNX Runtime's thread pool stays out of it)
                net.ExportOnnx(path);
                session = new InferenceSession(path);
                File.Delete(path);
            }

            var random = new Random(1);
            float[] input = [.. Enumerable.Range(0, batch * net.Inputs).Select(_ => (float)random.NextDouble())];
            x = new Matrix<float>(batch, net.Inputs);
            input.CopyTo(x.Span);
            output = new float[batch * net.Outputs];
            xValue = OrtValue.CreateTensorValueFromMemory(input, [batch, net.Inputs]);
            yValue = OrtValue.CreateTensorValueFromMemory(output, [batch, net.Outputs]);
            (inputs, outputs) = ([xValue], [yValue]);
        }

        public void Nabla() => net.Predict(x);

        public void Onnx() => session!.Run(options, inputNames, inputs, outputNames, outputs);

        /// <summary>Same answers first: the comparison is of the same computation.</summary>
        public void CheckSameOutputs()
        {
            Onnx();
            var mine = net.Predict(x);
            for (int i = 0; i < output.Length; i++)
            {
                if (Math.Abs(mine.Span[i] - output[i]) > 1e-5f)
                {
                    throw new InvalidOperationException($"output {i}: nabla {mine.Span[i]}, onnx runtime {output[i]}");
                }
            }
        }

        public void Dispose()
        {
            xValue.Dispose();
            yValue.Dispose();
            options.Dispose();
            session?.Dispose();
        }
    }
}
