using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.Playwright;
using Nabla.App;
using Nabla.Explain;
using Nabla.Explain.Checking;
using Nabla.Explain.Documents;
using Nabla.Explain.Rendering;
using Nabla.Explain.Writing;
using Nabla.Specs;
using Nabla.Training;

namespace Nabla.Tests.Playground;

/// <summary>
/// The playground's "Show the work" and "Check your hand calculation" panels, and stepping one
/// batch at a time, against the library run in this test process on the specs the page shows.
/// </summary>
public partial class PlaygroundTests
{
    [Fact]
    public async Task ShowTheWork_IsTheLibrarysWorkedStep_ForwardAndBackward()
    {
        var (page, errors) = await OpenAsync();
        await page.ClickAsync("button.preset:text-is('XOR')");
        await page.FillAsync("#work-example", "3");
        await page.Locator("#work-example").DispatchEventAsync("change");
        await page.WaitForFunctionAsync("() => document.querySelector('#work-about')?.textContent.includes('example 3,')", null, new() { Timeout = Patience });

        // The step's spec: the run's starting weights, example 3 of XOR inline, one step.
        var step = SpecReader.Parse(await page.Locator("#work-spec").InputValueAsync(), "work");
        var run = SpecReader.Parse(await page.Locator("#run-spec").InputValueAsync(), "run");
        var network = ModelBuilder.BuildNetwork<double>(run);
        Assert.Equal([[1.0, 0.0]], step.Data!.X);
        Assert.Equal([[1.0]], step.Data.Y);
        Assert.Equal(1, step.Train.Batch);
        for (int l = 0; l < network.Layers.Count; l++)
        {
            Assert.Equal(network.Layers[l].W.ToRows(), step.Layers[l].Weights);
            Assert.Equal(network.Layers[l].B!.ToArray(), step.Layers[l].Bias);
        }

        // What the page shows is the library's worked step of that spec, as nabla explain writes it.
        var explanation = Explainer.Run(step);
        Assert.Equal(NormalisedText(Fragment(explanation, forward: true)), NormalisedText(await Text(page, "#work")));
        Assert.Equal("true", await page.Locator("#work-forward").GetAttributeAsync("aria-pressed"));
        Assert.Contains("Forward pass", await Text(page, "#work"));
        await Screenshot(page, "work-forward");

        await page.ClickAsync("#work-backward");
        await page.WaitForFunctionAsync("() => document.querySelector('#work')?.textContent.includes('Backward pass')", null, new() { Timeout = Patience });
        Assert.Equal("true", await page.Locator("#work-backward").GetAttributeAsync("aria-pressed"));
        Assert.Equal(NormalisedText(Fragment(explanation, forward: false)), NormalisedText(await Text(page, "#work")));
        await page.Locator("#work-panel").ScreenshotAsync(new() { Path = Path.Combine(PlaygroundServer.Artifacts, "work-backward-panel.png") });

        // The JSON explanation of the step spec (nabla explain --format json) has the same numbers.
        Assert.Equal(explanation.Steps[0]["Z1"].ToArray(), Explainer.Run(SpecReader.Parse(SpecWriter.ToJson(step), "again")).Steps[0]["Z1"].ToArray());
        await AssertNoErrorBar(page, errors);
    }

    [Fact]
    public async Task ShowTheWork_OfALargeNetwork_ShowsTheFirstUnits_WithANote()
    {
        var (page, errors) = await OpenAsync();
        await page.ClickAsync("button.preset:text-is('Spirals')");
        await page.FillAsync("input.units >> nth=0", "40");
        await page.Locator("input.units >> nth=0").DispatchEventAsync("change");
        await page.WaitForSelectorAsync("#work-large", new() { Timeout = Patience });
        Assert.Contains("weights, more than the page writes out (300)", await Text(page, "#work-large"));
        var step = SpecReader.Parse(await page.Locator("#work-spec").InputValueAsync(), "work");
        var trace = Explainer.Run(step).Steps[0];

        // Four rows per layer (the output has one unit): z and a of example 1 as the library's trace has them.
        var rows = page.Locator("#work-units tbody tr");
        Assert.Equal(4 + 4 + 1, await rows.CountAsync());
        var cells = await rows.Nth(5).Locator("td").AllTextContentsAsync(); // layer 2, unit 2
        Assert.Equal(["2", "2", Numerics.NumberFormat.Format(trace["Z2"][0, 1], 4), Numerics.NumberFormat.Format(trace["A2"][0, 1], 4)], cells);
        await page.ClickAsync("#work-backward");
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#work-units th').length === 5", null, new() { Timeout = Patience });
        cells = await rows.Nth(0).Locator("td").AllTextContentsAsync();
        Assert.Equal(Numerics.NumberFormat.Format(trace["dZ1"][0, 0], 4), cells[3]);
        await Screenshot(page, "work-large");
        await AssertNoErrorBar(page, errors);
    }

    [Fact]
    public async Task CheckPanel_MarksEachValue_WithTheDiagnosisCheckGives()
    {
        var (page, errors) = await OpenAsync();
        await page.ClickAsync("button.preset:text-is('XOR')");
        for (int i = 1; i <= 30; i++) // (away from the start, where σ(z₂) ≈ ½ and the biases are 0, so that slips show)
        {
            await page.ClickAsync("#step-batch");
            await WaitForText(page, "#steps", i.ToString(CultureInfo.InvariantCulture));
        }

        await page.FillAsync("#work-example", "2");
        await page.Locator("#work-example").DispatchEventAsync("change");
        await page.WaitForFunctionAsync("() => document.querySelector('#work-about')?.textContent.includes('step 31) on example 2,')", null, new() { Timeout = Patience });
        var step = SpecReader.Parse(await page.Locator("#work-spec").InputValueAsync(), "work");
        var trace = Explainer.Run(step).Steps[0];

        // Z1 right to 4 decimals; A2 written as z₂ (the activation forgotten): the checker names the slip.
        string z1 = string.Join(", ", trace["Z1"].ToArray().Select(v => v.ToString("0.0000", CultureInfo.InvariantCulture)));
        double z2 = trace["Z2"][0, 0];
        string answers = $"Z1 = {z1}\nA2 = {z2.ToString("0.0000", CultureInfo.InvariantCulture)}\nloss = {trace.Scalar("loss").ToString("0.0000", CultureInfo.InvariantCulture)}\n";
        await page.FillAsync("#answers", answers);
        await page.ClickAsync("#check");
        await page.WaitForSelectorAsync("#check-results", new() { Timeout = Patience });

        var report = AnswerChecker.Check(step, AnswerFile.Parse(answers, "your answers"));
        var rows = page.Locator("#check-results tbody tr");
        Assert.Equal(report.Values.Count, await rows.CountAsync());
        for (int i = 0; i < report.Values.Count; i++)
        {
            var v = report.Values[i];
            var cells = await rows.Nth(i).Locator("td").AllTextContentsAsync();
            Assert.Equal([v.Line.ToString(CultureInfo.InvariantCulture), v.Label, v.Written.Text, v.RightText, v.Mark, v.Why], cells.Select(c => c.Trim()));
            Assert.Equal(v.Right ? "right" : "wrong", await rows.Nth(i).GetAttributeAsync("class"));
        }

        var a2Row = report.Values.Single(v => v.Name == "A2");
        Assert.False(a2Row.Right);
        Assert.Equal("pre-activation used for activation (or the reverse)", a2Row.Why);
        Assert.Contains("pre-activation used for activation", await Text(page, "#check-panel .root-error"));
        Assert.True(report.Values.Where(v => v.Name is "Z1" or "loss").All(v => v.Right));
        Assert.Equal(report.Summary, await Text(page, "#check-summary"));
        await page.Locator("#check-panel").ScreenshotAsync(new() { Path = Path.Combine(PlaygroundServer.Artifacts, "check-panel.png") });

        // A mistyped name: the checker's message in the panel, and the page goes on.
        await page.FillAsync("#answers", "Zl = 0.5\n");
        await page.ClickAsync("#check");
        await page.WaitForSelectorAsync("#check-error", new() { Timeout = Patience });
        output.WriteLine(await Text(page, "#check-error"));
        Assert.Contains("Zl", await Text(page, "#check-error"));
        Assert.Equal(0, await page.Locator("#check-results").CountAsync());
        await AssertNoErrorBar(page, errors);
    }

    [Fact]
    public async Task StepOneBatch_ThenEpochs_GiveTheLibrarysTrainerNumbers()
    {
        var (page, errors) = await OpenAsync();
        await page.ClickAsync("button.preset:text-is('Moons')"); // 500 points, batches of 10, shuffled, sgd
        for (int i = 1; i <= 3; i++)
        {
            await page.ClickAsync("#step-batch");
            await WaitForText(page, "#steps", i.ToString(CultureInfo.InvariantCulture));
        }

        Assert.Equal("0", await Text(page, "#epoch"));
        Assert.Equal("3 of 50", await Text(page, "#batch-in-epoch"));

        // "The next batch" in the work panel: the 10 rows step 4 trains on are more than a worked step takes.
        Assert.True(await page.Locator("#work-next-batch").IsDisabledAsync());
        await page.ClickAsync("#step"); // to the end of the epoch
        await WaitForText(page, "#epoch", "1");
        Assert.Equal("50", await Text(page, "#steps"));
        await page.ClickAsync("#step");
        await WaitForText(page, "#epoch", "2");
        Assert.Equal("0 of 50", await Text(page, "#batch-in-epoch"));
        double pageLoss = double.Parse(await page.Locator("#loss-value").GetAttributeAsync("data-exact") ?? "", CultureInfo.InvariantCulture);

        // The same spec trained by the library's Trainer in this process, as nabla train does.
        var spec = SpecReader.Parse(await page.Locator("#run-spec").InputValueAsync(), "run");
        var split = ModelBuilder.LoadSplit(spec);
        var network = ModelBuilder.BuildNetwork<double>(spec);
        var (x, y) = split.Train.As<double>();
        var result = new Trainer<double>(network, ModelBuilder.BuildOptimizer<double>(spec.Train), ModelBuilder.BuildOptions(spec.Train) with { Epochs = 2 }).Fit(x, y);
        Assert.Equal(100, result.Steps);
        // (to 1e-12: the moons are drawn with sin and cos, whose last bit the browser's runtime may round otherwise)
        Assert.Equal(result.History.Row(1)[0], pageLoss, 1e-12);

        // The work panel's step starts from the weights the page trained to.
        var step = SpecReader.Parse(await page.Locator("#work-spec").InputValueAsync(), "work");
        AssertClose(network.Layers[0].W.ToRows(), step.Layers[0].Weights!);
        await Screenshot(page, "moons-two-epochs-by-batch");
        await AssertNoErrorBar(page, errors);
    }

    [Fact]
    public async Task TheNextBatch_OfASmallBatchRun_IsTheWorkedStep()
    {
        var (page, errors) = await OpenAsync();
        await page.ClickAsync("button.preset:text-is('Circles')");
        await page.FillAsync("#batch", "4");
        await page.Locator("#batch").DispatchEventAsync("change");
        await WaitForText(page, "#batch-in-epoch", "0 of 75");
        await page.ClickAsync("#step-batch");
        await WaitForText(page, "#steps", "1");
        await page.ClickAsync("#work-next-batch");
        await page.WaitForFunctionAsync("() => document.querySelector('#work-about')?.textContent.includes('examples')", null, new() { Timeout = Patience });
        string about = await Text(page, "#work-about");
        Assert.Contains("The next step (step 2)", about);

        // The rows the library's batches give step 2 (shuffled with the run's seed).
        var spec = SpecReader.Parse(await page.Locator("#run-spec").InputValueAsync(), "run");
        var (x, y) = ModelBuilder.LoadSplit(spec).Train.As<double>();
        var run = new TrainingRun<double>(ModelBuilder.BuildNetwork<double>(spec), ModelBuilder.BuildOptimizer<double>(spec.Train), ModelBuilder.BuildOptions(spec.Train), x, y);
        run.Step();
        string rows = string.Join(", ", run.NextBatch.ToArray().Select(r => r + 1));
        Assert.Contains($"examples {rows},", about);
        var step = SpecReader.Parse(await page.Locator("#work-spec").InputValueAsync(), "work");
        AssertClose([.. run.NextBatch.ToArray().Select(r => x.Row(r).ToArray())], step.Data!.X!);

        // The panel follows the batch as the run goes on.
        await page.ClickAsync("#step-batch");
        await page.WaitForFunctionAsync("() => document.querySelector('#work-about')?.textContent.includes('(step 3)')", null, new() { Timeout = Patience });
        run.Step();
        Assert.Contains($"examples {string.Join(", ", run.NextBatch.ToArray().Select(r => r + 1))},", await Text(page, "#work-about"));
        await AssertNoErrorBar(page, errors);
    }

    /// <summary>The forward (and loss) or backward (and update) sections of the explanation's step, as the library's HTML renderer writes them.</summary>
    private static string Fragment(Explanation e, bool forward)
    {
        var blocks = new List<Block>();
        ExplanationDocument.Pass(blocks, e, e.Steps[0], new Notation(false), forward);

        return XElement.Parse("<div>" + HtmlRenderer.RenderFragment(blocks, 4) + "</div>").Value;
    }

    private static void AssertClose(double[][] expected, double[][] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i].Length, actual[i].Length);
            for (int j = 0; j < expected[i].Length; j++)
            {
                Assert.Equal(expected[i][j], actual[i][j], 1e-12);
            }
        }
    }

    private static string NormalisedText(string text) => WhiteSpace().Replace(text, "");

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();

    [Fact]
    public async Task WalkingAPass_ShowsOneLayerAtATime_AndHighlightsItInTheDiagram()
    {
        var (page, errors) = await OpenAsync();
        await page.ClickAsync("button.preset:text-is('Moons')"); // 2-8-8-1: three layers
        await page.WaitForSelectorAsync("#walk-next", new() { Timeout = Patience });
        await page.ClickAsync("#walk-next");
        await page.ClickAsync("#walk-next");
        await page.WaitForFunctionAsync("() => document.querySelector('#walk-at')?.textContent.startsWith('2 of 4')", null, new() { Timeout = Patience });
        string shown = await Text(page, "#work");
        Assert.Contains("Layer 2:", shown);
        Assert.DoesNotContain("Layer 1:", shown);
        Assert.DoesNotContain("Layer 3:", shown);
        string width(int layer) => $"() => getComputedStyle(document.querySelector('#diagram g.unit[data-layer=\"{layer}\"] circle')).strokeWidth";
        Assert.Equal("4px", await page.EvaluateAsync<string>(width(2)));
        Assert.NotEqual("4px", await page.EvaluateAsync<string>(width(1)));
        await Screenshot(page, "walk-forward-layer-2");

        // Backward starts the walk again from the whole pass; its first stop is the last layer.
        await page.ClickAsync("#work-backward");
        await page.ClickAsync("#walk-next");
        await page.WaitForFunctionAsync("() => document.querySelector('#walk-at')?.textContent.startsWith('1 of 4')", null, new() { Timeout = Patience });
        Assert.Contains("Layer 3 (dA3", await Text(page, "#work"));
        Assert.Equal("4px", await page.EvaluateAsync<string>(width(3)));
        await page.ClickAsync("#walk-whole");
        await page.WaitForFunctionAsync("() => document.querySelector('#walk-at')?.textContent.startsWith('the whole pass')", null, new() { Timeout = Patience });
        Assert.Contains("Update", await Text(page, "#work"));
        await AssertNoErrorBar(page, errors);
    }

    [Fact]
    public async Task AnAnswerFile_IsCheckedOnUpload_ItsBlanksCountedNotMarked()
    {
        var (page, errors) = await OpenAsync();
        await page.ClickAsync("button.preset:text-is('XOR')");
        await page.WaitForSelectorAsync("#work-spec", new() { State = WaitForSelectorState.Attached, Timeout = Patience });
        var step = SpecReader.Parse(await page.Locator("#work-spec").InputValueAsync(), "work");
        var trace = Explainer.Run(step).Steps[0];
        string answers = $"Z1 =\nA1 = ?\nloss = {trace.Scalar("loss").ToString("0.0000", CultureInfo.InvariantCulture)}\n";
        await page.SetInputFilesAsync("#answer-file", new FilePayload { Name = "mine.answers", MimeType = "text/plain", Buffer = System.Text.Encoding.UTF8.GetBytes(answers) });
        await page.WaitForSelectorAsync("#check-results", new() { Timeout = Patience });
        Assert.Equal(answers, await page.Locator("#answers").InputValueAsync());
        Assert.Equal(1, await page.Locator("#check-results tbody tr").CountAsync());
        Assert.Equal("1 right, 0 wrong; 2 left blank", await Text(page, "#check-summary"));
        await AssertNoErrorBar(page, errors);
    }
}
