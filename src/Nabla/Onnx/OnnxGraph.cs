namespace Nabla.Onnx;

/// <summary>An ONNX model read as far as an MLP needs: the nodes in order, the constant tensors, the graph's inputs and outputs, and the metadata.</summary>
internal sealed record OnnxGraph(
    IReadOnlyList<OnnxNode> Nodes,
    IReadOnlyDictionary<string, OnnxTensor> Constants,
    IReadOnlyList<(string Name, long[] Shape)> Inputs,
    IReadOnlyList<string> Outputs,
    IReadOnlyDictionary<string, string> Metadata)
{
    /// <summary>Parses a ModelProto; <see cref="FormatException"/> when the bytes are not one.</summary>
    public static OnnxGraph Parse(ReadOnlySpan<byte> model)
    {
        var metadata = new Dictionary<string, string>();
        byte[]? graph = null;
        var reader = new ProtoReader(model);
        while (reader.Next())
        {
            if (reader.Field == 7 && reader.WireType == 2)
            {
                graph = reader.Slice.ToArray();
            }
            else if (reader.Field == 14 && reader.WireType == 2)
            {
                var (key, value) = (string.Empty, string.Empty);
                var entry = new ProtoReader(reader.Slice);
                while (entry.Next())
                {
                    (key, value) = entry.Field switch { 1 => (entry.Text, value), 2 => (key, entry.Text), _ => (key, value) };
                }

                metadata[key] = value;
            }
        }

        return graph is null ? throw new FormatException("no graph") : ParseGraph(graph, metadata);
    }

    private static OnnxGraph ParseGraph(ReadOnlySpan<byte> graph, Dictionary<string, string> metadata)
    {
        var nodes = new List<OnnxNode>();
        var constants = new Dictionary<string, OnnxTensor>();
        var inputs = new List<(string, long[])>();
        var outputs = new List<string>();
        var reader = new ProtoReader(graph);
        while (reader.Next())
        {
            switch (reader.Field)
            {
                case 1:
                    var node = OnnxNode.Parse(reader.Slice);
                    if (node is { Op: "Constant", Value: { } value, Outputs.Count: 1 })
                    {
                        constants[node.Outputs[0]] = value with { Name = node.Outputs[0] }; // (PyTorch writes scalars as Constant nodes)
                    }
                    else
                    {
                        nodes.Add(node);
                    }

                    break;
                case 5: var t = OnnxTensor.Parse(reader.Slice); constants[t.Name] = t; break;
                case 11: inputs.Add(ValueInfo(reader.Slice)); break;
                case 12: outputs.Add(ValueInfo(reader.Slice).Name); break;
            }
        }

        return new OnnxGraph(nodes, constants, [.. inputs.Where(i => !constants.ContainsKey(i.Item1))], outputs, metadata);
    }

    /// <summary>A ValueInfoProto's name and shape (−1 for a dimension without a fixed size).</summary>
    private static (string Name, long[] Shape) ValueInfo(ReadOnlySpan<byte> bytes)
    {
        string name = string.Empty;
        var shape = new List<long>();
        var reader = new ProtoReader(bytes);
        while (reader.Next())
        {
            if (reader.Field == 1)
            {
                name = reader.Text;
            }
            else if (reader.Field == 2)
            {
                var type = new ProtoReader(reader.Slice);
                while (type.Next())
                {
                    if (type.Field == 1)
                    {
                        var tensor = new ProtoReader(type.Slice);
                        while (tensor.Next())
                        {
                            if (tensor.Field == 2)
                            {
                                var dims = new ProtoReader(tensor.Slice);
                                while (dims.Next())
                                {
                                    long size = -1;
                                    var dim = new ProtoReader(dims.Slice);
                                    while (dim.Next())
                                    {
                                        size = dim.Field == 1 ? (long)dim.Value : size;
                                    }

                                    shape.Add(size);
                                }
                            }
                        }
                    }
                }
            }
        }

        return (name, [.. shape]);
    }
}
