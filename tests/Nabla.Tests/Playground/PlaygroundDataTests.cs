using System.Globalization;
using System.Text;
using Microsoft.Playwright;
using Nabla.App;
using Nabla.Data;
using Nabla.Specs;
using Nabla.Tests.Cli;
using Nabla.Training;

namespace Nabla.Tests.Playground;

/// <summary>The playground with the user's own CSV data (read by the library's CSV reader), and the trained model downloaded as model.json.</summary>
public partial class PlaygroundTests
{
    /// <summary>Two features and a label "in"/"out": inside or outside a circle, 60 examples.</summary>
    private static string CircleCsv()
    {
        var csv = new StringBuilder("u,v,label\n");
        for (int i = 0; i < 60; i++)
        {
            double angle = i * 0.7, radius = i % 2 == 0 ? 0.4 : 1.2;
            csv.Append(CultureInfo.InvariantCulture, $"{radius * Math.Cos(angle):0.###},{radius * Math.Sin(angle):0.###},{(i % 2 == 0 ? "in" : "out")}\n");
        }

        return csv.ToString();
    }

    [Fact]
    public async Task ABadCsv_ShowsItsLineAndColumn_AndNothingElseChanges()
    {
        var (page, errors) = await OpenAsync();
        await page.SetInputFilesAsync("#csv-file", new FilePayload { Name = "bad.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes("u,v,label\n1,2,a\n3,x7,b\n") });
        await page.WaitForSelectorAsync("#csv-error", new() { Timeout = Patience });
        string message = await Text(page, "#csv-error");
        output.WriteLine(message);
        Assert.StartsWith("bad.csv: line 3, column 2 \"v\"", message);
        Assert.Equal("xor", await page.Locator("#dataset").InputValueAsync());
        Assert.Equal("0", await Text(page, "#epoch"));
        Assert.Equal(0, await page.Locator("#error").CountAsync());
        await page.Locator("#data-panel").ScreenshotAsync(new() { Path = Path.Combine(PlaygroundServer.Artifacts, "csv-bad.png") });
        await AssertNoErrorBar(page, errors);
    }

    [Fact]
    public async Task YourOwnCsv_Trains_AndTheModelDownloadsAsTheCliReadsIt()
    {
        var (page, errors) = await OpenAsync();
        string csv = CircleCsv();
        await page.SetInputFilesAsync("#csv-file", new FilePayload { Name = "rings.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        await page.WaitForFunctionAsync("() => document.querySelector('#dataset')?.value === 'csv'", null, new() { Timeout = Patience });
        Assert.Equal("rings.csv: 60 examples, 2 features, classes in, out.", await Text(page, "#csv-about"));
        for (int epoch = 1; epoch <= 5; epoch++)
        {
            await page.ClickAsync("#step");
            await WaitForText(page, "#epoch", epoch.ToString(CultureInfo.InvariantCulture));
        }

        // The page's run is the library's: the same CSV through CsvData, the same spec, five epochs of Trainer.
        var spec = SpecReader.Parse(await page.Locator("#run-spec").InputValueAsync(), "run");
        Assert.Equal(["in", "out"], spec.Classes);
        var table = CsvData.Parse(csv, "rings.csv", "label").ToClasses().Encode(1);
        Assert.Equal(table.X.ToRows(), spec.Data!.X);
        Assert.Equal(table.Y.ToRows(), spec.Data.Y);
        var network = ModelBuilder.BuildNetwork<double>(spec);
        var result = new Trainer<double>(network, ModelBuilder.BuildOptimizer<double>(spec.Train), ModelBuilder.BuildOptions(spec.Train) with { Epochs = 5 }).Fit(table.X, table.Y);
        // (to 1e-12: the browser's runtime may round tanh and exp otherwise in the last bit)
        Assert.Equal(result.History.Row(4)[0], double.Parse(await page.Locator("#loss-value").GetAttributeAsync("data-exact") ?? "", CultureInfo.InvariantCulture), 1e-12);

        // model.json: the current weights and the loss history, which the CLI's model reader takes.
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#download-model"));
        Assert.Equal("model.json", download.SuggestedFilename);
        string path = Path.Combine(PlaygroundServer.Artifacts, "model.json");
        await download.SaveAsAsync(path);
        var model = SpecReader.Parse(await File.ReadAllTextAsync(path), path);
        for (int l = 0; l < network.Layers.Count; l++)
        {
            AssertClose(network.Layers[l].W.ToRows(), model.Layers[l].Weights!);
        }

        Assert.Equal(5, model.History!["loss"].Length);
        var predicted = CliProcess.Run("predict", path, "--x", "0.4,0");
        output.WriteLine(predicted.Out + predicted.Error);
        Assert.Equal(0, predicted.ExitCode);
        await Screenshot(page, "csv-trained");
        await AssertNoErrorBar(page, errors);
    }

    [Fact]
    public async Task ACsvWithThreeFeatures_TrainsWithoutRegions()
    {
        var (page, errors) = await OpenAsync();
        string csv = "a,b,c,label\n" + string.Concat(Enumerable.Range(0, 12).Select(i => $"{i % 3},{i % 4},{i % 5},{(i % 2 == 0 ? "x" : "y")}\n"));
        await page.SetInputFilesAsync("#csv-file", new FilePayload { Name = "three.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        await page.WaitForSelectorAsync("#no-regions", new() { Timeout = Patience });
        Assert.Equal("The regions are drawn for two inputs; this data has 3.", await Text(page, "#no-regions"));
        await page.ClickAsync("#step");
        await WaitForText(page, "#epoch", "1");
        Assert.Equal(0, await page.Locator("#error").CountAsync());
        await AssertNoErrorBar(page, errors);
    }
}
