using System.Diagnostics;

namespace Nabla.Cli.Serve;

/// <summary>
/// The playground's published site: built once with <c>dotnet publish</c> into
/// <c>src/Nabla.Playground/bin/site/</c> and built again only when a source of the page or of
/// the library is newer than the last publish (the launcher's own staleness check, for the site).
/// </summary>
public static class SitePublisher
{
    /// <summary>The project file, relative to the repository root.</summary>
    public const string Project = "src/Nabla.Playground/Nabla.Playground.csproj";

    /// <summary>Written into the site folder after a publish that succeeded; its time is the publish's.</summary>
    public const string Stamp = ".nabla-site";

    /// <summary>The repository holding the playground's sources: the nearest folder above the command (or the working directory) that has them.</summary>
    public static string? FindRepository()
    {
        foreach (string start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, Project)))
                {
                    return dir.FullName;
                }
            }
        }

        return null;
    }

    /// <summary>The folder the site is published to.</summary>
    public static string SiteFolder(string repository) => Path.Combine(repository, "src", "Nabla.Playground", "bin", "site");

    /// <summary>The first source newer than the last publish, or null when the site is up to date (or a reason when there is none).</summary>
    public static string? Stale(string repository)
    {
        string stamp = Path.Combine(SiteFolder(repository), Stamp);
        if (!File.Exists(stamp) || !File.Exists(Path.Combine(SiteFolder(repository), "wwwroot", "index.html")))
        {
            return "no site published yet";
        }

        var built = File.GetLastWriteTimeUtc(stamp);
        var sources = Sources(Path.Combine(repository, "src", "Nabla")).Concat(Sources(Path.Combine(repository, "src", "Nabla.Playground")))
            .Concat(new[] { "Directory.Build.props", "Directory.Packages.props" }.Select(f => Path.Combine(repository, f)).Where(File.Exists));
        return sources.FirstOrDefault(f => File.GetLastWriteTimeUtc(f) > built);
    }

    /// <summary>Publishes the site when it is stale; returns the folder to serve (its wwwroot). Throws with the build's output when the publish fails.</summary>
    public static string Ensure(string repository, TextWriter progress)
    {
        string site = SiteFolder(repository);
        string root = Path.Combine(site, "wwwroot");
        Directory.CreateDirectory(Path.GetDirectoryName(site)!);
        // One publish at a time: a second `nabla serve` waits for the first, then finds the site fresh.
        using var gate = Lock(Path.Combine(Path.GetDirectoryName(site)!, "site.lock"));
        if (Stale(repository) is not { } reason)
        {
            return root;
        }

        progress.WriteLine($"Publishing the playground ({reason}); this takes a minute or two, once.");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = repository,
        };
        foreach (string arg in new[] { "publish", Path.Combine(repository, Project), "-c", "Release", "-o", site, "--nologo" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start) ?? throw new NablaException("could not start `dotnet publish`. Fix: check that the .NET 10 SDK is installed.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new NablaException($"publishing the playground failed (dotnet publish exited {process.ExitCode}):\n{output.Result}{errors.Result}");
        }

        File.WriteAllText(Path.Combine(site, Stamp), DateTime.UtcNow.ToString("O"));
        return root;
    }

    private static IEnumerable<string> Sources(string folder) =>
        !Directory.Exists(folder) ? []
        : Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => !Under(folder, f, "bin") && !Under(folder, f, "obj"));

    private static bool Under(string folder, string file, string name) =>
        Path.GetRelativePath(folder, file).Split(Path.DirectorySeparatorChar).Contains(name);

    private static FileStream Lock(string path)
    {
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (attempt < 1200)
            {
                Thread.Sleep(500); // another publish holds it (up to ten minutes)
            }
        }
    }
}
