namespace Nabla.Cli.Runs;

/// <summary>
/// Where a run's files go, chosen and claimed before training (see <see cref="RunClaim"/>): so
/// two runs at once never take the same folder, and a folder that cannot be written is found
/// before the work, not after. An existing folder is only replaced with --force, and only if it
/// is exactly a run folder that 'nabla' wrote.
/// </summary>
public static class RunFolder
{
    /// <summary>
    /// Claims the folder asked for, or the first free one of runs/NAME, runs/NAME-2, …; and
    /// removes the staging folders that runs which died left beside it.
    /// </summary>
    /// <exception cref="NablaException">The folder asked for is taken, or cannot be written.</exception>
    public static RunClaim Claim(string? asked, string name, bool force)
    {
        if (asked is not null)
        {
            return ClaimAsked(asked, Path.GetFullPath(asked), force);
        }

        string basePath = Path.GetFullPath(Path.Combine("runs", name));
        RunClaim.RemoveStale(Path.GetDirectoryName(basePath)!);
        string path = basePath;
        for (int n = 2; ; n++)
        {
            if (!Exists(path) && RunClaim.TryTake(path) is { } claim)
            {
                if (!Exists(path))
                {
                    return claim; // (checked again once held: another run may have just finished there)
                }

                claim.Dispose();
            }

            path = $"{basePath}-{n}";
        }
    }

    /// <summary>Refuses to replace <paramref name="path"/> unless it is empty or holds only what 'nabla' wrote there (listed in its marker).</summary>
    /// <param name="shown">The folder as the user wrote it, for the message.</param>
    public static void CheckReplaceable(string path, string shown)
    {
        if (File.Exists(path))
        {
            throw new NablaException($"{shown} is a file, not a run folder, so --force will not replace it. Fix: choose another --out folder.");
        }

        string marker = Path.Combine(path, RunClaim.Marker);
        if (!File.Exists(marker))
        {
            string? some = Directory.EnumerateFileSystemEntries(path).Order(StringComparer.Ordinal).Select(Path.GetFileName).FirstOrDefault();
            if (some is null)
            {
                return; // (an empty folder: nothing to lose)
            }

            throw new NablaException($"{shown} holds {some}, which 'nabla' did not write (the folder has no {RunClaim.Marker} marker), so --force will not replace it. Fix: choose another --out folder, or move the folder away yourself.");
        }

        var written = File.ReadAllLines(marker).Skip(1).ToHashSet(StringComparer.Ordinal);
        foreach (string entry in Directory.EnumerateFileSystemEntries(path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            string relative = Path.GetRelativePath(path, entry).Replace('\\', '/');
            bool ours = relative == RunClaim.Marker || (Directory.Exists(entry)
                ? written.Any(f => f.StartsWith(relative + "/", StringComparison.Ordinal))
                : written.Contains(relative));
            if (!ours)
            {
                throw new NablaException($"{shown} holds {relative}, which 'nabla' did not write, so --force will not replace the folder. Fix: move {relative} out of it, or choose another --out folder.");
            }
        }
    }

    private static RunClaim ClaimAsked(string asked, string full, bool force)
    {
        RunClaim.RemoveStale(Path.GetDirectoryName(full)!);
        var claim = RunClaim.TryTake(full);
        for (int retry = 0; claim is null && retry < 5; retry++)
        {
            Thread.Sleep(50); // (another run may hold it only for a moment, removing it as stale)
            claim = RunClaim.TryTake(full);
        }

        if (claim is null)
        {
            throw new NablaException($"{asked} is being written by another 'nabla' run right now. Fix: wait for it to finish, or choose another --out folder.");
        }

        try
        {
            if (Exists(full) && !force)
            {
                throw new NablaException($"{asked} already exists. Fix: choose another --out folder, or add --force to replace it.");
            }

            if (Exists(full))
            {
                CheckReplaceable(full, asked);
            }

            claim.Replace = force;

            return claim;
        }
        catch
        {
            claim.Dispose();
            throw;
        }
    }

    private static bool Exists(string path) => Directory.Exists(path) || File.Exists(path);
}
