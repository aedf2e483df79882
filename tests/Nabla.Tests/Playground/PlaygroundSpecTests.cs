using System.Globalization;
using System.Text;
using Microsoft.Playwright;
using Nabla.App;
using Nabla.Specs;

namespace Nabla.Tests.Playground;

/// <summary>The seed exercises as presets and a spec or model file loaded into the page, against the library run in this process.</summary>
public partial class PlaygroundTests
{
    [Fact]
    public async Task ASeedExercisePreset_TrainsAsNablaTrainDoes_AndItsLinkRestoresIt()
    {
        var (page, errors) = await OpenAsync();
        await page.SelectOptionAsync("#exercise", "seed-000-report-lr0.5");
        await page.WaitForSelectorAsync("#loaded-about", new() { Timeout = Patience });
        Assert.Contains("Seed 000: XOR, η = 0.5", await Text(page, "#loaded-about"));
        for (int epoch = 1; epoch <= 3; epoch++)
        {
            await page.ClickAsync("#step");
            await WaitForText(page, "#epoch", epoch.ToString(CultureInfo.InvariantCulture));
        }

        string pageLoss = await page.Locator("#loss-value").GetAttributeAsync("data-exact") ?? "";
        var spec = SpecReader.ReadFile(Examples.Path("seed-000-report-lr0.5.json"));
        var trained = SpecTrainer.Train(spec with { Train = spec.Train with { Epochs = 3 } });
        Assert.Equal(trained.Result.History.Series("loss")[2].ToString("R", CultureInfo.InvariantCulture), pageLoss); // the same doubles
        Assert.EndsWith("?exercise=seed-000-report-lr0.5&steps=3", page.Url);
        await Screenshot(page, "seed-000-three-epochs");

        var (again, _) = await OpenAsync(page.Url);
        await WaitForText(again, "#epoch", "3");
        Assert.Equal(pageLoss, await again.Locator("#loss-value").GetAttributeAsync("data-exact"));
        await again.ClickAsync("#use-controls");
        await WaitForText(again, "#epoch", "0");
        Assert.Equal(0, await again.Locator("#loaded-about").CountAsync());
        Assert.Equal("xor", await again.Locator("#dataset").InputValueAsync());
        await AssertNoErrorBar(page, errors);
    }

    [Fact]
    public async Task ASpecFile_IsLoaded_AndABadOneSaysWhyAndChangesNothing()
    {
        var (page, errors) = await OpenAsync();
        string json = File.ReadAllText(Examples.Path("seed-002-leaky-relu-softmax.json"));
        await page.SetInputFilesAsync("#spec-file", new FilePayload { Name = "four-three-two.json", MimeType = "application/json", Buffer = Encoding.UTF8.GetBytes(json) });
        await page.WaitForSelectorAsync("#loaded-network", new() { Timeout = Patience });
        Assert.StartsWith("Seed 002", await Text(page, "#loaded-network"));
        Assert.Contains("4-3-2", await Text(page, "#loaded-network"));
        Assert.Contains("A link cannot hold a loaded file", await Text(page, "#loaded-about"));
        await page.ClickAsync("#step");
        await WaitForText(page, "#epoch", "1");
        var trained = SpecTrainer.Train(SpecReader.Parse(json));
        Assert.Equal(trained.Result.History.Series("loss")[0].ToString("R", CultureInfo.InvariantCulture), await page.Locator("#loss-value").GetAttributeAsync("data-exact"));
        await page.Locator("#data-panel").ScreenshotAsync(new() { Path = Path.Combine(PlaygroundServer.Artifacts, "spec-loaded.png") });

        string bad = json.Replace("\"leaky_relu\"", "\"leaky_rleu\"", StringComparison.Ordinal);
        await page.SetInputFilesAsync("#spec-file", new FilePayload { Name = "typo.json", MimeType = "application/json", Buffer = Encoding.UTF8.GetBytes(bad) });
        await page.WaitForSelectorAsync("#spec-error", new() { Timeout = Patience });
        string message = await Text(page, "#spec-error");
        output.WriteLine(message);
        Assert.StartsWith("typo.json", message);
        Assert.Contains("leaky_rleu", message);
        Assert.Equal("1", await Text(page, "#epoch")); // the loaded run is still there, untouched
        await page.Locator("#data-panel").ScreenshotAsync(new() { Path = Path.Combine(PlaygroundServer.Artifacts, "spec-bad.png") });
        await AssertNoErrorBar(page, errors);
    }

    [Fact]
    public async Task StandardisedInputs_TrainAsTheLibraryDoes_AndTheLinkKeepsThem()
    {
        var (page, errors) = await OpenAsync();
        await page.ClickAsync("button.preset:text-is('Circles')");
        await page.CheckAsync("#standardize");
        await page.WaitForFunctionAsync("() => location.search.includes('std=1')", null, new() { Timeout = Patience });
        await page.ClickAsync("#step");
        await WaitForText(page, "#epoch", "1");
        double pageLoss = double.Parse(await page.Locator("#loss-value").GetAttributeAsync("data-exact") ?? "", CultureInfo.InvariantCulture);
        var spec = SpecReader.Parse(await page.Locator("#run-spec").InputValueAsync(), "run");
        Assert.True(spec.Data!.Standardize);
        var trained = SpecTrainer.Train(spec with { Train = spec.Train with { Epochs = 1 } });
        Assert.Equal(trained.Result.History.Series("loss")[0], pageLoss, 1e-12); // (circles are drawn with sin and cos: see the moons test)
        await AssertNoErrorBar(page, errors);
    }
}
