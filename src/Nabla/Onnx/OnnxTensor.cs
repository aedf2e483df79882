using System.Buffers.Binary;

namespace Nabla.Onnx;

/// <summary>A constant tensor (an initializer): its name, shape, element type and values.</summary>
internal sealed record OnnxTensor(string Name, long[] Dims, int Type, double[] Values)
{
    public const int Float = 1;
    public const int Double = 11;

    public static OnnxTensor Parse(ReadOnlySpan<byte> bytes)
    {
        string name = string.Empty;
        var dims = new List<long>();
        int type = 0;
        var values = new List<double>();
        var reader = new ProtoReader(bytes);
        while (reader.Next())
        {
            switch (reader.Field)
            {
                case 1: dims.AddRange(reader.Int64s()); break;
                case 2: type = (int)reader.Value; break;
                case 4: values.AddRange(Floats(reader)); break;
                case 8: name = reader.Text; break;
                case 9: values.AddRange(Raw(reader.Slice, type)); break;
                case 10: values.AddRange(Doubles(reader)); break;
            }
        }

        return new OnnxTensor(name, [.. dims], type, [.. values]);
    }

    private static double[] Floats(ProtoReader reader) => reader.WireType == 5
        ? [BitConverter.Int32BitsToSingle((int)reader.Value)]
        : Raw(reader.Slice, Float);

    private static double[] Doubles(ProtoReader reader) => reader.WireType == 1
        ? [BitConverter.Int64BitsToDouble((long)reader.Value)]
        : Raw(reader.Slice, Double);

    private static double[] Raw(ReadOnlySpan<byte> raw, int type)
    {
        int size = type == Double ? 8 : 4;
        if (type is not (Float or Double) || raw.Length % size != 0)
        {
            throw new FormatException($"a tensor of element type {type}");
        }

        var values = new double[raw.Length / size];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = type == Double
                ? BinaryPrimitives.ReadDoubleLittleEndian(raw[(i * 8)..])
                : BinaryPrimitives.ReadSingleLittleEndian(raw[(i * 4)..]);
        }

        return values;
    }
}
