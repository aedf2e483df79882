using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Nabla.Tests.Cli;

namespace Nabla.Tests.Playground;

/// <summary>
/// The real `nabla serve --port 0` (which publishes the site once and reuses it while no source
/// changes) and headless Chromium (Debian's `chromium`, driven by Playwright), shared by the
/// playground's tests. Screenshots go under the test output's artifacts/playground/.
/// </summary>
public sealed partial class PlaygroundServer : IAsyncLifetime
{
    public const string Chromium = "/usr/bin/chromium";

    /// <summary>The first publish takes a few minutes on a small machine; later runs find the site fresh.</summary>
    private static readonly TimeSpan StartLimit = TimeSpan.FromMinutes(8);

    private Process? server;
    private IPlaywright? playwright;
    private readonly List<string> serverOutput = [];

    /// <summary>The page's address, as `nabla serve` printed it.</summary>
    public string Url { get; private set; } = "";

    /// <summary>The port the server listens on.</summary>
    public int Port => new Uri(Url).Port;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where screenshots and measurements are kept.</summary>
    public static string Artifacts { get; } = Path.Combine(AppContext.BaseDirectory, "artifacts", "playground");

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: ./test installs it (apt-get install -y chromium).");
        Directory.CreateDirectory(Artifacts);
        server = CliProcess.Start(AppContext.BaseDirectory, "serve", "--port", "0");
        var found = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        server.OutputDataReceived += (_, e) => Seen(e.Data, found);
        server.ErrorDataReceived += (_, e) => Seen(e.Data, found);
        server.Exited += (_, _) => found.TrySetException(new InvalidOperationException("nabla serve ended early:\n" + Output));
        server.EnableRaisingEvents = true;
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        var first = await Task.WhenAny(found.Task, Task.Delay(StartLimit));
        Assert.True(first == found.Task, $"nabla serve printed no URL within {StartLimit.TotalMinutes} minutes:\n{Output}");
        Url = await found.Task;

        playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
    }

    /// <summary>Everything `nabla serve` wrote so far.</summary>
    public string Output
    {
        get
        {
            lock (serverOutput)
            {
                return string.Join('\n', serverOutput);
            }
        }
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        playwright?.Dispose();
        if (server is { HasExited: false })
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }

        server?.Dispose();
    }

    private void Seen(string? line, TaskCompletionSource<string> found)
    {
        if (line is null)
        {
            return;
        }

        lock (serverOutput)
        {
            serverOutput.Add(line);
        }

        if (UrlLine().Match(line) is { Success: true } match)
        {
            found.TrySetResult(match.Groups[1].Value);
        }
    }

    [GeneratedRegex(@"^Nabla Playground: (http://\S+)$")]
    private static partial Regex UrlLine();
}
