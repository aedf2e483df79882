using System.Globalization;
using Bunit;
using Nabla.Playground.Pages;
using Nabla.Playground.Training;

namespace Nabla.Tests.Playground.Components;

/// <summary>
/// The playground's components rendered in this process (bUnit), without a browser: the page's controls drive the
/// library's run, and the loss curve draws the values it is given. The browser tests check the same page in Chromium.
/// </summary>
public class PageComponentTests : BunitContext
{
    public PageComponentTests() => JSInterop.Mode = JSRuntimeMode.Loose; // (the regions canvas and downloads are drawn by JavaScript)

    [Fact]
    public void Home_BootsOnXor_AndStepTrainsAnEpochOfTheLibrarysRun()
    {
        var page = Render<Home>();
        Assert.Equal("0", page.Find("#epoch").TextContent.Trim());
        Assert.Equal("xor", page.Find("#dataset").GetAttribute("value"));
        page.Find("#step").Click();
        page.WaitForAssertion(() => Assert.Equal("1", page.Find("#epoch").TextContent.Trim()), TimeSpan.FromSeconds(30));

        // The loss shown is the first epoch's loss of the same spec in a session of its own.
        var session = Session.Start(page.Find("#run-spec").TextContent);
        Assert.True(session.TrainEpoch());
        Assert.Equal(session.Losses[^1].ToString("R", CultureInfo.InvariantCulture), page.Find("#loss-value").GetAttribute("data-exact"));
    }

    [Fact]
    public void Home_ASettingTheLibraryRefuses_ShowsItsMessage_AndNoRun()
    {
        var page = Render<Home>();
        page.Find("#loss").Change("cce"); // one sigmoid output unit cannot take a categorical cross-entropy
        var error = page.Find("#error");
        Assert.Contains("cce", error.TextContent);
        Assert.Empty(page.FindAll("#epoch"));
        Assert.True(page.Find("#play").HasAttribute("disabled"));
    }

    [Fact]
    public void Home_TooManyUnits_AreRefusedNamingTheLimit()
    {
        var page = Render<Home>();
        page.Find("input.units").Change("500");
        Assert.Contains($"1 to {Settings.MaxUnits} units", page.Find("#error").TextContent);
    }

    [Fact]
    public void LossCurve_DrawsEachEpochOnALogScale()
    {
        var curve = Render<LossCurve>(p => p.Add(c => c.Train, [1, 0.1, 0.01]));
        var line = curve.Find("polyline");
        // log₁₀ of the losses spans the decades 0 to −2: the first at the top (y = 8), the last at the bottom (y = 124).
        string[] points = line.GetAttribute("points")!.Trim().Split(' ');
        Assert.Equal(["30,8", "172,66", "314,124"], points);
        Assert.Equal("1e-2", curve.FindAll("text")[1].TextContent);
        Assert.DoesNotContain("test dashed", curve.Find("figcaption").TextContent);
    }

    [Fact]
    public void LossCurve_ThinsALongRunToAtMost401Points_KeepingTheLast()
    {
        double[] losses = [.. Enumerable.Range(1, 5000).Select(e => 1.0 / e)];
        var curve = Render<LossCurve>(p => p.Add(c => c.Train, losses).Add(c => c.Test, losses));
        var lines = curve.FindAll("polyline");
        Assert.Equal(2, lines.Count);
        string[] points = lines[0].GetAttribute("points")!.Trim().Split(' ');
        Assert.InRange(points.Length, 300, 401); // (every 13th of 5000, and the last)
        Assert.StartsWith("314,", points[^1]);
        Assert.Contains("test dashed", curve.Find("figcaption").TextContent);
    }
}
