using System.Diagnostics;

namespace Nabla.Cli;

/// <summary>
/// Prints HTML pages to PDF with Chromium's headless print (<c>--print-to-pdf</c>): the page as a
/// browser lays it out, on A4 as its print style asks. The browser is NABLA_CHROMIUM when set,
/// else the first of chromium, chromium-browser, google-chrome on the PATH.
/// </summary>
public static class PdfPrinter
{
    /// <summary>The longest one page may take to print.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    private static readonly string[] Candidates = ["chromium", "chromium-browser", "google-chrome"];

    /// <summary>The browser to print with, or a plain message saying how to get one.</summary>
    public static string FindBrowser()
    {
        if (Environment.GetEnvironmentVariable("NABLA_CHROMIUM") is { Length: > 0 } set)
        {
            return File.Exists(set) ? set : throw new NablaException($"NABLA_CHROMIUM is {set}, which does not exist. Fix: point it at a Chromium or Chrome executable.");
        }

        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (string name in Candidates)
            {
                string path = Path.Combine(dir, name);
                if (File.Exists(path))
                {
                    return path;
                }
            }
        }

        throw new NablaException("--pdf prints with Chromium's headless mode, and no chromium, chromium-browser or google-chrome is on the PATH. Fix: install Chromium, set NABLA_CHROMIUM to it, or leave out --pdf (the HTML sheets print from any browser).");
    }

    /// <summary>Prints <paramref name="html"/> to <paramref name="pdf"/> with <paramref name="browser"/>.</summary>
    public static void Print(string browser, string html, string pdf)
    {
        var start = new ProcessStartInfo(browser)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("--headless");
        if (Environment.UserName == "root")
        {
            start.ArgumentList.Add("--no-sandbox"); // Chromium will not start as root with its sandbox; the pages are nabla's own, without scripts
        }

        foreach (string arg in new[] { "--disable-gpu", "--no-pdf-header-footer", $"--print-to-pdf={pdf}", new Uri(Path.GetFullPath(html)).AbsoluteUri })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new NablaException($"{browser}: could not be started. Fix: check the Chromium installation, or leave out --pdf.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new NablaException($"{browser}: printing {Path.GetFileName(html)} took longer than {Timeout.TotalSeconds:0} s. Fix: try again, or leave out --pdf.");
        }

        _ = output.Result;
        string last = error.Result.Trim().Split('\n').LastOrDefault() ?? "";
        if (process.ExitCode != 0 || !File.Exists(pdf) || new FileInfo(pdf).Length == 0)
        {
            throw new NablaException($"{browser}: could not print {Path.GetFileName(html)} to PDF (exit {process.ExitCode}: {last.Trim()}). Fix: check the Chromium installation, or leave out --pdf.");
        }
    }
}
