namespace Nabla.Exercises;

/// <summary>
/// Fills a folder all at once: the files are written into a temporary sibling folder, which
/// then takes the folder's place by a rename, so the folder never holds half a class. A folder
/// holding an earlier class (its <see cref="ExerciseManifest.FileName"/>) is replaced; one holding
/// other files is left alone.
/// </summary>
public static class ClassFolder
{
    /// <summary>Writes <paramref name="files"/> (path relative to <paramref name="dir"/> → text) as the whole content of <paramref name="dir"/>.</summary>
    /// <param name="dir">The folder to fill.</param>
    /// <param name="files">Its files: path relative to it → text.</param>
    /// <param name="finish">Run on the temporary folder once the files are in it, before it takes the folder's place (to add files made from them, such as PDFs); what it throws leaves no folder behind.</param>
    public static void Write(string dir, IReadOnlyDictionary<string, string> files, Action<string>? finish = null)
    {
        string target = Path.GetFullPath(dir).TrimEnd(Path.DirectorySeparatorChar);
        string parent = Path.GetDirectoryName(target)!;
        bool replace = false;
        if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any())
        {
            replace = File.Exists(Path.Combine(target, ExerciseManifest.FileName));
            if (!replace)
            {
                throw new NablaException($"{dir}: the folder holds other files. Fix: give a new or empty folder (a folder of an earlier `nabla exercise` is replaced).");
            }
        }
        else if (File.Exists(target))
        {
            throw new NablaException($"{dir}: is a file, not a folder. Fix: give a folder name.");
        }

        string unique = $"{Environment.ProcessId}.{Guid.NewGuid():N}";
        string temp = Path.Combine(parent, $".{Path.GetFileName(target)}.{unique}.tmp");
        try
        {
            Directory.CreateDirectory(parent);
            foreach (var (path, text) in files)
            {
                string full = Path.Combine(temp, path);
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                File.WriteAllText(full, text);
            }

            finish?.Invoke(temp);

            if (replace)
            {
                string old = Path.Combine(parent, $".{Path.GetFileName(target)}.{unique}.old");
                Directory.Move(target, old);
                Directory.Move(temp, target);
                Directory.Delete(old, recursive: true);
            }
            else
            {
                if (Directory.Exists(target))
                {
                    Directory.Delete(target);
                }

                Directory.Move(temp, target);
            }
        }
        catch (Exception e)
        {
            if (Directory.Exists(temp))
            {
                Directory.Delete(temp, recursive: true);
            }

            if (e is IOException or UnauthorizedAccessException)
            {
                throw new NablaException($"{dir}: cannot write the class's files ({e.Message}). Fix: check that the folder is writable.");
            }

            throw;
        }
    }
}
