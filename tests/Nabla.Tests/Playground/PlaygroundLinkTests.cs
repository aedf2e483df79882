namespace Nabla.Tests.Playground;

/// <summary>The playground's settings and steps in its address: a link restores the same run; a broken or hostile one gets a message.</summary>
public partial class PlaygroundTests
{
    [Fact]
    public async Task TheAddress_HoldsTheSettingsAndSteps_AndALinkRestoresTheSameRun()
    {
        var (page, errors) = await OpenAsync();
        await page.ClickAsync("button.preset:text-is('Moons')");
        await page.FillAsync("#learning-rate", "0.2");
        await page.Locator("#learning-rate").DispatchEventAsync("change");
        await page.FillAsync("#seed", "7");
        await page.Locator("#seed").DispatchEventAsync("change");
        await page.SelectOptionAsync("select.activation >> nth=1", "relu");
        await WaitForText(page, "#epoch", "0");
        await page.ClickAsync("#step");
        await WaitForText(page, "#epoch", "1");
        await page.ClickAsync("#step-batch");
        await WaitForText(page, "#steps", "51");
        await page.WaitForFunctionAsync("() => location.search.includes('steps=51')", null, new() { Timeout = Patience });
        string link = page.Url;
        output.WriteLine(link);
        Assert.Contains("data=moons", link);
        Assert.Contains("layers=8-tanh,8-relu", link);
        Assert.Contains("lr=0.2", link);
        Assert.Contains("seed=7", link);
        string loss = await page.Locator("#loss-value").GetAttributeAsync("data-exact") ?? "";
        string work = await page.Locator("#work-spec").InputValueAsync();
        Assert.NotEqual("", loss);
        await page.Context.CloseAsync();

        // A new browser context, the link alone: the same settings, the same steps, the same numbers.
        var (again, errorsAgain) = await OpenAsync(link);
        await WaitForText(again, "#steps", "51");
        Assert.Equal("1", await Text(again, "#epoch"));
        Assert.Equal("moons", await again.Locator("#dataset").InputValueAsync());
        Assert.Equal("0.2", await again.Locator("#learning-rate").InputValueAsync());
        Assert.Equal("7", await again.Locator("#seed").InputValueAsync());
        Assert.Equal("relu", await again.Locator("select.activation >> nth=1").InputValueAsync());
        Assert.Equal(loss, await again.Locator("#loss-value").GetAttributeAsync("data-exact"));
        Assert.Equal(work, await again.Locator("#work-spec").InputValueAsync()); // the weights after 51 steps, to the last bit
        await Screenshot(again, "link-restored");
        lock (errors)
        {
            Assert.Empty(errors);
        }

        await AssertNoErrorBar(again, errorsAgain);
    }

    [Theory]
    [InlineData("?layers=4-tanh,4-tanh,4-tanh,4-tanh,4-tanh,4-tanh,4-tanh,4-tanh", "it asks for 8 hidden layers; the playground takes at most 6.")]
    [InlineData("?data=xor&lr=NaN", "lr \"NaN\" is not a finite number.")]
    [InlineData("?data=nope", "\"nope\" is not a data set of the playground")]
    [InlineData("?layers=100000-tanh", "A layer takes 1 to 64 units in the playground; layer 1 has 100000.")]
    [InlineData("?steps=99999999999", "is not a number of steps from 0 to 20,000")]
    [InlineData("?layers=4-<script>", "is not units-activation")]
    public async Task ABrokenOrHostileLink_GetsAMessage_AndThePageStartsFromXor(string query, string message)
    {
        var (page, errors) = await OpenAsync(server.Url + query.TrimStart('/'));
        await page.WaitForSelectorAsync("#link-error", new() { Timeout = Patience });
        string shown = await Text(page, "#link-error");
        output.WriteLine(shown);
        Assert.StartsWith("This link's settings could not be used: ", shown);
        Assert.Contains(message, shown);
        Assert.EndsWith("The page starts from the XOR preset instead.", shown);
        Assert.Equal("xor", await page.Locator("#dataset").InputValueAsync());
        Assert.Equal("0", await Text(page, "#epoch"));
        Assert.Equal(0, await page.Locator("#error").CountAsync());
        await AssertNoErrorBar(page, errors);
    }
}
