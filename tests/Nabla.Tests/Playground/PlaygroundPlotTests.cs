using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.Playwright;
using Nabla.App;
using Nabla.Playground.Training;
using Nabla.Specs;
using Nabla.Tensors;

namespace Nabla.Tests.Playground;

/// <summary>
/// The playground's pictures: each hidden unit's map (checked pixel by pixel against the library run on
/// the weights the page downloads), and the buttons that save the loss curve, the regions and the
/// diagram as SVG and PNG files.
/// </summary>
public partial class PlaygroundTests
{
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0d, 0x0a, 0x1a, 0x0a];

    [Fact]
    public async Task EachHiddenUnit_HasAMap_OfItsActivationOverThePlane()
    {
        var (page, errors) = await OpenAsync();
        await page.ClickAsync("button.preset:text-is('Moons')");
        await page.ClickAsync("#step");
        await WaitForText(page, "#epoch", "1");

        // 2-8-8-1: a map per hidden unit, grouped by layer, each named.
        var maps = page.Locator("#unit-maps-panel canvas");
        Assert.Equal(16, await maps.CountAsync());
        Assert.Equal(2, await page.Locator("#unit-maps-panel .unit-layer").CountAsync());
        Assert.Equal(8, await page.Locator("#unit-maps-panel .unit-layer >> nth=1").Locator("canvas").CountAsync());
        Assert.Equal("layer 2, unit 3", (await page.Locator("#unit-maps-panel figcaption >> nth=10").TextContentAsync())?.Trim());
        Assert.Equal("Activation of layer 2, unit 3 over the input plane", await page.Locator("#unit-map-2-3").GetAttributeAsync("aria-label"));

        // Played on, then paused: the maps follow the weights. The page's weights (model.json) through the
        // library here, on the regions' plane, give the same colours.
        await page.ClickAsync("#play");
        await page.WaitForFunctionAsync("() => Number(document.querySelector('#epoch')?.textContent) >= 3", null, new() { Timeout = Patience });
        await page.ClickAsync("#pause");
        await page.WaitForSelectorAsync("#play");
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#download-model"));
        string path = Path.Combine(PlaygroundServer.Artifacts, "moons-model.json");
        await download.SaveAsAsync(path);
        var model = SpecReader.Parse(await File.ReadAllTextAsync(path), path);
        var network = ModelBuilder.BuildNetwork<double>(model);
        var (x, _) = ModelBuilder.LoadSplit(SpecReader.Parse(await page.Locator("#run-spec").InputValueAsync(), "run")).Train.As<double>();
        var plane = new Regions(x); // (the plane the regions and the maps cover)
        var (minX, maxX, minY, maxY) = (plane.MinX, plane.MaxX, plane.MinY, plane.MaxY);
        int side = UnitMaps.Side;
        var grid = new Matrix<double>(side * side, 2);
        for (int cell = 0; cell < side * side; cell++)
        {
            grid[cell, 0] = minX + (((cell % side) + 0.5) * (maxX - minX) / side);
            grid[cell, 1] = maxY - (((cell / side) + 0.5) * (maxY - minY) / side);
        }

        network.Forward(grid);
        int compared = 0;
        for (int l = 0; l < 2; l++)
        {
            var a = network.Layers[l].A;
            double scale = a.ToArray().Max(Math.Abs);
            Assert.Contains($"±{scale.ToString("G4", CultureInfo.InvariantCulture)}", await Text(page, $"#unit-layer-{l + 1}"));
            for (int j = 0; j < 8; j++)
            {
                byte[] pixels = await CanvasPixels(page, $"#unit-map-{l + 1}-{j + 1}");
                Assert.Equal(side * side * 4, pixels.Length);
                for (int cell = 0; cell < side * side; cell += 29)
                {
                    var (r, g, b) = UnitMaps.Color(a[cell, j], scale);
                    int[] expected = [r, g, b, 255];
                    for (int c = 0; c < 4; c++)
                    {
                        Assert.InRange((int)pixels[(4 * cell) + c], expected[c] - 1, expected[c] + 1); // (the last bit of tanh may differ)
                    }

                    compared++;
                }
            }
        }

        Assert.True(compared > 300);
        await page.Locator("#unit-maps-panel").ScreenshotAsync(new() { Path = Path.Combine(PlaygroundServer.Artifacts, "unit-maps-moons.png") });
        await Screenshot(page, "unit-maps-moons-page");
        await AssertNoErrorBar(page, errors);
    }

    [Fact]
    public async Task TheXorPreset_HasAMapForEachOfItsFourUnits_AndThreeInputsHaveANoteInstead()
    {
        var (page, errors) = await OpenAsync();
        await page.ClickAsync("button.preset:text-is('XOR')");
        await page.ClickAsync("#step");
        await WaitForText(page, "#epoch", "1");
        Assert.Equal(4, await page.Locator("#unit-maps-panel canvas").CountAsync());
        string[] captions = [.. (await page.Locator("#unit-maps-panel figcaption").AllTextContentsAsync()).Select(c => c.Trim())];
        Assert.Equal(["layer 1, unit 1", "layer 1, unit 2", "layer 1, unit 3", "layer 1, unit 4"], captions);
        Assert.Equal(0, await page.Locator("#no-unit-maps").CountAsync());

        string csv = "a,b,c,label\n" + string.Concat(Enumerable.Range(0, 12).Select(i => $"{i % 3},{i % 4},{i % 5},{(i % 2 == 0 ? "x" : "y")}\n"));
        await page.SetInputFilesAsync("#csv-file", new FilePayload { Name = "three.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        await page.WaitForSelectorAsync("#no-unit-maps", new() { Timeout = Patience });
        Assert.Equal("The unit maps are drawn for two inputs; this data has 3.", await Text(page, "#no-unit-maps"));
        Assert.Equal(0, await page.Locator("#unit-maps-panel canvas").CountAsync());
        Assert.Equal(0, await page.Locator("#save-regions-png").CountAsync());
        await AssertNoErrorBar(page, errors);
    }

    [Fact]
    public async Task TheSaveButtons_DownloadAStandaloneSvgOrAPng()
    {
        var (page, errors) = await OpenAsync();
        await page.ClickAsync("button.preset:text-is('XOR')");
        for (int epoch = 1; epoch <= 3; epoch++)
        {
            await page.ClickAsync("#step");
            await WaitForText(page, "#epoch", epoch.ToString(CultureInfo.InvariantCulture));
        }

        // The loss curve as SVG, reached with the keyboard: the XML stands alone, with a title and a white background.
        await page.FocusAsync("#save-loss-svg");
        var loss = XDocument.Load(await SaveAsync(page, () => page.Keyboard.PressAsync("Enter"), "loss.svg"));
        XNamespace svg = "http://www.w3.org/2000/svg";
        Assert.Equal(svg + "svg", loss.Root!.Name);
        Assert.StartsWith("Loss per epoch, log scale (Nabla Playground, xor, 2-4-1 network, epoch 3)", loss.Root.Element(svg + "title")?.Value);
        Assert.Equal("#fff", loss.Root.Elements(svg + "rect").First().Attribute("fill")?.Value);
        Assert.Equal("320", loss.Root.Attribute("width")?.Value);
        Assert.Single(loss.Root.Elements(svg + "polyline"));

        // The same curve as PNG, at twice the size.
        var (lossWidth, lossHeight) = PngSize(await SaveAsync(page, () => page.ClickAsync("#save-loss-png"), "loss.png"));
        Assert.Equal((640, 280), (lossWidth, lossHeight));

        // The regions' canvas with its points.
        var (regionsWidth, regionsHeight) = PngSize(await SaveAsync(page, () => page.ClickAsync("#save-regions-png"), "regions.png"));
        Assert.Equal((320, 320), (regionsWidth, regionsHeight));

        // The diagram: the library's SVG, titled.
        var diagram = XDocument.Load(await SaveAsync(page, () => page.ClickAsync("#save-diagram-svg"), "network.svg"));
        Assert.Equal(svg + "svg", diagram.Root!.Name);
        Assert.StartsWith("The network (Nabla Playground, xor", diagram.Root.Element(svg + "title")?.Value);
        Assert.Contains("tanh", diagram.ToString());
        await AssertNoErrorBar(page, errors);
    }

    [Theory]
    [InlineData(1366, 768, "desktop")]
    [InlineData(400, 800, "phone")]
    public async Task TheMapsAndSaveButtons_FitTheWidth(int width, int height, string name)
    {
        var (page, errors) = await OpenAsync();
        await page.SetViewportSizeAsync(width, height);
        await page.ClickAsync("button.preset:text-is('Moons')");
        await page.ClickAsync("#step");
        await WaitForText(page, "#epoch", "1");
        // Nothing sticks out sideways, and no two maps or buttons overlap.
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways");
        string overlaps = await page.EvaluateAsync<string>("""
            () => {
              const boxes = [...document.querySelectorAll('.unit-map, .buttons button')].map(e => [e, e.getBoundingClientRect()]);
              const name = e => e.id || e.textContent.trim();
              for (let i = 0; i < boxes.length; i++) {
                const [a, p] = boxes[i];
                if (p.left < 0 || p.right > window.innerWidth) return name(a) + ' sticks out';
                for (let k = i + 1; k < boxes.length; k++) {
                  const [b, q] = boxes[k];
                  if (p.left < q.right - 1 && q.left < p.right - 1 && p.top < q.bottom - 1 && q.top < p.bottom - 1)
                    return name(a) + ' overlaps ' + name(b);
                }
              }
              return '';
            }
            """);
        Assert.Equal("", overlaps);
        await Screenshot(page, "plots-" + name);
        await AssertNoErrorBar(page, errors);
    }

    /// <summary>Runs <paramref name="click"/>, which must download <paramref name="name"/>; keeps the file under the artifacts and returns its path.</summary>
    private static async Task<string> SaveAsync(IPage page, Func<Task> click, string name)
    {
        var download = await page.RunAndWaitForDownloadAsync(click, new() { Timeout = Patience });
        Assert.Equal(name, download.SuggestedFilename);
        string path = Path.Combine(PlaygroundServer.Artifacts, "saved-" + name);
        await download.SaveAsAsync(path);
        byte[] bytes = await File.ReadAllBytesAsync(path);
        Assert.True(bytes.Length > 500, $"{name} is {bytes.Length} bytes");
        return path;
    }

    /// <summary>A PNG file's width and height, after checking its signature and that its first chunk is IHDR.</summary>
    private static (int Width, int Height) PngSize(string path)
    {
        byte[] png = File.ReadAllBytes(path);
        Assert.Equal(PngSignature, png[..8]);
        Assert.Equal("IHDR", Encoding.ASCII.GetString(png, 12, 4));
        Assert.Contains("IEND", Encoding.ASCII.GetString(png, png.Length - 8, 4));
        return (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
    }

    /// <summary>A canvas's RGBA bytes as the page drew them.</summary>
    private static async Task<byte[]> CanvasPixels(IPage page, string selector)
    {
        var values = await page.EvalOnSelectorAsync<JsonElement>(selector, "c => Array.from(c.getContext('2d').getImageData(0, 0, c.width, c.height).data)");
        return [.. values.EnumerateArray().Select(v => v.GetByte())];
    }
}
