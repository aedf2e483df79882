using System.Buffers.Binary;
using System.Reflection;
using Nabla.Activations;
using Nabla.App;
using Nabla.Data;
using Nabla.Specs;

namespace Nabla.Onnx;

/// <summary>
/// Writes a model as an ONNX graph of standard operators (opset 13), which ONNX Runtime, ML.NET
/// and other runtimes run: the input "x" (batch × inputs, the batch dimension left open), the
/// model's standardisation as Sub and Div so raw inputs go in, each layer as Gemm (MatMul for a
/// layer without bias) and its activation (Relu, LeakyRelu, Sigmoid, Tanh, Softmax over the
/// units, or nothing for identity; in float64, where ONNX Runtime has no LeakyRelu, leaky relu
/// is Mul and Max), and the output "y" (batch × outputs). Weights are stored in
/// float32 or float64. The class names (as a JSON array under "classes") and the Nabla version
/// are written as metadata.
/// </summary>
/// <remarks>
/// The protobuf encoding is written by hand (<see cref="ProtoWriter"/>): the few messages an MLP
/// needs take some sixty lines, and the library keeps to the base class library.
/// </remarks>
public static class OnnxExporter
{
    /// <summary>The ONNX operator set the graph is written in.</summary>
    public const int Opset = 13;

    /// <summary>The ONNX file format version (IR version 7 goes with opset 13).</summary>
    public const int IrVersion = 7;

    private const int FloatType = 1;
    private const int DoubleType = 11;

    /// <summary>
    /// Writes <paramref name="model"/> (a model or spec file as read; a spec without weights gets
    /// those its seed draws) as an ONNX file at <paramref name="path"/>, in <paramref name="precision"/>
    /// ("float32" or "float64"; null: the model's own). The file is written to a temporary file and
    /// renamed, so a failed write leaves nothing half-written.
    /// </summary>
    /// <exception cref="NablaException">When the file cannot be written, naming it.</exception>
    public static void Write(ModelSpec model, string path, string? precision = null)
    {
        byte[] onnx = ToBytes(model, precision);
        string full = Path.GetFullPath(path);
        string dir = Path.GetDirectoryName(full)!;
        string temp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            Directory.CreateDirectory(dir);
            File.WriteAllBytes(temp, onnx);
            File.Move(temp, full, overwrite: true); // a rename within one folder is atomic
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            try
            {
                File.Delete(temp);
            }
            catch (Exception again) when (again is IOException or UnauthorizedAccessException)
            {
                // (the folder itself cannot be written: there is no temporary file)
            }

            throw new NablaException($"{path}: cannot write the ONNX file ({e.Message}). Fix: choose a path in a folder you can write to.");
        }
    }

    /// <summary>The ONNX model of <paramref name="model"/> as bytes (see <see cref="Write"/>).</summary>
    public static byte[] ToBytes(ModelSpec model, string? precision = null)
    {
        precision ??= model.Train.Precision;
        if (precision is not ("float32" or "float64"))
        {
            throw new NablaException($"{model.File}: cannot export in precision \"{precision}\". Fix: use float32 or float64.");
        }

        int type = precision == "float32" ? FloatType : DoubleType;
        var network = ModelBuilder.BuildNetwork<double>(model); // (weights a spec leaves out: drawn as training would)
        var graph = new ProtoWriter().String(2, Name(model));
        string x = "x";
        if (StandardizationOf(model) is { } scale)
        {
            graph.Message(5, Tensor("mean", type, [scale.Features], scale.Mean));
            graph.Message(5, Tensor("std", type, [scale.Features], scale.Std));
            graph.Message(1, Node("Sub", "standardize_sub", ["x", "mean"], ["x_centred"]));
            graph.Message(1, Node("Div", "standardize_div", ["x_centred", "std"], ["z0"]));
            x = "z0";
        }

        for (int l = 0; l < network.Layers.Count; l++)
        {
            var layer = network.Layers[l];
            string n = (l + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            bool last = l == network.Layers.Count - 1;
            string z = last && layer.Activation is Identity ? "y" : $"Z{n}";
            graph.Message(5, Tensor($"W{n}", type, [layer.Inputs, layer.Units], layer.W.ToArray()));
            if (layer.B is { } b)
            {
                graph.Message(5, Tensor($"b{n}", type, [layer.Units], b.ToArray()));
                graph.Message(1, Node("Gemm", $"dense{n}", [x, $"W{n}", $"b{n}"], [z]));
            }
            else
            {
                graph.Message(1, Node("MatMul", $"dense{n}", [x, $"W{n}"], [z]));
            }

            x = layer.Activation is Identity ? z : Activation(graph, layer.Activation, n, z, last ? "y" : $"A{n}", type);
        }

        graph.Message(11, ValueInfo("x", type, network.Inputs));
        graph.Message(12, ValueInfo("y", type, network.Outputs));
        var onnx = new ProtoWriter()
            .Varint(1, IrVersion)
            .String(2, "nabla")
            .String(3, Version)
            .Message(7, graph)
            .Message(8, new ProtoWriter().String(1, "").Varint(2, Opset));
        if (model.Classes is { } classes)
        {
            onnx.Message(14, new ProtoWriter().String(1, "classes").String(2, System.Text.Json.JsonSerializer.Serialize(classes)));
        }

        onnx.Message(14, new ProtoWriter().String(1, "nabla_version").String(2, Version));
        return onnx.ToArray();
    }

    /// <summary>The version of this library, as written into the files it exports.</summary>
    public static string Version { get; } =
        typeof(OnnxExporter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0";

    private static string Activation(ProtoWriter graph, Activation f, string n, string z, string a, int type)
    {
        if (f is LeakyRelu { Alpha: var alpha } && type == DoubleType)
        {
            // ONNX Runtime has no float64 LeakyRelu: f(z) = max(z, α·z) for α ≤ 1 (min for α > 1), the same products.
            graph.Message(5, Tensor($"alpha{n}", type, [], [alpha]));
            graph.Message(1, Node("Mul", $"leaky_relu{n}_slope", [z, $"alpha{n}"], [$"{z}_alpha"]));
            graph.Message(1, Node(alpha <= 1 ? "Max" : "Min", $"leaky_relu{n}", [z, $"{z}_alpha"], [a]));
            return a;
        }

        if (f is Elu { Alpha: var eluAlpha } && type == DoubleType)
        {
            // ONNX Runtime has no float64 Elu: elu(z) = relu(z) + α·(e^min(z, 0) − 1)
            graph.Message(5, Tensor($"zero{n}", type, [], [0]));
            graph.Message(5, Tensor($"one{n}", type, [], [1]));
            graph.Message(5, Tensor($"alpha{n}", type, [], [eluAlpha]));
            graph.Message(1, Node("Relu", $"elu{n}_relu", [z], [$"{z}_pos"]));
            graph.Message(1, Node("Min", $"elu{n}_min", [z, $"zero{n}"], [$"{z}_neg"]));
            graph.Message(1, Node("Exp", $"elu{n}_exp", [$"{z}_neg"], [$"{z}_exp"]));
            graph.Message(1, Node("Sub", $"elu{n}_sub", [$"{z}_exp", $"one{n}"], [$"{z}_expm1"]));
            graph.Message(1, Node("Mul", $"elu{n}_alpha", [$"{z}_expm1", $"alpha{n}"], [$"{z}_left"]));
            graph.Message(1, Node("Add", $"elu{n}", [$"{z}_pos", $"{z}_left"], [a]));
            return a;
        }

        if (f is Softplus && type == DoubleType)
        {
            // ONNX Runtime has no float64 Softplus: softplus(z) = relu(z) + ln(1 + e^(−|z|))
            graph.Message(5, Tensor($"one{n}", type, [], [1]));
            graph.Message(1, Node("Relu", $"softplus{n}_relu", [z], [$"{z}_pos"]));
            graph.Message(1, Node("Abs", $"softplus{n}_abs", [z], [$"{z}_abs"]));
            graph.Message(1, Node("Neg", $"softplus{n}_neg", [$"{z}_abs"], [$"{z}_nabs"]));
            graph.Message(1, Node("Exp", $"softplus{n}_exp", [$"{z}_nabs"], [$"{z}_exp"]));
            graph.Message(1, Node("Add", $"softplus{n}_add", [$"{z}_exp", $"one{n}"], [$"{z}_exp1"]));
            graph.Message(1, Node("Log", $"softplus{n}_log", [$"{z}_exp1"], [$"{z}_log"]));
            graph.Message(1, Node("Add", $"softplus{n}", [$"{z}_pos", $"{z}_log"], [a]));
            return a;
        }

        if (f is Silu)
        {
            // silu(z) = z·σ(z)
            graph.Message(1, Node("Sigmoid", $"silu{n}_sigmoid", [z], [$"{z}_sigmoid"]));
            graph.Message(1, Node("Mul", $"silu{n}", [z, $"{z}_sigmoid"], [a]));
            return a;
        }

        if (f is Gelu && type == DoubleType)
        {
            throw new NablaException("gelu has no float64 form that ONNX Runtime runs (its Erf operator is float32 only). Fix: export with --precision float32.");
        }

        if (f is Gelu)
        {
            // gelu(z) = z·½(1 + erf(z/√2)), the exact form
            graph.Message(5, Tensor($"sqrt2_{n}", type, [], [Math.Sqrt(2)]));
            graph.Message(5, Tensor($"one{n}", type, [], [1]));
            graph.Message(5, Tensor($"half{n}", type, [], [0.5]));
            graph.Message(1, Node("Div", $"gelu{n}_scale", [z, $"sqrt2_{n}"], [$"{z}_scaled"]));
            graph.Message(1, Node("Erf", $"gelu{n}_erf", [$"{z}_scaled"], [$"{z}_erf"]));
            graph.Message(1, Node("Add", $"gelu{n}_add", [$"{z}_erf", $"one{n}"], [$"{z}_erf1"]));
            graph.Message(1, Node("Mul", $"gelu{n}_half", [$"{z}_erf1", $"half{n}"], [$"{z}_cdf"]));
            graph.Message(1, Node("Mul", $"gelu{n}", [z, $"{z}_cdf"], [a]));
            return a;
        }

        string op = f switch
        {
            Relu => "Relu",
            Elu => "Elu",
            Softplus => "Softplus",
            LeakyRelu => "LeakyRelu",
            Sigmoid => "Sigmoid",
            Tanh => "Tanh",
            Softmax => "Softmax",
            _ => throw new NablaException($"The activation \"{f.Name}\" has no ONNX operator here."),
        };
        var node = Node(op, $"{f.Name}{n}", [z], [a]);
        if (f is LeakyRelu leaky)
        {
            node.Message(5, new ProtoWriter().String(1, "alpha").Float(2, (float)leaky.Alpha).Varint(20, 1));
        }
        else if (f is Elu elu)
        {
            node.Message(5, new ProtoWriter().String(1, "alpha").Float(2, (float)elu.Alpha).Varint(20, 1));
        }
        else if (f is Softmax)
        {
            node.Message(5, new ProtoWriter().String(1, "axis").Varint(3, 1).Varint(20, 2)); // over the units of each example
        }

        graph.Message(1, node);
        return a;
    }

    private static ProtoWriter Node(string op, string name, string[] inputs, string[] outputs)
    {
        var node = new ProtoWriter();
        foreach (string input in inputs)
        {
            node.String(1, input);
        }

        foreach (string output in outputs)
        {
            node.String(2, output);
        }

        return node.String(3, name).String(4, op);
    }

    private static ProtoWriter Tensor(string name, int type, long[] dims, double[] values)
    {
        var tensor = new ProtoWriter();
        foreach (long d in dims)
        {
            tensor.Varint(1, d);
        }

        byte[] raw = new byte[values.Length * (type == FloatType ? 4 : 8)];
        for (int i = 0; i < values.Length; i++)
        {
            if (type == FloatType)
            {
                BinaryPrimitives.WriteSingleLittleEndian(raw.AsSpan(i * 4), (float)values[i]);
            }
            else
            {
                BinaryPrimitives.WriteDoubleLittleEndian(raw.AsSpan(i * 8), values[i]);
            }
        }

        return tensor.Varint(2, type).String(8, name).Bytes(9, raw);
    }

    /// <summary>A batch × <paramref name="width"/> tensor of the given element type, the batch dimension named "batch".</summary>
    private static ProtoWriter ValueInfo(string name, int type, int width)
    {
        var shape = new ProtoWriter()
            .Message(1, new ProtoWriter().String(2, "batch"))
            .Message(1, new ProtoWriter().Varint(1, width));
        var tensorType = new ProtoWriter().Varint(1, type).Message(2, shape);
        return new ProtoWriter().String(1, name).Message(2, new ProtoWriter().Message(1, tensorType));
    }

    private static string Name(ModelSpec model) => string.IsNullOrWhiteSpace(model.Name) ? "nabla" : model.Name;

    private static Standardization? StandardizationOf(ModelSpec model) =>
        model.Standardization ?? (model.Data is { Standardize: true } ? ModelBuilder.LoadSplit(model).Standardization : null);
}
