namespace Nabla.Specs;

/// <summary>Writes a file so that it is either the old one or the whole new one, never half of it.</summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="text"/> to <paramref name="path"/> atomically: a temporary file in the same folder, then a rename, so a reader sees the old file or the new one, never half of one.</summary>
    public static void WriteAllText(string path, string text)
    {
        string full = Path.GetFullPath(path);
        string dir = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(dir);
        string temp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllText(temp, text);
            File.Move(temp, full, overwrite: true); // a rename within one folder is atomic
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            File.Delete(temp);
            throw new NablaException($"{path}: cannot write the file ({e.Message}). Fix: check that the folder is writable.");
        }
    }
}
