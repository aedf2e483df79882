using System.Text;
using System.Text.Json;

namespace Nabla.Specs;

/// <summary>
/// Maps each JSON path ($.layers[1].weights) to the line and column where its value starts,
/// so a validation error can point at the exact place in the file. While it walks the file it
/// also refuses what a JSON parser lets through silently: a key given twice in one object (where
/// the last would win) and a string that cannot become text (a lone surrogate such as "\ud800").
/// </summary>
internal sealed class JsonPositions
{
    private readonly Dictionary<string, int> offsets = [];
    private readonly byte[] utf8;
    private readonly List<int> lineStarts = [0];

    /// <summary>Walks <paramref name="utf8"/> (already known to be valid JSON); problems are reported against <paramref name="file"/>.</summary>
    public JsonPositions(byte[] utf8, string file)
    {
        this.utf8 = utf8;
        for (int i = 0; i < utf8.Length; i++)
        {
            if (utf8[i] == (byte)'\n')
            {
                lineStarts.Add(i + 1);
            }
        }

        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var stack = new Stack<(string Path, bool IsArray, int Index, Dictionary<string, int>? Keys)>();
        string? pendingProperty = null;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName)
            {
                pendingProperty = Text(ref reader, stack.Count == 0 ? "$" : stack.Peek().Path, file);
                var keys = stack.Peek().Keys!;
                int at = (int)reader.TokenStartIndex;
                if (keys.TryGetValue(pendingProperty, out int first))
                {
                    string path = $"{stack.Peek().Path}.{pendingProperty}";
                    var (line, column) = Position(at);
                    throw new SpecException(file, path, line, column,
                        $"the key \"{pendingProperty}\" is given twice in this object (lines {Position(first).Line} and {line}); a reader would silently keep only the last",
                        "keep one of the two");
                }

                keys[pendingProperty] = at;
                continue;
            }

            if (reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray)
            {
                stack.Pop();
                continue;
            }

            string here;
            if (stack.Count == 0)
            {
                here = "$";
            }
            else
            {
                var (parent, isArray, index, keys) = stack.Pop();
                here = isArray ? $"{parent}[{index}]" : $"{parent}.{pendingProperty}";
                stack.Push((parent, isArray, isArray ? index + 1 : index, keys));
            }

            offsets[here] = (int)reader.TokenStartIndex;
            if (reader.TokenType == JsonTokenType.String)
            {
                Text(ref reader, here, file);
            }
            else if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                bool isArray = reader.TokenType == JsonTokenType.StartArray;
                stack.Push((here, isArray, 0, isArray ? null : []));
            }
        }
    }

    /// <summary>The position of a path, or of its nearest ancestor that has one.</summary>
    public (int Line, int Column) Find(string path)
    {
        string p = path;
        while (true)
        {
            if (offsets.TryGetValue(p, out int offset))
            {
                return Position(offset);
            }

            int cut = Math.Max(p.LastIndexOf('.'), p.LastIndexOf('['));
            if (cut <= 0)
            {
                return (0, 0);
            }

            p = p[..cut];
        }
    }

    /// <summary>The line (from 1) and column (in characters, from 1) of a byte offset.</summary>
    private (int Line, int Column) Position(int offset)
    {
        int line = UpperBound(lineStarts, offset);
        int column = Encoding.UTF8.GetCharCount(utf8, lineStarts[line - 1], offset - lineStarts[line - 1]) + 1;
        return (line, column);
    }

    /// <summary>The token's text; a string that has no UTF-16 form (a lone surrogate escape) is refused.</summary>
    private string Text(ref Utf8JsonReader reader, string path, string file)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            var (line, column) = Position((int)reader.TokenStartIndex);
            throw new SpecException(file, path, line, column,
                "this string holds an escape that is not a character (a lone surrogate such as \\ud800)",
                "write the character itself, or a complete surrogate pair such as \\ud83d\\ude00");
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
