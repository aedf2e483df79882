using System.Buffers.Binary;
using System.Text;

namespace Nabla.Onnx;

/// <summary>
/// The protocol buffers wire format, as much of it as an ONNX model needs: varints (wire type 0),
/// 32-bit floats (type 5) and length-delimited bytes, strings and nested messages (type 2).
/// A message is written field by field; a nested message is written into its own writer and
/// added whole, its length first.
/// </summary>
internal sealed class ProtoWriter
{
    private readonly MemoryStream bytes = new();

    public ProtoWriter Varint(int field, long value)
    {
        Tag(field, 0);
        Raw((ulong)value);
        return this;
    }

    public ProtoWriter Float(int field, float value)
    {
        Tag(field, 5);
        Span<byte> four = stackalloc byte[4];
        BinaryPrimitives.WriteSingleLittleEndian(four, value);
        bytes.Write(four);
        return this;
    }

    public ProtoWriter Bytes(int field, ReadOnlySpan<byte> value)
    {
        Tag(field, 2);
        Raw((ulong)value.Length);
        bytes.Write(value);
        return this;
    }

    public ProtoWriter String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    public ProtoWriter Message(int field, ProtoWriter message) => Bytes(field, message.ToArray());

    public byte[] ToArray() => bytes.ToArray();

    private void Tag(int field, int wireType) => Raw(((ulong)field << 3) | (uint)wireType);

    private void Raw(ulong value)
    {
        while (value >= 0x80)
        {
            bytes.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        bytes.WriteByte((byte)value);
    }
}
