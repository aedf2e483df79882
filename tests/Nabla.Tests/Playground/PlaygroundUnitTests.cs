using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using Microsoft.Playwright;
using Nabla.Exercises;
using Nabla.Explain;
using Nabla.Specs;

namespace Nabla.Tests.Playground;

/// <summary>
/// The playground's unit panel (a unit of the diagram clicked, or chosen in its list) against the library's
/// explanation of the same step in this process, and "Freeze as an exercise"'s download.
/// </summary>
public partial class PlaygroundTests
{
    [Fact]
    public async Task ClickingAHiddenUnit_ShowsItsWork_AsTheExplanationJsonGivesIt()
    {
        var (page, errors) = await OpenAsync();
        await page.ClickAsync("button.preset:text-is('Moons')"); // sgd, mse: the general δ = ∂L/∂a · f′(z)
        await page.ClickAsync("#step-batch");
        await WaitForText(page, "#steps", "1");

        // The same two examples in the work panel (whose spec is the step's) and the unit panel.
        foreach (var (id, value) in new[] { ("#work-example", "5"), ("#work-count", "2"), ("#unit-example", "5"), ("#unit-count", "2") })
        {
            await page.FillAsync(id, value);
            await page.Locator(id).DispatchEventAsync("change");
        }

        await page.WaitForFunctionAsync("() => document.querySelector('#work-about')?.textContent.includes('examples 5, 6,')", null, new() { Timeout = Patience });
        await page.ClickAsync("#diagram g.unit[data-layer='2'][data-unit='3']");
        await page.WaitForSelectorAsync("#unit-work[data-layer='2'][data-unit='3']", new() { Timeout = Patience });
        Assert.Equal("2:3", await page.Locator("#unit-pick").InputValueAsync());
        Assert.Contains("examples 5, 6,", await Text(page, "#unit-about"));

        var step = SpecReader.Parse(await page.Locator("#work-spec").InputValueAsync(), "work");
        var q = UnitWorkTests.Quantities(Explainer.Run(step));
        var examples = page.Locator("#unit-work .unit-example");
        for (int k = 0; k < 2; k++)
        {
            var forward = examples.Nth(k);
            var backward = examples.Nth(2 + k);
            Assert.Equal(q["Z2"][k][2], await Exact(forward, ".value-z"), 1e-9);
            Assert.Equal(q["A2"][k][2], await Exact(forward, ".value-a"), 1e-9);
            Assert.Equal(q["dZ2"][k][2], await Exact(backward, ".value-delta"), 1e-9);
        }

        // ∂L/∂w₄₃ (input a₄ of layer 1 into unit 3 of layer 2), summed over the two examples, and its update.
        var row = page.Locator("#unit-weights tr[data-input='4']");
        Assert.Equal(q["dW2"][3][2], await Exact(row, ".value-dw"), 1e-9);
        Assert.Equal(q["W2_next"][3][2], await Exact(row, ".value-next"), 1e-9);
        Assert.Equal(q["db2"][0][2], await Exact(page.Locator("#unit-weights tr[data-input='bias']"), ".value-db"), 1e-9);
        Assert.Equal(8 + 1, await page.Locator("#unit-weights tbody tr").CountAsync());
        Assert.Contains("η = 0.3", await Text(page, "#unit-update-note"));

        // The clicked unit is marked in the diagram.
        string width = await page.Locator("#diagram g.unit[data-layer='2'][data-unit='3'] circle").EvaluateAsync<string>("c => getComputedStyle(c).strokeWidth");
        Assert.Equal("4px", width);
        await Screenshot(page, "unit-hidden");
        await page.Locator("#unit-panel").ScreenshotAsync(new() { Path = Path.Combine(PlaygroundServer.Artifacts, "unit-hidden-panel.png") });

        // A step later the panel follows the network.
        await page.ClickAsync("#step-batch");
        await WaitForText(page, "#steps", "2");
        await page.WaitForFunctionAsync("() => document.querySelector('#unit-about')?.textContent.includes('(step 3)')", null, new() { Timeout = Patience });

        // An example out of range: a plain message in the panel, and the page goes on.
        await page.FillAsync("#unit-example", "0");
        await page.Locator("#unit-example").DispatchEventAsync("change");
        await page.WaitForSelectorAsync("#unit-error", new() { Timeout = Patience });
        Assert.Contains("Choose a first example from 1 to 500", await Text(page, "#unit-error"));
        await AssertNoErrorBar(page, errors);
    }

    [Fact]
    public async Task ChoosingTheOutputUnitByKeyboard_ShowsTheFusedDelta_AndFreezeDownloadsTheExercise()
    {
        var (page, errors) = await OpenAsync();
        await page.ClickAsync("button.preset:text-is('XOR')"); // sigmoid + bce: δ = (a − y)/N; adam
        foreach (var id in new[] { "#work-example", "#unit-example" })
        {
            await page.FillAsync(id, "2");
            await page.Locator(id).DispatchEventAsync("change");
        }

        await page.WaitForFunctionAsync("() => document.querySelector('#work-about')?.textContent.includes('example 2,')", null, new() { Timeout = Patience });
        await page.FocusAsync("#unit-pick");
        await page.SelectOptionAsync("#unit-pick", "2:1");
        await page.WaitForSelectorAsync("#unit-work[data-layer='2'][data-unit='1']", new() { Timeout = Patience });
        Assert.Contains("output unit 1", await Text(page, "#unit-about"));
        Assert.Contains("example 2,", await Text(page, "#unit-about"));

        var step = SpecReader.Parse(await page.Locator("#work-spec").InputValueAsync(), "work");
        var explanation = Explainer.Run(step);
        var q = UnitWorkTests.Quantities(explanation);
        var backward = page.Locator("#unit-work .unit-example").Nth(1);
        Assert.Equal(q["Z2"][0][0], await Exact(page.Locator("#unit-work"), ".value-z"), 1e-9);
        Assert.Equal(q["dZ2"][0][0], await Exact(backward, ".value-delta"), 1e-9);
        string delta = await backward.TextContentAsync() ?? "";
        Assert.Contains("− y1) / N", delta);
        Assert.Contains("Sigmoid with binary cross-entropy", delta);
        var row = page.Locator("#unit-weights tr[data-input='3']");
        Assert.Equal(q["dW2"][2][0], await Exact(row, ".value-dw"), 1e-9);
        Assert.Equal(q["W2_next"][2][0], await Exact(row, ".value-next"), 1e-9);
        Assert.Contains("adam", await Text(page, "#unit-update-note"));
        await page.Locator("#unit-panel").ScreenshotAsync(new() { Path = Path.Combine(PlaygroundServer.Artifacts, "unit-output-panel.png") });

        // Freeze as an exercise: the step's spec and a blank answer file, as nabla check reads them.
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#freeze-exercise"));
        Assert.Equal("exercise.zip", download.SuggestedFilename);
        string saved = Path.Combine(PlaygroundServer.Artifacts, "exercise.zip");
        await download.SaveAsAsync(saved);
        using var zip = ZipFile.OpenRead(saved);
        string Read(string name)
        {
            using var reader = new StreamReader(zip.GetEntry(name)!.Open());
            return reader.ReadToEnd();
        }

        string specText = Read(ExerciseClass.Files.Spec);
        Assert.Equal(await page.Locator("#work-spec").InputValueAsync(), specText);
        var frozen = SpecReader.Parse(specText, "exercise");
        Assert.Equal(step.Data!.X, frozen.Data!.X);
        Assert.Equal(1, frozen.Train.Epochs);
        string blank = Read(ExerciseClass.Files.Blank);
        Assert.Equal(AnswerKey.Blank(explanation, new ExerciseOptions()), blank);
        var names = blank.Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.Split('=')[0].Trim());
        Assert.Equal(Questions.Names(QuestionParts.All, [true, true]), names);
        await Screenshot(page, "unit-output");
        await AssertNoErrorBar(page, errors);
    }

    private static async Task<double> Exact(ILocator within, string selector) =>
        double.Parse(await within.Locator(selector).First.GetAttributeAsync("data-exact") ?? "", CultureInfo.InvariantCulture);
}
