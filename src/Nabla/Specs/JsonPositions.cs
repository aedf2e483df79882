using System.Text;
using System.Text.Json;

namespace Nabla.Specs;

/// <summary>
/// Finds the line and column where the value at a JSON path ($.layers[1].weights) starts, so a
/// validation error can point at the exact place in the file. On construction it walks the file
/// once to refuse what a JSON parser lets through silently: a key given twice in one object (where
/// the last would win) and a string that cannot become text (a lone surrogate such as "\ud800").
/// No path is stored: a file of millions of numbers costs no more than its parse, and the rare
/// <see cref="Find"/> walks the file again.
/// </summary>
internal sealed class JsonPositions
{
    private readonly byte[] utf8;
    private readonly string file;
    private readonly List<int> lineStarts = [0];

    /// <summary>Walks <paramref name="utf8"/> (already known to be valid JSON); problems are reported against <paramref name="file"/>.</summary>
    public JsonPositions(byte[] utf8, string file)
    {
        this.utf8 = utf8;
        this.file = file;
        for (int i = 0; i < utf8.Length; i++)
        {
            if (utf8[i] == (byte)'\n')
            {
                lineStarts.Add(i + 1);
            }
        }

        Walk(null);
    }

    /// <summary>The position of a path, or of its nearest ancestor that has one ((0, 0) when none has).</summary>
    public (int Line, int Column) Find(string path)
    {
        int found = -1, foundLength = -1;
        int depth = path.Count(c => c is '.' or '['); // (at least the path's depth: a key may hold '.' or '[')
        Walk((frames, offset) =>
        {
            if (frames.Count > depth)
            {
                return false;
            }

            string here = PathOf(frames, null);
            bool exact = here.Length == path.Length;
            if (path.StartsWith(here, StringComparison.Ordinal) && (exact || path[here.Length] is '.' or '[') && here.Length > foundLength)
            {
                (found, foundLength) = (offset, here.Length);
            }

            return exact && found == offset;
        });
        return found < 0 ? (0, 0) : Position(found);
    }

    /// <summary>One open object or array: the index of its current element, or its current key and the keys seen.</summary>
    private sealed class Frame(bool isArray)
    {
        public bool IsArray { get; } = isArray;

        public int Index { get; set; } = -1;

        public string? Key { get; set; }

        public Dictionary<string, int>? Keys { get; } = isArray ? null : [];
    }

    /// <summary>
    /// Reads every token, refusing duplicate keys and strings without a UTF-16 form; calls
    /// <paramref name="visit"/> with the open containers and the offset of each value, and stops when it returns true.
    /// </summary>
    private void Walk(Func<List<Frame>, int, bool>? visit)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var frames = new List<Frame>();
        while (reader.Read())
        {
            int offset = (int)reader.TokenStartIndex;
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    var top = frames[^1];
                    string key = Text(ref reader, frames, owner: true);
                    if (top.Keys!.TryGetValue(key, out int first))
                    {
                        var (line, column) = Position(offset);
                        throw new SpecException(file, PathOf(frames, key), line, column,
                            $"the key \"{key}\" is given twice in this object (lines {Position(first).Line} and {line}); a reader would silently keep only the last",
                            "keep one of the two");
                    }

                    top.Keys[key] = offset;
                    top.Key = key;
                    continue;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    frames.RemoveAt(frames.Count - 1);
                    continue;
            }

            if (frames.Count > 0 && frames[^1].IsArray)
            {
                frames[^1].Index++;
            }

            if (visit?.Invoke(frames, offset) == true)
            {
                return;
            }

            if (reader.TokenType == JsonTokenType.String)
            {
                Text(ref reader, frames, owner: false);
            }
            else if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                frames.Add(new Frame(reader.TokenType == JsonTokenType.StartArray));
            }
        }
    }

    /// <summary>
    /// The path of the current value ($.a[2].b); with <paramref name="key"/>, of that key in the innermost
    /// object; with <paramref name="owner"/>, of the innermost object itself.
    /// </summary>
    private static string PathOf(List<Frame> frames, string? key = null, bool owner = false)
    {
        var path = new StringBuilder("$");
        for (int i = 0; i < frames.Count; i++)
        {
            var f = frames[i];
            if (f.IsArray)
            {
                path.Append('[').Append(f.Index).Append(']');
            }
            else if (i < frames.Count - 1)
            {
                path.Append('.').Append(f.Key);
            }
            else if (!owner)
            {
                path.Append('.').Append(key ?? f.Key);
            }
        }

        return path.ToString();
    }

    /// <summary>The line (from 1) and column (in characters, from 1) of a byte offset.</summary>
    private (int Line, int Column) Position(int offset)
    {
        int line = UpperBound(lineStarts, offset);
        int column = Encoding.UTF8.GetCharCount(utf8, lineStarts[line - 1], offset - lineStarts[line - 1]) + 1;
        return (line, column);
    }

    /// <summary>The token's text; a string that has no UTF-16 form (a lone surrogate escape) is refused, at its value's path or (a key) its object's.</summary>
    private string Text(ref Utf8JsonReader reader, List<Frame> frames, bool owner)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            var (line, column) = Position((int)reader.TokenStartIndex);
            throw new SpecException(file, PathOf(frames, owner: owner), line, column,
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
