namespace Nabla.Tests.Data;

/// <summary>Fresh temporary folders and files for tests that read from disk.</summary>
internal static class TempFiles
{
    public static string Folder()
    {
        string dir = Path.Combine(Path.GetTempPath(), "nabla-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>Writes the text into a fresh folder (or the given one) and returns the file's path.</summary>
    public static string Write(string name, string text, string? folder = null)
    {
        string path = Path.Combine(folder ?? Folder(), name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }
}
