using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Nabla.App;
using Nabla.Models;
using Nabla.Numerics;
using Nabla.Onnx;
using Nabla.Specs;

namespace Nabla.Tests.Onnx;

/// <summary>
/// Exported models run in ONNX Runtime and give what nabla predict gives on the same raw
/// inputs: within 1e-6 in float32 and 1e-12 in float64, relative to the largest output of each example.
/// </summary>
public class OnnxExportTests
{
    public static TheoryData<string, string> ExamplesAndPrecisions()
    {
        var data = new TheoryData<string, string>();
        foreach (string file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "examples"), "*.json").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file), "float32");
            data.Add(Path.GetFileName(file), "float64");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ExamplesAndPrecisions))]
    public void Every_example_runs_in_onnx_runtime_as_in_nabla(string example, string precision)
    {
        var model = Examples.Load(example);
        model = model with { Train = model.Train with { Precision = precision } };
        double[][] x = RandomInputs(model, 17, seed: 5);

        AssertSame(model, x, precision);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public void Random_networks_run_in_onnx_runtime_as_in_nabla(int seed)
    {
        var random = new SeededRandom((ulong)seed);
        string[] activations = ["identity", "sigmoid", "tanh", "relu", "leaky_relu", "elu", "gelu", "softplus", "silu", "softmax"];
        int inputs = 1 + (int)(random.NextDouble() * 9);
        int count = 1 + (int)(random.NextDouble() * 4);
        var layers = new List<LayerSpec>();
        for (int l = 0; l < count; l++)
        {
            layers.Add(new LayerSpec
            {
                Units = 1 + (int)(random.NextDouble() * 12),
                Activation = activations[(int)(random.NextDouble() * activations.Length)],
                Alpha = 0.05 + random.NextDouble(),
                HasBias = random.NextDouble() < 0.7,
                Init = "normal(1)",
            });
        }

        var model = new ModelSpec { Name = $"random {seed}", Inputs = inputs, Layers = layers, Train = new TrainSpec { Seed = (ulong)seed } };
        double[][] x = RandomInputs(model, 9, (ulong)seed);
        AssertSame(model, x, "float32");
        if (model.Layers.All(l => l.Activation != "gelu")) // (ONNX Runtime's Erf is float32 only: a float64 gelu is refused, below)
        {
            AssertSame(model, x, "float64");
        }
    }

    [Fact]
    public void A_float64_gelu_is_refused_with_the_fix()
    {
        var model = Nabla.App.ModelBuilder.FillMissingWeights(new ModelSpec { Inputs = 2, Layers = [new LayerSpec { Units = 3, Activation = "gelu", Init = "normal(1)" }] });

        var e = Assert.Throws<NablaException>(() => OnnxExporter.ToBytes(model, "float64"));
        Assert.Contains("--precision float32", e.Message);
    }

    [Fact]
    public void Standardisation_classes_and_version_go_into_the_file()
    {
        var model = Examples.Load("iris.json");
        var trained = SpecTrainer.Train(model).Model;
        byte[] onnx = OnnxExporter.ToBytes(trained);
        using var session = new InferenceSession(onnx);
        var meta = session.ModelMetadata;

        Assert.Equal("""["setosa","versicolor","virginica"]""", meta.CustomMetadataMap["classes"]);
        Assert.Equal(OnnxExporter.Version, meta.CustomMetadataMap["nabla_version"]);
        Assert.Equal("nabla", meta.ProducerName);
        Assert.NotNull(trained.Standardization);
        double[][] raw = [[5.1, 3.5, 1.4, 0.2], [6.7, 3.0, 5.2, 2.3]];
        AssertSame(trained, raw, "float64");
        Assert.Equal(-1, session.InputMetadata["x"].Dimensions[0]); // the batch is left open
    }

    [Fact]
    public void A_network_built_in_code_exports_in_its_own_precision()
    {
        string dir = Directory.CreateTempSubdirectory("nabla-onnx").FullName;
        try
        {
            var net = new Network<float>(3, [new Nabla.Layers.Dense<float>(3, 5, new Nabla.Activations.LeakyRelu(0.1), seed: 2),
                new Nabla.Layers.Dense<float>(5, 2, new Nabla.Activations.Softmax(), seed: 3)], new Nabla.Losses.CategoricalCrossEntropy());
            string path = Path.Combine(dir, "net.onnx");
            net.ExportOnnx(path);
            double[][] x = [[0.5, -1, 2], [3, 0.25, -0.75]];
            double[][] expected = net.Predict(x);
            double[][] actual = Run(File.ReadAllBytes(path), x, "float32", 2);

            for (int i = 0; i < 2; i++)
            {
                for (int j = 0; j < 2; j++)
                {
                    Assert.Equal(expected[i][j], actual[i][j], 1e-6);
                }
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void An_unwritable_path_is_named_and_nothing_is_written()
    {
        string dir = Directory.CreateTempSubdirectory("nabla-onnx").FullName;
        try
        {
            string blocker = Path.Combine(dir, "file");
            File.WriteAllText(blocker, "");
            string path = Path.Combine(blocker, "model.onnx"); // a folder that is a file
            var error = Assert.Throws<NablaException>(() => OnnxExporter.Write(Examples.Load("iris.json"), path));

            Assert.Contains(path, error.Message, StringComparison.Ordinal);
            Assert.Contains("Fix:", error.Message, StringComparison.Ordinal);
            Assert.Equal([blocker], Directory.GetFileSystemEntries(dir));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static double[][] RandomInputs(ModelSpec model, int rows, ulong seed)
    {
        var random = new SeededRandom(seed);
        return [.. Enumerable.Range(0, rows).Select(_ => Enumerable.Range(0, model.Inputs).Select(_ => (random.NextDouble() * 4) - 2).ToArray())];
    }

    private static void AssertSame(ModelSpec model, double[][] x, string precision)
    {
        var copy = model with { Train = model.Train with { Precision = precision } };
        double[][] expected = SpecPredictor.Predict(copy, x);
        double[][] actual = Run(OnnxExporter.ToBytes(model, precision), x, precision, expected[0].Length);
        double tolerance = precision == "float32" ? 1e-6 : 1e-12;
        for (int i = 0; i < x.Length; i++)
        {
            // relative to the row's largest output: a small output of a row can be the difference of larger terms
            double scale = Math.Max(expected[i].Max(Math.Abs), 1e-3);
            for (int j = 0; j < expected[i].Length; j++)
            {
                double e = expected[i][j], a = actual[i][j];
                Assert.True(Math.Abs(a - e) <= tolerance * scale,
                    $"{model.Name} ({precision}) row {i} output {j}: nabla {e:R}, onnx runtime {a:R}");
            }
        }
    }

    private static double[][] Run(byte[] onnx, double[][] x, string precision, int outputs)
    {
        using var session = new InferenceSession(onnx);
        int m = x.Length, n = x[0].Length;
        int[] shape = [m, n];
        NamedOnnxValue input = precision == "float32"
            ? NamedOnnxValue.CreateFromTensor("x", new DenseTensor<float>(x.SelectMany(r => r.Select(v => (float)v)).ToArray(), shape))
            : NamedOnnxValue.CreateFromTensor("x", new DenseTensor<double>(x.SelectMany(r => r).ToArray(), shape));
        using var results = session.Run([input]);
        var y = results.Single(r => r.Name == "y");
        double[] flat = precision == "float32" ? [.. y.AsEnumerable<float>().Select(v => (double)v)] : [.. y.AsEnumerable<double>()];
        Assert.Equal(m * outputs, flat.Length);
        return [.. Enumerable.Range(0, m).Select(i => flat.AsSpan(i * outputs, outputs).ToArray())];
    }
}
