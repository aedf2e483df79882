using System.Diagnostics;

namespace Nabla.Tests.Cli;

/// <summary>Runs the real `nabla` program (Nabla.Cli.dll beside the tests) in a child process.</summary>
internal static class CliProcess
{
    public sealed record Result(int ExitCode, string Out, string Error);

    public static Result Run(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Nabla.Cli.dll"));
        foreach (string a in args)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Writes a spec to a fresh temporary file and returns its path.</summary>
    public static string TempSpec(string json, string name = "spec.json")
    {
        string dir = Path.Combine(Path.GetTempPath(), "nabla-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        string path = Path.Combine(dir, name);
        File.WriteAllText(path, json);
        return path;
    }
}
