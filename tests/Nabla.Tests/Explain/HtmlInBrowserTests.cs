using System.Diagnostics;
using System.Text.RegularExpressions;
using Nabla.Cli;
using Nabla.Explain;

namespace Nabla.Tests.Explain;

/// <summary>
/// The html explanation opened in headless Chromium (Debian package `chromium`; .ci/run installs
/// it): the MathML must be laid out, every &lt;math&gt;, &lt;mfrac&gt; and &lt;mtable&gt; with a non-zero
/// size. A screenshot is kept in the test output folder under artifacts/.
/// </summary>
public partial class HtmlInBrowserTests
{
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    public void MathMl_RendersWithNonZeroSize_InHeadlessChromium()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: install it with 'apt-get install -y chromium' (.ci/run does).");
        string html = ExplainCommand.Render(Explainer.Run(Examples.Load("seed-002-leaky-relu-softmax.json")), "html", 4, byUnit: false);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);

        string dir = Path.Combine(AppContext.BaseDirectory, "artifacts");
        Directory.CreateDirectory(dir);
        string page = Path.Combine(dir, "explain-seed-002.html");
        File.WriteAllText(page, html);

        // A copy with a measuring script (the shipped page has none): sizes of the math elements.
        const string probe = """
            <script>
            const sizes = [...document.querySelectorAll('math, mfrac, mtable')].map(e => {
              const r = e.getBoundingClientRect(); return e.localName + ':' + Math.round(r.width) + 'x' + Math.round(r.height); });
            const pre = document.createElement('pre'); pre.id = 'sizes'; pre.textContent = sizes.join(' ');
            document.body.appendChild(pre);
            </script>
            """;
        string measured = Path.Combine(dir, "explain-seed-002.measure.html");
        File.WriteAllText(measured, html.Replace("</body>", probe + "</body>", StringComparison.Ordinal));

        string dom = RunChromium(dir, "--dump-dom", new Uri(measured).AbsoluteUri);
        var match = SizesRegex().Match(dom);
        Assert.True(match.Success, "The measuring script left no sizes: " + dom[..Math.Min(dom.Length, 500)]);
        var sizes = match.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(s => s.Split(':', 'x')).Select(p => (Element: p[0], Width: int.Parse(p[1]), Height: int.Parse(p[2]))).ToList();

        Assert.True(sizes.Count(s => s.Element == "math") > 20, $"expected many math elements, found {sizes.Count(s => s.Element == "math")}");
        Assert.Contains(sizes, s => s.Element == "mfrac");
        Assert.Contains(sizes, s => s.Element == "mtable");
        Assert.All(sizes, s => Assert.True(s.Width > 0 && s.Height > 0, $"{s.Element} is {s.Width}×{s.Height}"));
        // A laid-out matrix is taller than one line of text.
        Assert.Contains(sizes, s => s.Element == "mtable" && s.Height > 30);

        string png = Path.Combine(dir, "explain-seed-002.png");
        File.Delete(png);
        RunChromium(dir, $"--screenshot={png}", "--window-size=1200,2400", new Uri(page).AbsoluteUri);
        Assert.True(new FileInfo(png).Length > 10_000, "the screenshot is missing or blank");
    }

    private static string RunChromium(string dir, params string[] args)
    {
        var start = new ProcessStartInfo(Chromium)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = dir,
        };
        foreach (string flag in new[]
                 {
                     "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     "--user-data-dir=" + Path.Combine(Path.GetTempPath(), "nabla-chromium-" + Guid.NewGuid().ToString("N")),
                 })
        {
            start.ArgumentList.Add(flag);
        }

        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(60_000), "chromium did not finish within 60 s");
        Assert.True(process.ExitCode == 0, $"chromium exited {process.ExitCode}: {stderr.Result}");
        return stdout;
    }

    [GeneratedRegex("<pre id=\"sizes\">([^<]*)</pre>")]
    private static partial Regex SizesRegex();
}
