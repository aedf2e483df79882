using System.Globalization;
using Nabla.Data;
using Nabla.Specs;

namespace Nabla.Onnx;

/// <summary>
/// Reads an ONNX multilayer perceptron as a Nabla model: a chain of Gemm (or MatMul and Add)
/// layers, each followed by Softmax, nothing (identity), or element-wise nodes that compute one of
/// Nabla's activations however they spell it (<see cref="ElementwiseActivation"/>: Relu, Sigmoid, GELU
/// as Div, Erf, Add, Mul, Mul, SiLU as Sigmoid then Mul, …),
/// optionally after a Sub and Div that standardise the inputs, as <see cref="OnnxExporter"/>
/// writes and as torch.onnx.export writes an nn.Sequential of Linear layers and activations.
/// Identity nodes pass through. A graph Nabla cannot represent is refused, naming the first
/// node it cannot take and its operator.
/// </summary>
public static class OnnxImporter
{
    /// <summary>Reads the ONNX file at <paramref name="path"/> as a model spec (weights filled in).</summary>
    /// <exception cref="NablaException">When the file is missing, is not ONNX, or holds a graph Nabla cannot represent.</exception>
    public static ModelSpec ReadFile(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new NablaException($"{path}: cannot read the file ({e.Message}). Fix: check the path.");
        }

        return Read(bytes, path);
    }

    /// <summary>Reads ONNX <paramref name="bytes"/> (from <paramref name="file"/>, for messages) as a model spec.</summary>
    /// <exception cref="NablaException">When the bytes are not ONNX, or hold a graph Nabla cannot represent.</exception>
    public static ModelSpec Read(byte[] bytes, string file = "<onnx>")
    {
        OnnxGraph graph;
        try
        {
            graph = OnnxGraph.Parse(bytes);
        }
        catch (FormatException e)
        {
            throw new NablaException($"{file}: not an ONNX model, or a truncated one ({e.Message}). Fix: give a complete .onnx file, as torch.onnx.export or nabla export writes.");
        }

        if (graph.Inputs.Count != 1 || graph.Outputs.Count != 1)
        {
            throw new NablaException($"{file}: the graph has {graph.Inputs.Count} inputs and {graph.Outputs.Count} outputs. Fix: export a network with one input and one output.");
        }

        return new Walk(graph, file).Run();
    }

    /// <summary>Follows the chain of nodes from the graph's input, building layers.</summary>
    private sealed class Walk(OnnxGraph graph, string file)
    {
        private readonly List<LayerSpec> layers = [];
        private Standardization? standardization;
        private string current = graph.Inputs[0].Name;
        private LayerSpec? open;
        private double[]? mean;
        private int inputs = graph.Inputs[0].Shape.Length == 2 && graph.Inputs[0].Shape[1] > 0 ? (int)graph.Inputs[0].Shape[1] : -1;
        private bool anyFloat;

        public ModelSpec Run()
        {
            var nodes = graph.Nodes;
            for (int i = 0; i < nodes.Count; i++)
            {
                // After a layer (and its bias), a run of element-wise nodes is its activation, however it is spelt.
                if (open is not null && !IsBias(nodes[i]) && ElementwiseActivation.Match(nodes, i, current, Scalar) is var (name, alpha, count))
                {
                    open = open with { Alpha = alpha };
                    i += count - 1;
                    Close(name, nodes[i]);
                    continue;
                }

                Take(nodes[i]);
            }

            Close("identity");
            if (layers.Count == 0 || current != graph.Outputs[0])
            {
                throw new NablaException($"{file}: the graph's output \"{graph.Outputs[0]}\" is not the end of a chain of layers from its input. Fix: export an nn.Sequential of Linear layers and activations.");
            }

            string last = layers[^1].Activation;
            var spec = new ModelSpec
            {
                File = file,
                Name = Path.GetFileNameWithoutExtension(file),
                Inputs = inputs,
                Layers = layers,
                Standardization = standardization,
                Train = new TrainSpec { Precision = anyFloat ? "float32" : "float64" },
                Loss = new LossSpec(last == "softmax" ? "cce" : last == "sigmoid" ? "bce" : "mse", null),
                Classes = graph.Metadata.TryGetValue("classes", out string? classes) ? System.Text.Json.JsonSerializer.Deserialize<List<string>>(classes) : null,
            };

            return spec;
        }

        /// <summary>The Add of a bias after a MatMul.</summary>
        private bool IsBias(OnnxNode node) =>
            node.Op == "Add" && open is { Bias: null, Activation: "pending" } && node.Inputs.Count == 2 && Vector(node.Inputs[1]) is { } b && b.Length == open.Units;

        private void Take(OnnxNode node)
        {
            if (node.Inputs.Count == 0 || node.Inputs[0] != current || node.Outputs.Count != 1)
            {
                throw Refuse(node, "it does not continue the chain from the input");
            }

            // (after a layer, the element-wise activations were taken by ElementwiseActivation in Run)
            if (node.Op is "Relu" or "LeakyRelu" or "Sigmoid" or "Tanh" or "Softmax" && open is null)
            {
                throw Refuse(node, "an activation with no layer before it");
            }

            if (node.Op == "Softmax" && Attribute(node, "axis", -1) is 1 or -1)
            {
                Close("softmax", node);
                return;
            }

            switch (node.Op)
            {
                case "Identity":
                    current = node.Outputs[0];
                    return;
                case "Sub" when layers.Count == 0 && open is null && mean is null && Vector(node.Inputs[1]) is { } m:
                    mean = m;
                    current = node.Outputs[0];
                    return;
                case "Div" when mean is not null && standardization is null && Vector(node.Inputs[1]) is { } s && s.Length == mean.Length:
                    standardization = new Standardization(mean, s);
                    current = node.Outputs[0];
                    return;
                case "Gemm":
                    Gemm(node);
                    return;
                case "MatMul" when node.Inputs.Count == 2 && Weight(node.Inputs[1], transposed: false) is { } w:
                    Open(w, null);
                    current = node.Outputs[0];
                    return;
                case "Add" when open is { Bias: null, Activation: "pending" } && node.Inputs.Count == 2 && Vector(node.Inputs[1]) is { } b && b.Length == open.Units:
                    open = open with { Bias = b, HasBias = true };
                    current = node.Outputs[0];
                    return;
                default:
                    throw Refuse(node, "Nabla's networks have only dense layers and element-wise or softmax activations");
            }
        }

        private void Gemm(OnnxNode node)
        {
            if (Attribute(node, "alpha", 1) != 1 || Attribute(node, "beta", 1) != 1 || Attribute(node, "transA", 0) != 0 || node.Inputs.Count < 2
                || Weight(node.Inputs[1], transposed: Attribute(node, "transB", 0) != 0) is not { } w)
            {
                throw Refuse(node, "only Gemm with constant weights, alpha = beta = 1 and transA = 0 is a dense layer");
            }

            double[]? b = null;
            if (node.Inputs.Count > 2 && node.Inputs[2].Length > 0)
            {
                b = Vector(node.Inputs[2]);
                if (b is null || b.Length != w[0].Length)
                {
                    throw Refuse(node, "its bias is not a constant vector of one value per unit");
                }
            }

            Open(w, b);
            current = node.Outputs[0];
        }

        private void Open(double[][] w, double[]? b)
        {
            Close("identity");
            if (inputs < 0)
            {
                inputs = w.Length;
            }

            int below = layers.Count == 0 ? inputs : layers[^1].Units;
            if (w.Length != below)
            {
                throw new NablaException($"{file}: layer {layers.Count + 1} takes {w.Length} inputs but {(layers.Count == 0 ? "the graph's input has" : "the layer below has")} {below}. Fix: export a network whose shapes chain.");
            }

            open = new LayerSpec { Units = w[0].Length, Activation = "pending", Weights = w, Bias = b, HasBias = b is not null };
        }

        private void Close(string activation, OnnxNode? node = null)
        {
            if (open is null)
            {
                return;
            }

            layers.Add(open with { Activation = activation });
            open = null;
            if (node is not null)
            {
                current = node.Outputs[0];
            }
        }

        /// <summary>A constant 2-D weight as n_in rows of n_out (transposed from n_out × n_in when <paramref name="transposed"/>).</summary>
        private double[][]? Weight(string name, bool transposed)
        {
            if (!graph.Constants.TryGetValue(name, out var t) || t.Dims.Length != 2 || t.Values.Length != t.Dims[0] * t.Dims[1])
            {
                return null;
            }

            anyFloat |= t.Type == OnnxTensor.Float;
            int rows = (int)t.Dims[0], cols = (int)t.Dims[1];
            return transposed
                ? [.. Enumerable.Range(0, cols).Select(i => Enumerable.Range(0, rows).Select(j => t.Values[(j * cols) + i]).ToArray())]
                : [.. Enumerable.Range(0, rows).Select(i => t.Values.AsSpan(i * cols, cols).ToArray())];
        }

        /// <summary>A constant vector (shape [n] or [1, n]).</summary>
        private double[]? Vector(string name) =>
            graph.Constants.TryGetValue(name, out var t) && (t.Dims.Length == 1 || (t.Dims.Length == 2 && t.Dims[0] == 1)) ? t.Values : null;

        private double? Scalar(string name) =>
            graph.Constants.TryGetValue(name, out var t) && t.Values.Length == 1 ? t.Values[0] : null;

        private static double Attribute(OnnxNode node, string name, double fallback) =>
            node.Attributes.TryGetValue(name, out double v) ? v : fallback;

        private NablaException Refuse(OnnxNode node, string why) =>
            new($"{file}: cannot take node {graph.Nodes.ToList().IndexOf(node) + 1} \"{node.Name}\", a {node.Op}: {why}. Fix: export a multilayer perceptron (an nn.Sequential of Linear layers and relu, leaky relu, elu, gelu, silu, softplus, sigmoid, tanh or softmax).");
    }
}
