using System.Text.Json;

namespace Nabla.Tests.Playground;

/// <summary>Made for a classroom: every control named and reachable by keyboard, and the page usable at phone width.</summary>
public partial class PlaygroundTests
{
    [Fact]
    public async Task EveryControl_HasANameAndIsReachableByKeyboard_AndTrainsFromIt()
    {
        var (page, errors) = await OpenAsync();
        // Each button, input, select and text area: focusable (no negative tabindex) and named (a label, aria-label or its text).
        string unnamed = await page.EvaluateAsync<string>("""
            () => JSON.stringify([...document.querySelectorAll('button, input, select, textarea')]
                .filter(e => e.tabIndex < 0 || !((e.labels && e.labels.length) || e.getAttribute('aria-label') || e.textContent.trim() || e.title))
                .map(e => e.outerHTML.slice(0, 120)))
            """);
        Assert.Equal("[]", unnamed);

        // Tab from the top of the page to the Step (one epoch) button, then Enter trains an epoch.
        await page.Locator("body").FocusAsync();
        var seen = new List<string>();
        for (int i = 0; i < 200 && !seen.Contains("step"); i++)
        {
            await page.Keyboard.PressAsync("Tab");
            seen.Add(await page.EvaluateAsync<string>("() => document.activeElement?.id || document.activeElement?.tagName || ''"));
        }

        Assert.Contains("step", seen);
        Assert.Contains("dataset", seen);
        Assert.Contains("learning-rate", seen);
        await page.Keyboard.PressAsync("Enter");
        await WaitForText(page, "#epoch", "1");
        await AssertNoErrorBar(page, errors);
    }

    [Theory]
    [InlineData(390, 844, "phone")]
    [InlineData(1366, 768, "projector")]
    public async Task ThePage_FitsTheScreenWidth_WithoutScrollingSideways(int width, int height, string name)
    {
        var (page, errors) = await OpenAsync();
        await page.SetViewportSizeAsync(width, height);
        await page.ClickAsync("button.preset:text-is('Moons')");
        await page.ClickAsync("#step");
        await WaitForText(page, "#epoch", "1");
        // Wider than the screen: the page itself (its scroll width), or any panel that sticks out of it.
        string wide = await page.EvaluateAsync<string>("""
            () => JSON.stringify([document.documentElement, ...document.querySelectorAll('.panel')]
                .filter(e => e === document.documentElement ? e.scrollWidth > window.innerWidth + 1 : e.getBoundingClientRect().right > window.innerWidth + 1)
                .map(e => (e.id || e.tagName) + ' ' + Math.round(e === document.documentElement ? e.scrollWidth : e.getBoundingClientRect().right)))
            """);
        Assert.Equal("[]", wide);
        await page.ScreenshotAsync(new() { Path = Path.Combine(PlaygroundServer.Artifacts, $"width-{name}.png"), FullPage = true });
        await AssertNoErrorBar(page, errors);
    }
}
