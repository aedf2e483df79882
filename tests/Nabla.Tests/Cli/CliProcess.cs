using System.Diagnostics;

namespace Nabla.Tests.Cli;

/// <summary>Runs the real `nabla` program (Nabla.Cli.dll beside the tests) in a child process.</summary>
internal static class CliProcess
{
    public sealed record Result(int ExitCode, string Out, string Error);

    public static Result Run(params string[] args) => RunIn(AppContext.BaseDirectory, args);

    /// <summary>Runs `nabla` with <paramref name="directory"/> as its working directory.</summary>
    public static Result RunIn(string directory, params string[] args)
    {
        using var process = Start(directory, args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Starts `nabla` without waiting for it (standard output and error redirected).</summary>
    public static Process Start(string directory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = directory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Nabla.Cli.dll"));
        foreach (string a in args)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["NO_COLOR"] = "1";
        return Process.Start(start)!;
    }

    /// <summary>A fresh empty temporary folder.</summary>
    public static string TempFolder()
    {
        string dir = Path.Combine(Path.GetTempPath(), "nabla-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>Writes a spec to a fresh temporary file and returns its path.</summary>
    public static string TempSpec(string json, string name = "spec.json")
    {
        string path = Path.Combine(TempFolder(), name);
        File.WriteAllText(path, json);
        return path;
    }
}
