using System.Globalization;
using Microsoft.Playwright;

namespace Nabla.Tests.Playground;

/// <summary>
/// The playground's figures for the README, measured in headless Chromium by <c>bench/playground.sh</c> (written to
/// artifacts/playground/benchmark.txt): the browser's own clock (performance.now(), from the start of the navigation)
/// and the page's own steps per second. The test suite skips it.
/// </summary>
public partial class PlaygroundTests
{
    [BenchmarkFact]
    public async Task Benchmark_ColdLoad_BytesTransferred_AndDigitsStepsPerSecond()
    {
        // A fresh browser context has an empty cache: the load is a first visit's.
        var context = await server.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1366, Height = 768 } });
        var page = await context.NewPageAsync();
        var requests = new List<IRequest>();
        page.RequestFinished += (_, request) =>
        {
            lock (requests)
            {
                requests.Add(request);
            }
        };
        await page.GotoAsync(server.Url);
        await page.WaitForSelectorAsync("#step:not([disabled])", new() { Timeout = Patience });
        double booted = await page.EvaluateAsync<double>("() => performance.now() / 1000");
        await page.ClickAsync("#step");
        await WaitForText(page, "#epoch", "1");
        double firstEpoch = await page.EvaluateAsync<double>("() => performance.now() / 1000");
        long bytes = 0;
        IRequest[] finished;
        lock (requests)
        {
            finished = [.. requests];
        }

        foreach (var request in finished)
        {
            var sizes = await request.SizesAsync();
            bytes += sizes.ResponseBodySize + sizes.ResponseHeadersSize;
        }

        // digits: 1,797 examples of 64 pixels, a 64-32-10 tanh/softmax network, cross-entropy, Adam, batches of 32.
        await page.SetInputFilesAsync("#csv-file", Examples.Path(Path.Combine("data", "digits.csv")));
        await page.WaitForFunctionAsync("() => document.querySelector('#dataset')?.value === 'csv'", null, new() { Timeout = Patience });
        await page.FillAsync("input.units", "32");
        await page.Locator("input.units").DispatchEventAsync("change");
        await page.SelectOptionAsync("#output-activation", "softmax");
        await page.SelectOptionAsync("#loss", "cce");
        await page.FillAsync("#batch", "32");
        await page.Locator("#batch").DispatchEventAsync("change");
        await page.WaitForSelectorAsync("#play:not([disabled]), #error", new() { Timeout = Patience });
        Assert.Equal("", await page.Locator("#error").CountAsync() > 0 ? await Text(page, "#error") : "");
        await page.ClickAsync("#play");
        await page.WaitForTimeoutAsync(5_000);
        await page.ClickAsync("#pause");
        await page.WaitForSelectorAsync("#play");
        string digits = $"digits 1797, 64-32-10 tanh/softmax, cce, adam, batch 32: {await Text(page, "#speed")} steps/s ({await page.Locator("#speed").GetAttributeAsync("title")}) after {await Text(page, "#steps")} steps; accuracy {await Text(page, "#accuracy")}";

        string report = string.Create(CultureInfo.InvariantCulture,
            $"cold load: page ready {booted:0.00} s, first trained epoch (XOR) {firstEpoch:0.00} s after the request; {finished.Length} requests, {bytes / 1024.0 / 1024.0:0.00} MiB transferred (bodies as sent, with headers)\n{digits}\n");
        output.WriteLine(report);
        await File.WriteAllTextAsync(Path.Combine(PlaygroundServer.Artifacts, "benchmark.txt"), report);
        Assert.True(bytes > 0);
        Assert.NotEqual("0", await Text(page, "#steps"));
    }
}
