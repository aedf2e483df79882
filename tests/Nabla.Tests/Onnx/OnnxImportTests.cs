using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Nabla.App;
using Nabla.Onnx;
using Nabla.Specs;
using Nabla.Tests.Cli;

namespace Nabla.Tests.Onnx;

/// <summary>ONNX multilayer perceptrons read back as Nabla models that give the same outputs; graphs Nabla cannot represent refused by name.</summary>
public class OnnxImportTests
{
    [Theory]
    [InlineData("seed-002-leaky-relu-softmax.json", "float64")]
    [InlineData("seed-002-leaky-relu-softmax.json", "float32")]
    [InlineData("iris.json", "float64")]
    [InlineData("digits.json", "float32")]
    [InlineData("xor-relu-sigmoid.json", "float64")]
    [InlineData("seed-004-neuron-vectorised.json", "float64")]
    public void An_exported_model_imports_with_the_same_outputs(string example, string precision)
    {
        var model = Examples.Load(example);
        model = model with { Train = model.Train with { Precision = precision } };
        var imported = OnnxImporter.Read(OnnxExporter.ToBytes(model), example + ".onnx");
        double[][] x = [.. Enumerable.Range(0, 5).Select(i => Enumerable.Range(0, model.Inputs).Select(j => Math.Sin((3 * i) + j) * 2).ToArray())];

        Assert.Equal(precision, imported.Train.Precision);
        Assert.Equal(model.Layers.Select(l => (l.Units, l.Activation)), imported.Layers.Select(l => (l.Units, l.Activation)));
        double[][] expected = SpecPredictor.Predict(model, x), actual = SpecPredictor.Predict(imported, x);
        double tolerance = precision == "float32" ? 1e-6 : 1e-12;
        for (int i = 0; i < x.Length; i++)
        {
            for (int j = 0; j < expected[i].Length; j++)
            {
                Assert.True(Math.Abs(expected[i][j] - actual[i][j]) <= tolerance * Math.Max(1e-3, expected[i].Max(Math.Abs)), $"{i},{j}: {expected[i][j]} vs {actual[i][j]}");
            }
        }
    }

    /// <summary>Nabla's own export of each newer activation (in float64 composed from basic operators) reads back as that activation.</summary>
    [Theory]
    [InlineData("elu", "float64")]
    [InlineData("elu", "float32")]
    [InlineData("softplus", "float64")]
    [InlineData("softplus", "float32")]
    [InlineData("silu", "float64")]
    [InlineData("silu", "float32")]
    [InlineData("gelu", "float32")]
    [InlineData("leaky_relu", "float64")]
    public void An_exported_newer_activation_imports_as_itself(string activation, string precision)
    {
        var model = Examples.Load("iris.json");
        model = model.WithLayers((layer, l) => l == 0 ? layer with { Activation = activation, Alpha = activation is "elu" or "leaky_relu" ? 0.3 : null } : layer);
        model = model with { Train = model.Train with { Precision = precision } };
        var imported = OnnxImporter.Read(OnnxExporter.ToBytes(model), "newer.onnx");
        double[][] x = [.. Enumerable.Range(0, 5).Select(i => Enumerable.Range(0, model.Inputs).Select(j => Math.Sin((3 * i) + j) * 2).ToArray())];

        Assert.Equal(activation, imported.Layers[0].Activation);
        // (an ONNX attribute is a float: a float32 model's α comes back as the float nearest it, a float64 model's exactly)
        Assert.Equal(model.Layers[0].Alpha is { } alpha && precision == "float32" ? (float)alpha : model.Layers[0].Alpha, imported.Layers[0].Alpha);
        double[][] expected = SpecPredictor.Predict(model, x), actual = SpecPredictor.Predict(imported, x);
        for (int i = 0; i < x.Length; i++)
        {
            for (int j = 0; j < expected[i].Length; j++)
            {
                Assert.Equal(expected[i][j], actual[i][j], precision == "float32" ? 1e-6 : 1e-12);
            }
        }
    }

    /// <summary>
    /// ONNX files written by torch.onnx.export itself (tests/…/Onnx/Reference/make_torch_onnx.py): each activation as
    /// PyTorch spells it is recognised, and the imported model gives PyTorch's own outputs.
    /// </summary>
    [Theory]
    [InlineData("relu", null)]
    [InlineData("leaky_relu", 0.2)]
    [InlineData("elu", 0.5)]
    [InlineData("gelu", null)]
    [InlineData("silu", null)]
    [InlineData("softplus", null)]
    [InlineData("tanh", null)]
    public void A_pytorch_exported_network_imports_with_pytorchs_outputs(string activation, double? alpha)
    {
        string folder = Path.Combine(Folder(), "Reference");
        var reference = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "torch_onnx.json")))!;
        double[][] x = reference["inputs"]!.AsArray().Select(r => r!.AsArray().Select(v => (double)v!).ToArray()).ToArray();
        double[][] expected = reference["outputs"]![activation]!.AsArray().Select(r => r!.AsArray().Select(v => (double)v!).ToArray()).ToArray();
        var spec = OnnxImporter.ReadFile(Path.Combine(folder, $"torch_{activation}.onnx"));

        Assert.Equal([activation, activation, "identity"], spec.Layers.Select(l => l.Activation));
        Assert.Equal([5, 3, 2], spec.Layers.Select(l => l.Units));
        if (alpha is { } a)
        {
            Assert.Equal((double)(float)a, spec.Layers[0].Alpha);
        }

        double[][] actual = SpecPredictor.Predict(spec, x);
        for (int i = 0; i < x.Length; i++)
        {
            for (int j = 0; j < 2; j++)
            {
                Assert.Equal(expected[i][j], actual[i][j], 1e-5);
            }
        }
    }

    private static string Folder([System.Runtime.CompilerServices.CallerFilePath] string source = "") => Path.GetDirectoryName(source)!;

    /// <summary>torch.onnx.export of nn.Sequential(Linear(3, 4), ReLU(), Linear(4, 2), Sigmoid()) writes Gemm with transB = 1 (W as out × in).</summary>
    [Fact]
    public void A_pytorch_style_graph_imports_and_agrees_with_onnx_runtime()
    {
        float[] w1 = [0.5f, -0.25f, 1, 0.75f, 0.1f, -0.6f, -1, 0.3f, 0.2f, 0.4f, -0.8f, 0.9f]; // 4 × 3
        float[] b1 = [0.1f, -0.2f, 0.3f, 0];
        float[] w2 = [1, -1, 0.5f, 0.25f, -0.5f, 0.75f, 1.5f, -0.1f]; // 2 × 4
        float[] b2 = [0.05f, -0.05f];
        byte[] onnx = PyTorchLike(w1, b1, w2, b2);
        var spec = OnnxImporter.Read(onnx, "torch.onnx");
        double[][] x = [[1, 2, 3], [-1, 0.5, 0], [0.2, -0.3, 2]];

        Assert.Equal(3, spec.Inputs);
        Assert.Equal(["relu", "sigmoid"], spec.Layers.Select(l => l.Activation));
        Assert.Equal(w1[3], spec.Layers[0].Weights![0][1]); // W[0][1]: input 1 → unit 2 = torch's weight[1][0]
        using var session = new InferenceSession(onnx);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor("input", new DenseTensor<float>(x.SelectMany(r => r.Select(v => (float)v)).ToArray(), [3, 3]))]);
        float[] expected = [.. results.Single().AsEnumerable<float>()];
        double[][] actual = SpecPredictor.Predict(spec, x);
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 2; j++)
            {
                Assert.Equal(expected[(i * 2) + j], actual[i][j], 1e-6);
            }
        }
    }

    [Fact]
    public void A_node_nabla_cannot_take_is_named_with_its_operator()
    {
        var graph = new ProtoWriter()
            .Message(1, Node("Conv", "conv0", ["input", "w"], ["h"]))
            .Message(5, Tensor("w", [1, 1], [1f]))
            .Message(11, Value("input", 3))
            .Message(12, Value("h", 3));
        byte[] onnx = new ProtoWriter().Varint(1, 7).Message(7, graph).ToArray();
        var error = Assert.Throws<NablaException>(() => OnnxImporter.Read(onnx, "conv.onnx"));

        Assert.StartsWith("conv.onnx: cannot take node 1 \"conv0\", a Conv:", error.Message, StringComparison.Ordinal);
        Assert.Contains("Fix:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Shapes_that_do_not_chain_are_refused()
    {
        var graph = new ProtoWriter()
            .Message(1, Node("MatMul", "a", ["input", "w1"], ["h"]))
            .Message(1, Node("MatMul", "b", ["h", "w2"], ["out"]))
            .Message(5, Tensor("w1", [3, 4], new float[12]))
            .Message(5, Tensor("w2", [5, 2], new float[10]))
            .Message(11, Value("input", 3))
            .Message(12, Value("out", 2));
        var error = Assert.Throws<NablaException>(() => OnnxImporter.Read(new ProtoWriter().Message(7, graph).ToArray(), "bad.onnx"));

        Assert.Equal("bad.onnx: layer 2 takes 5 inputs but the layer below has 4. Fix: export a network whose shapes chain.", error.Message);
    }

    [Fact]
    public void The_command_refuses_a_truncated_file_and_writes_nothing()
    {
        string dir = Directory.CreateTempSubdirectory("nabla-import").FullName;
        try
        {
            byte[] onnx = OnnxExporter.ToBytes(Examples.Load("iris.json"));
            string file = Path.Combine(dir, "cut.onnx");
            File.WriteAllBytes(file, onnx[..(onnx.Length / 2)]);
            var r = CliProcess.Run("import", file, "-o", Path.Combine(dir, "spec.json"));

            Assert.Equal(1, r.ExitCode);
            Assert.Contains("cut.onnx: not an ONNX model, or a truncated one", r.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", r.Error, StringComparison.Ordinal);
            Assert.Equal([file], Directory.GetFiles(dir));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void The_command_writes_a_model_file_predict_reads()
    {
        string dir = Directory.CreateTempSubdirectory("nabla-import").FullName;
        try
        {
            string onnx = Path.Combine(dir, "torch.onnx"), spec = Path.Combine(dir, "spec.json");
            File.WriteAllBytes(onnx, PyTorchLike(new float[12], [0, 0, 0, 0], new float[8], [2, -2]));
            var import = CliProcess.Run("import", onnx, "-o", spec);
            var predict = CliProcess.Run("predict", spec, "--x", "1,2,3");

            Assert.Equal(0, import.ExitCode);
            Assert.Equal(0, predict.ExitCode);
            Assert.Contains("0.880797", predict.Out, StringComparison.Ordinal); // σ(2)
            Assert.Contains("0.119203", predict.Out, StringComparison.Ordinal); // σ(−2)
            Assert.Equal(3, SpecReader.ReadFile(spec).Inputs);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Predict_and_diagram_take_an_onnx_file_and_explain_says_what_it_lacks()
    {
        string dir = Directory.CreateTempSubdirectory("nabla-import").FullName;
        try
        {
            string onnx = Path.Combine(dir, "torch.onnx");
            File.WriteAllBytes(onnx, PyTorchLike(new float[12], [0, 0, 0, 0], new float[8], [2, -2]));
            var predict = CliProcess.Run("predict", onnx, "--x", "1,2,3");
            var diagram = CliProcess.Run("diagram", onnx, "--format", "mermaid");
            var explain = CliProcess.Run("explain", onnx);

            Assert.Equal(0, predict.ExitCode);
            Assert.Contains("0.880797", predict.Out, StringComparison.Ordinal);
            Assert.Equal(0, diagram.ExitCode);
            Assert.StartsWith("flowchart LR", diagram.Out, StringComparison.Ordinal);
            Assert.Equal(1, explain.ExitCode);
            Assert.Contains($"{onnx}: an ONNX file holds no data to explain with. Fix: nabla import torch.onnx -o spec.json", explain.Error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static byte[] PyTorchLike(float[] w1, float[] b1, float[] w2, float[] b2)
    {
        var transB = new ProtoWriter().String(1, "transB").Varint(3, 1).Varint(20, 2);
        var graph = new ProtoWriter()
            .Message(1, Node("Gemm", "/0/Gemm", ["input", "0.weight", "0.bias"], ["/0/Gemm_output_0"]).Message(5, transB))
            .Message(1, Node("Relu", "/1/Relu", ["/0/Gemm_output_0"], ["/1/Relu_output_0"]))
            .Message(1, Node("Gemm", "/2/Gemm", ["/1/Relu_output_0", "2.weight", "2.bias"], ["/2/Gemm_output_0"]).Message(5, transB))
            .Message(1, Node("Sigmoid", "/3/Sigmoid", ["/2/Gemm_output_0"], ["output"]))
            .Message(5, Tensor("0.weight", [4, 3], w1))
            .Message(5, Tensor("0.bias", [4], b1))
            .Message(5, Tensor("2.weight", [2, 4], w2))
            .Message(5, Tensor("2.bias", [2], b2))
            .Message(11, Value("input", 3))
            .Message(12, Value("output", 2));
        return new ProtoWriter().Varint(1, 8).String(2, "pytorch").Message(7, graph).Message(8, new ProtoWriter().String(1, "").Varint(2, 17)).ToArray();
    }

    private static ProtoWriter Node(string op, string name, string[] inputs, string[] outputs)
    {
        var node = new ProtoWriter();
        foreach (string i in inputs)
        {
            node.String(1, i);
        }

        foreach (string o in outputs)
        {
            node.String(2, o);
        }

        return node.String(3, name).String(4, op);
    }

    /// <summary>A float tensor with its values as float_data (packed), as PyTorch writes small ones.</summary>
    private static ProtoWriter Tensor(string name, long[] dims, float[] values)
    {
        var t = new ProtoWriter();
        foreach (long d in dims)
        {
            t.Varint(1, d);
        }

        byte[] packed = new byte[values.Length * 4];
        for (int i = 0; i < values.Length; i++)
        {
            BitConverter.TryWriteBytes(packed.AsSpan(i * 4), values[i]);
        }

        return t.Varint(2, 1).Bytes(4, packed).String(8, name);
    }

    private static ProtoWriter Value(string name, int width)
    {
        var shape = new ProtoWriter().Message(1, new ProtoWriter().String(2, "batch")).Message(1, new ProtoWriter().Varint(1, width));
        return new ProtoWriter().String(1, name).Message(2, new ProtoWriter().Message(1, new ProtoWriter().Varint(1, 1).Message(2, shape)));
    }
}
