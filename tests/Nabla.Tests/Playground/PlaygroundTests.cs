using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Nabla.Tests.Cli;
using Xunit.Abstractions;

namespace Nabla.Tests.Playground;

/// <summary>
/// The playground in real headless Chromium, served by `nabla serve`: it boots, the presets train
/// (XOR to 100 %), bad settings get a message in the page, and Blazor's error bar never shows.
/// </summary>
[Trait("Category", "Browser")]
public partial class PlaygroundTests(PlaygroundServer server, ITestOutputHelper output) : IClassFixture<PlaygroundServer>
{
    /// <summary>Long enough for the interpreter on a busy two-core machine; the tests wait for values, not times.</summary>
    private const float Patience = 120_000;

    [Fact]
    public async Task ThePageBoots_WithTheXorPreset_AndNoErrorBar()
    {
        var (page, errors) = await OpenAsync();
        Assert.Equal("Nabla Playground", await page.TitleAsync());
        Assert.Equal("0", await Text(page, "#epoch"));
        Assert.Equal("xor", await page.Locator("#dataset").InputValueAsync());
        // The diagram is the library's SVG: 2 inputs, 4 tanh units, 1 sigmoid output, edges coloured by weight.
        var diagram = page.Locator("#diagram svg");
        Assert.Equal(1, await diagram.CountAsync());
        string svg = await diagram.EvaluateAsync<string>("e => e.outerHTML");
        Assert.Contains("tanh", svg);
        Assert.Contains("sigmoid", svg);
        Assert.Matches("stroke=\"#(0072b2|e69f00)\"", svg);
        await Screenshot(page, "boot");
        await AssertNoErrorBar(page, errors);
    }

    [Fact]
    public async Task TheXorPreset_TrainsTo100PercentAccuracy()
    {
        var (page, errors) = await OpenAsync();
        await page.ClickAsync("button.preset:text-is('XOR')");
        await page.ClickAsync("#play");
        await page.WaitForFunctionAsync("() => document.querySelector('#accuracy')?.textContent === '100 %'", null, new() { Timeout = Patience });
        if (await page.Locator("#pause").CountAsync() > 0)
        {
            await page.ClickAsync("#pause");
        }

        await page.WaitForSelectorAsync("#play");
        int epoch = int.Parse(await Text(page, "#epoch"), CultureInfo.InvariantCulture);
        long steps = long.Parse(await Text(page, "#steps"), CultureInfo.InvariantCulture);
        double loss = double.Parse(await Text(page, "#loss-value"), CultureInfo.InvariantCulture);
        Assert.True(epoch > 0);
        Assert.Equal(epoch, steps); // full batch: one step per epoch
        Assert.True(loss is > 0 and < 0.5, $"loss {loss}");
        Assert.Equal("100 %", await Text(page, "#accuracy"));
        Assert.Equal(1, await page.Locator("#loss-curve polyline").CountAsync());
        await Screenshot(page, "xor-trained");
        await AssertNoErrorBar(page, errors);
    }

    [Fact]
    public async Task StepTrainsOneEpoch_AndResetStartsTheSameRunAgain()
    {
        var (page, errors) = await OpenAsync();
        await page.ClickAsync("button.preset:text-is('Moons')");
        await page.ClickAsync("#step");
        await WaitForText(page, "#epoch", "1");
        Assert.Equal("50", await Text(page, "#steps")); // 500 points in batches of 10
        string first = await Text(page, "#loss-value");
        await page.ClickAsync("#reset");
        await WaitForText(page, "#epoch", "0");
        await page.ClickAsync("#step");
        await WaitForText(page, "#epoch", "1");
        Assert.Equal(first, await Text(page, "#loss-value")); // the same seed, the same run
        await Screenshot(page, "moons-one-epoch");
        await AssertNoErrorBar(page, errors);
    }

    [Fact]
    public async Task AFixedNumberOfEpochs_StopsThere()
    {
        var (page, errors) = await OpenAsync();
        await page.ClickAsync("button.preset:text-is('Circles')");
        await page.FillAsync("#epochs", "3");
        await page.Locator("#epochs").DispatchEventAsync("change");
        await WaitForText(page, "#epoch", "0");
        await page.ClickAsync("#play");
        await WaitForText(page, "#epoch", "3");
        await page.WaitForSelectorAsync("#play", new() { Timeout = Patience });
        await page.ClickAsync("#play"); // the run has had its epochs: Play waits for Reset
        await page.WaitForTimeoutAsync(500);
        Assert.Equal("3", await Text(page, "#epoch"));
        Assert.Equal("90", await Text(page, "#steps")); // 300 points in batches of 10, three times
        await AssertNoErrorBar(page, errors);
    }

    [Theory]
    [InlineData("OR")]
    [InlineData("AND")]
    [InlineData("Circles")]
    [InlineData("Spirals")]
    [InlineData("Blobs (3 classes)")]
    public async Task EveryPreset_BuildsAndTrainsAnEpoch(string preset)
    {
        var (page, errors) = await OpenAsync();
        await page.ClickAsync($"button.preset:text-is('{preset}')");
        await page.ClickAsync("#step");
        await WaitForText(page, "#epoch", "1");
        Assert.Equal(0, await page.Locator("#error").CountAsync());
        Assert.Matches(@"^\d+(\.\d)? %$", await Text(page, "#accuracy"));
        await Screenshot(page, "preset-" + Regex.Replace(preset.ToLowerInvariant(), "[^a-z0-9]+", "-").Trim('-'));
        await AssertNoErrorBar(page, errors);
    }

    [Fact]
    public async Task TooManyUnits_IsRefusedWithAMessageNamingTheLimit()
    {
        var (page, errors) = await OpenAsync();
        await page.FillAsync("input.units", "5000");
        await page.Locator("input.units").DispatchEventAsync("change");
        await page.WaitForSelectorAsync("#error", new() { Timeout = Patience });
        Assert.Equal("A layer takes 1 to 64 units in the playground; layer 1 has 5000.", await Text(page, "#error"));
        Assert.Equal(0, await page.Locator("#epoch").CountAsync());

        // Back within the limit, the page works again.
        await page.FillAsync("input.units", "3");
        await page.Locator("input.units").DispatchEventAsync("change");
        await WaitForText(page, "#epoch", "0");
        Assert.Equal(0, await page.Locator("#error").CountAsync());
        await Screenshot(page, "units-back-to-3");
        await AssertNoErrorBar(page, errors);
    }

    [Fact]
    public async Task ALossTheOutputCannotTake_IsShownInThePage()
    {
        var (page, errors) = await OpenAsync();
        await page.SelectOptionAsync("#loss", "cce"); // one sigmoid output: categorical cross-entropy needs several
        await page.WaitForSelectorAsync("#error", new() { Timeout = Patience });
        string message = await Text(page, "#error");
        output.WriteLine(message);
        Assert.Contains("cce", message);
        await Screenshot(page, "bad-loss");
        await AssertNoErrorBar(page, errors);
    }

    [Fact]
    public void ASecondServerOnTheSamePort_SaysThePortIsInUse()
    {
        string site = Path.GetDirectoryName(PlaygroundSiteRoot())!;
        var result = CliProcess.Run("serve", "--site", site, "--port", server.Port.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"nabla: port {server.Port} on 127.0.0.1 is in use. Fix: stop the program using it, or choose another port with --port.", result.Error.Trim());
    }

    [Fact]
    public async Task TheServer_SendsWasmWithItsMimeType_Precompressed()
    {
        using var http = new HttpClient();
        string index = await http.GetStringAsync(server.Url);
        Assert.Contains("Nabla Playground", index);
        Assert.DoesNotContain("https://", index); // nothing is fetched from elsewhere
        string wasm = Directory.EnumerateFiles(Path.Combine(PlaygroundSiteRoot(), "_framework"), "Nabla.*.wasm").Select(Path.GetFileName).First()!;
        using var request = new HttpRequestMessage(HttpMethod.Get, server.Url + "_framework/" + wasm);
        request.Headers.AcceptEncoding.ParseAdd("br");
        using var response = await http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode);
        Assert.Equal("application/wasm", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["br"], response.Content.Headers.ContentEncoding);
    }

    /// <summary>
    /// A benchmark (<c>bench/playground.sh</c>), skipped by the suite: the page's own training loop (Play) on the README's
    /// benchmark, a 2-8-8-1 tanh network on 500 moons points in batches of 10, for three seconds; the steps per second
    /// the page shows are written to artifacts/playground/steps-per-second.txt and the test output.
    /// </summary>
    [BenchmarkFact]
    public async Task Benchmark_MoonsStepsPerSecond()
    {
        var (page, errors) = await OpenAsync();
        await page.ClickAsync("button.preset:text-is('Moons')");
        await page.ClickAsync("#play");
        await page.WaitForTimeoutAsync(3_000);
        await page.ClickAsync("#pause");
        await page.WaitForSelectorAsync("#play");
        string speed = await Text(page, "#speed");
        string detail = await page.Locator("#speed").GetAttributeAsync("title") ?? "";
        string line = $"moons 500, 2-8-8-1 tanh/sigmoid, mse, sgd, batch 10: {speed} steps/s ({detail}) after {await Text(page, "#epoch")} epochs; accuracy {await Text(page, "#accuracy")}";
        output.WriteLine(line);
        await File.WriteAllTextAsync(Path.Combine(PlaygroundServer.Artifacts, "steps-per-second.txt"), line + "\n");
        Assert.True(long.Parse(await Text(page, "#steps"), CultureInfo.InvariantCulture) > 0);
        await Screenshot(page, "moons-benchmark");
        await AssertNoErrorBar(page, errors);
    }

    /// <summary>The published site's wwwroot (the one `nabla serve` serves).</summary>
    private static string PlaygroundSiteRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string root = Path.Combine(dir.FullName, "src", "Nabla.Playground", "bin", "site", "wwwroot");
            if (Directory.Exists(root))
            {
                return root;
            }
        }

        throw new DirectoryNotFoundException("no published playground site above " + AppContext.BaseDirectory);
    }

    private async Task<(IPage Page, List<string> Errors)> OpenAsync(string? address = null)
    {
        var context = await server.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1366, Height = 768 } });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (errors)
                {
                    errors.Add(message.Text);
                }
            }
        };
        page.PageError += (_, error) =>
        {
            lock (errors)
            {
                errors.Add(error);
            }
        };
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(server.Url, StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal) && !request.Url.StartsWith("blob:", StringComparison.Ordinal))
            {
                lock (errors)
                {
                    errors.Add("a request left the page: " + request.Url);
                }
            }
        };
        await page.GotoAsync(address ?? server.Url);
        await page.WaitForSelectorAsync("#epoch", new() { Timeout = Patience });
        return (page, errors);
    }

    private static async Task<string> Text(IPage page, string selector) => (await page.Locator(selector).TextContentAsync())?.Trim() ?? "";

    private static Task WaitForText(IPage page, string selector, string text) =>
        page.WaitForFunctionAsync("([s, t]) => document.querySelector(s)?.textContent.trim() === t", new object[] { selector, text }, new() { Timeout = Patience });

    private static async Task AssertNoErrorBar(IPage page, List<string> errors)
    {
        Assert.False(await page.Locator("#blazor-error-ui").IsVisibleAsync(), "Blazor's error bar is showing");
        lock (errors)
        {
            Assert.Empty(errors);
        }

        await page.Context.CloseAsync();
    }

    private static async Task Screenshot(IPage page, string name) =>
        await page.ScreenshotAsync(new() { Path = Path.Combine(PlaygroundServer.Artifacts, name + ".png"), FullPage = true });
}
