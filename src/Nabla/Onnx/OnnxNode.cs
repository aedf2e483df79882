namespace Nabla.Onnx;

/// <summary>One node: its operator, name, inputs, outputs, numeric attributes and (a Constant's) tensor attribute.</summary>
internal sealed record OnnxNode(string Op, string Name, IReadOnlyList<string> Inputs, IReadOnlyList<string> Outputs, IReadOnlyDictionary<string, double> Attributes, OnnxTensor? Value = null)
{
    public static OnnxNode Parse(ReadOnlySpan<byte> bytes)
    {
        string op = string.Empty, name = string.Empty;
        var inputs = new List<string>();
        var outputs = new List<string>();
        var attributes = new Dictionary<string, double>();
        OnnxTensor? tensor = null;
        var reader = new ProtoReader(bytes);
        while (reader.Next())
        {
            switch (reader.Field)
            {
                case 1: inputs.Add(reader.Text); break;
                case 2: outputs.Add(reader.Text); break;
                case 3: name = reader.Text; break;
                case 4: op = reader.Text; break;
                case 5:
                    string key = string.Empty;
                    double value = double.NaN;
                    var attribute = new ProtoReader(reader.Slice);
                    while (attribute.Next())
                    {
                        switch (attribute.Field)
                        {
                            case 1: key = attribute.Text; break;
                            case 2: value = BitConverter.Int32BitsToSingle((int)attribute.Value); break;
                            case 3: value = (long)attribute.Value; break;
                            case 5: tensor = OnnxTensor.Parse(attribute.Slice); break;
                        }
                    }

                    attributes[key] = value;
                    break;
            }
        }

        return new OnnxNode(op, name, inputs, outputs, attributes, tensor);
    }
}
