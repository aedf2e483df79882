namespace Nabla.Cli.Runs;

/// <summary>
/// A run's hold on its folder's name, from before training until the folder is in place: the
/// hidden staging folder ".NAME.nabla-tmp" beside the target, whose marker file (.nabla-run) it
/// keeps open and locked. The lock is the claim: a second run cannot take it while this process
/// lives, and it ends with the process however that ends, so a staging folder whose marker can be
/// locked was left by a run that died. On success the staging folder becomes the run folder and
/// the marker, now listing every file written, stays in it (see <see cref="RunFolder.Replaceable"/>).
/// </summary>
public sealed class RunClaim : IDisposable
{
    /// <summary>The marker file in every run folder.</summary>
    public const string Marker = ".nabla-run";

    private const string StagingSuffix = ".nabla-tmp";
    // A lock held elsewhere: the error .NET reports (Windows), or the errno of a refused flock (Linux, macOS).
    private static readonly int[] HeldElsewhere = [unchecked((int)0x80070020), 11, 35];

    private readonly FileStream marker;
    private readonly string? createdParent;
    private bool done;

    private RunClaim(string target, string staging, FileStream marker, string? createdParent)
    {
        Target = target;
        Staging = staging;
        this.marker = marker;
        this.createdParent = createdParent;
    }

    /// <summary>The run folder to be.</summary>
    public string Target { get; }

    /// <summary>Where the run is written until <see cref="Commit"/>.</summary>
    public string Staging { get; }

    /// <summary>Whether <see cref="Commit"/> may replace a run folder at the target (--force).</summary>
    public bool Replace { get; internal set; }

    /// <summary>Claims <paramref name="target"/>'s name; null when another live run holds it.</summary>
    /// <exception cref="NablaException">The folder cannot be written there.</exception>
    public static RunClaim? TryTake(string target)
    {
        string parent = Path.GetDirectoryName(target)!;
        string? created = Directory.Exists(parent) ? null : parent;
        string staging = StagingOf(target);
        try
        {
            Directory.CreateDirectory(staging);
            var stream = TryLock(Path.Combine(staging, Marker), FileMode.OpenOrCreate);
            if (stream is null)
            {
                return null;
            }

            var claim = new RunClaim(target, staging, stream, created);
            claim.ClearLeftovers();
            return claim;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            RemoveIfEmpty(created);
            throw new NablaException($"{target}: cannot write the run folder there ({e.Message}). Fix: check that {parent} is a folder you can write to, or choose another --out.");
        }
    }

    /// <summary>
    /// Lists every file written in the marker and moves the staging folder to the target,
    /// replacing the folder there when <see cref="Replace"/> (which must be a run folder).
    /// </summary>
    public void Commit()
    {
        var files = Directory.EnumerateFiles(Staging, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Staging, f).Replace('\\', '/'))
            .Where(f => f != Marker)
            .Order(StringComparer.Ordinal);
        marker.SetLength(0);
        using (var text = new StreamWriter(marker, leaveOpen: true))
        {
            text.Write("nabla run folder: the files below were written by 'nabla'; 'nabla train --force' replaces the folder only while it holds nothing else\n");
            foreach (string f in files)
            {
                text.Write(f + "\n");
            }
        }

        marker.Flush(flushToDisk: true);
        string? old = null;
        if (Directory.Exists(Target) || File.Exists(Target))
        {
            if (!Replace)
            {
                throw new NablaException($"{Target} appeared while training, so the run was not written there. Fix: run again with another --out folder.");
            }

            RunFolder.CheckReplaceable(Target, Target);
            old = Gone(Target);
            Directory.Move(Target, old);
        }

        if (OperatingSystem.IsWindows())
        {
            marker.Dispose(); // (Windows cannot move a folder with an open file)
        }

        Directory.Move(Staging, Target);
        done = true;
        marker.Dispose();
        if (old is not null)
        {
            Directory.Delete(old, recursive: true);
        }
    }

    /// <summary>Gives the name back: without a <see cref="Commit"/>, removes the staging folder and all in it.</summary>
    public void Dispose()
    {
        if (!done)
        {
            done = true;
            try
            {
                Remove(Staging, marker);
                RemoveIfEmpty(createdParent);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"nabla: could not remove {Staging} ({e.Message}); the next run removes it.");
            }
        }

        marker.Dispose();
    }

    /// <summary>
    /// Removes the staging folders in <paramref name="parent"/> that runs which died left behind
    /// (those whose marker no live process holds), and those of earlier versions whose process is gone.
    /// </summary>
    public static void RemoveStale(string parent)
    {
        if (!Directory.Exists(parent))
        {
            return;
        }

        foreach (string dir in Directory.EnumerateDirectories(parent, ".*"))
        {
            try
            {
                string name = Path.GetFileName(dir);
                if (name.EndsWith(StagingSuffix, StringComparison.Ordinal) && TryLock(Path.Combine(dir, Marker), FileMode.Open) is { } stale)
                {
                    Remove(dir, stale);
                    stale.Dispose();
                }
                else if (name.EndsWith(".nabla-gone", StringComparison.Ordinal) || LegacyStaging.IsStale(name))
                {
                    Directory.Delete(dir, recursive: true);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // (another run is removing it, or it is not ours to remove: leave it)
            }
        }
    }

    private static string StagingOf(string target) =>
        Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}{StagingSuffix}");

    private static string Gone(string path) =>
        Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.nabla-gone");

    /// <summary>
    /// Opens and locks a marker; null when a live process holds it, or its folder has just gone,
    /// or (with <see cref="FileMode.Open"/>) it is not there yet: a run is just making its staging folder.
    /// </summary>
    private static FileStream? TryLock(string path, FileMode mode)
    {
        FileStream stream;
        try
        {
            stream = new FileStream(path, mode, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e) when (HeldElsewhere.Contains(e.HResult) || e is DirectoryNotFoundException or FileNotFoundException)
        {
            return null;
        }

        if (!File.Exists(path))
        {
            stream.Dispose(); // (locked a marker whose folder was removed meanwhile)
            return null;
        }

        return stream;
    }

    /// <summary>Empties the staging folder of what a run that died left in it, all but the marker.</summary>
    private void ClearLeftovers()
    {
        foreach (string entry in Directory.EnumerateFileSystemEntries(Staging))
        {
            if (Directory.Exists(entry))
            {
                Directory.Delete(entry, recursive: true);
            }
            else if (Path.GetFileName(entry) != Marker)
            {
                File.Delete(entry);
            }
        }
    }

    /// <summary>Removes a staging folder whose marker is locked: first out of the way (one rename), then its files.</summary>
    private static void Remove(string staging, FileStream locked)
    {
        if (!Directory.Exists(staging))
        {
            return;
        }

        string gone = Gone(staging);
        Directory.Move(staging, gone);
        locked.Dispose();
        Directory.Delete(gone, recursive: true);
    }

    /// <summary>Removes a folder this run created (runs/) if nothing is in it, as when the run failed.</summary>
    private static void RemoveIfEmpty(string? folder)
    {
        try
        {
            if (folder is not null && Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder).Any())
            {
                Directory.Delete(folder);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // (another run has just begun in it: it stays)
        }
    }
}
