using System.Buffers.Binary;
using System.Text;

namespace Nabla.Onnx;

/// <summary>
/// Reads the protocol buffers wire format field by field: each field's number, and its value as
/// a varint, a fixed 32- or 64-bit value, or a length-delimited slice (bytes, a string, a nested
/// message or a packed array). Bytes that break the format throw <see cref="FormatException"/>.
/// </summary>
internal ref struct ProtoReader(ReadOnlySpan<byte> bytes)
{
    private readonly ReadOnlySpan<byte> bytes = bytes;
    private int at;

    public int Field { get; private set; }

    public int WireType { get; private set; }

    public ulong Value { get; private set; }

    public ReadOnlySpan<byte> Slice { get; private set; }

    public readonly string Text => Encoding.UTF8.GetString(Slice);

    /// <summary>Moves to the next field; false at the end of the message.</summary>
    public bool Next()
    {
        if (at >= bytes.Length)
        {
            return false;
        }

        ulong tag = Varint();
        Field = (int)(tag >> 3);
        WireType = (int)(tag & 7);
        if (Field == 0)
        {
            throw new FormatException("a field numbered 0");
        }

        switch (WireType)
        {
            case 0:
                Value = Varint();
                break;
            case 1:
                Value = BinaryPrimitives.ReadUInt64LittleEndian(Take(8));
                break;
            case 2:
                ulong length = Varint();
                Slice = length > (ulong)(bytes.Length - at) ? throw new FormatException("a field longer than the file") : Take((int)length);
                break;
            case 5:
                Value = BinaryPrimitives.ReadUInt32LittleEndian(Take(4));
                break;
            default:
                throw new FormatException($"wire type {WireType}");
        }

        return true;
    }

    /// <summary>The values of a repeated int64 field, packed (a slice) or not (one value).</summary>
    public readonly IEnumerable<long> Int64s()
    {
        if (WireType == 0)
        {
            return [(long)Value];
        }

        var values = new List<long>();
        var inner = new ProtoReader(Slice);
        while (inner.at < inner.bytes.Length)
        {
            values.Add((long)inner.Varint());
        }

        return values;
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count > bytes.Length - at)
        {
            throw new FormatException("the file ends inside a field");
        }

        var slice = bytes.Slice(at, count);
        at += count;
        return slice;
    }

    private ulong Varint()
    {
        ulong value = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            byte b = Take(1)[0];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw new FormatException("a varint longer than 10 bytes");
    }
}
