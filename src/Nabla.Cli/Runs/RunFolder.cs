namespace Nabla.Cli.Runs;

/// <summary>
/// Where a run's files go. A run is written into a hidden staging folder beside the target
/// and renamed into place at the end, so a run folder is never half-written; an existing
/// folder is only replaced with --force, and only if it is a run folder.
/// </summary>
public static class RunFolder
{
    /// <summary>The folder to use: the one asked for, or runs/NAME, runs/NAME-2, … (the first that is free).</summary>
    public static string Choose(string? asked, string name, bool force)
    {
        if (asked is not null)
        {
            string full = Path.GetFullPath(asked);
            if (Exists(full) && !force)
            {
                throw new NablaException($"{asked} already exists. Fix: choose another --out folder, or add --force to replace it.");
            }

            if (Exists(full) && !IsRun(full))
            {
                throw new NablaException($"{asked} is a folder that 'nabla' did not write (it has no model.json or summary.md), so --force will not replace it. Fix: choose another --out folder.");
            }

            return full;
        }

        string basePath = Path.GetFullPath(Path.Combine("runs", name));
        string path = basePath;
        for (int n = 2; Exists(path); n++)
        {
            path = $"{basePath}-{n}";
        }

        return path;
    }

    /// <summary>A fresh, empty staging folder beside <paramref name="target"/>.</summary>
    public static string Stage(string target)
    {
        string parent = Path.GetDirectoryName(target)!;
        string staging = Path.Combine(parent, $".{Path.GetFileName(target)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            Directory.CreateDirectory(staging);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new NablaException($"{parent}: cannot create the run folder there ({e.Message}). Fix: check that the folder is writable, or choose another --out.");
        }

        return staging;
    }

    /// <summary>Moves the finished staging folder to <paramref name="target"/>, replacing an old run there.</summary>
    public static void Commit(string staging, string target)
    {
        string? old = null;
        if (Directory.Exists(target))
        {
            old = $"{staging}.old";
            Directory.Move(target, old);
        }

        Directory.Move(staging, target);
        if (old is not null)
        {
            Directory.Delete(old, recursive: true);
        }
    }

    /// <summary>Removes a staging folder after a failure.</summary>
    public static void Abandon(string staging)
    {
        if (Directory.Exists(staging))
        {
            Directory.Delete(staging, recursive: true);
        }
    }

    private static bool Exists(string path) => Directory.Exists(path) || File.Exists(path);

    private static bool IsRun(string path) =>
        File.Exists(Path.Combine(path, "model.json")) || File.Exists(Path.Combine(path, "summary.md"));
}
