using System.Text;
using System.Text.Json;

namespace Nabla.Specs;

/// <summary>
/// Maps each JSON path ($.layers[1].weights) to the line and column where its value starts,
/// so a validation error can point at the exact place in the file.
/// </summary>
internal sealed class JsonPositions
{
    private readonly Dictionary<string, (int Line, int Column)> positions = [];

    public JsonPositions(byte[] utf8)
    {
        var lineStarts = new List<int> { 0 };
        for (int i = 0; i < utf8.Length; i++)
        {
            if (utf8[i] == (byte)'\n')
            {
                lineStarts.Add(i + 1);
            }
        }

        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var stack = new Stack<(string Path, bool IsArray, int Index)>();
        string? pendingProperty = null;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName)
            {
                pendingProperty = reader.GetString();
                continue;
            }

            if (reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray)
            {
                stack.Pop();
                continue;
            }

            string path;
            if (stack.Count == 0)
            {
                path = "$";
            }
            else
            {
                var (parent, isArray, index) = stack.Pop();
                path = isArray ? $"{parent}[{index}]" : $"{parent}.{pendingProperty}";
                stack.Push((parent, isArray, isArray ? index + 1 : index));
            }

            int offset = (int)reader.TokenStartIndex;
            int line = UpperBound(lineStarts, offset);
            int column = Encoding.UTF8.GetCharCount(utf8, lineStarts[line - 1], offset - lineStarts[line - 1]) + 1;
            positions[path] = (line, column);
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                stack.Push((path, reader.TokenType == JsonTokenType.StartArray, 0));
            }
        }
    }

    /// <summary>The position of a path, or of its nearest ancestor that has one.</summary>
    public (int Line, int Column) Find(string path)
    {
        string p = path;
        while (true)
        {
            if (positions.TryGetValue(p, out var pos))
            {
                return pos;
            }

            int cut = Math.Max(p.LastIndexOf('.'), p.LastIndexOf('['));
            if (cut <= 0)
            {
                return (0, 0);
            }

            p = p[..cut];
        }
    }

    private static int UpperBound(List<int> lineStarts, int offset)
    {
        int lo = 0, hi = lineStarts.Count;
        while (lo < hi)
        {
            int mid = (lo + hi) / 2;
            if (lineStarts[mid] <= offset)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo; // 1-based line number
    }
}
