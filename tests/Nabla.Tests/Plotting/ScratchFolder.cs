namespace Nabla.Tests.Plotting;

/// <summary>A fresh folder under the temp path, deleted with its contents on dispose.</summary>
internal sealed class ScratchFolder : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "nabla-tests", Guid.NewGuid().ToString("N"));

    public ScratchFolder() => Directory.CreateDirectory(Path);

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Names of everything in the folder, sorted.</summary>
    public string[] Names() => [.. Directory.GetFiles(Path).Select(System.IO.Path.GetFileName).Order(StringComparer.Ordinal)!];

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
