using Nabla.Playground.Training;

namespace Nabla.Tests.Playground;

/// <summary>Walking a pass of the worked step one layer at a time: each stop is its own section of the library's worked step.</summary>
public class PassWalkTests
{
    private static WorkedStep Step()
    {
        var settings = Settings.Presets[0].Make(); // XOR, 2-4-1 tanh/sigmoid
        var session = Session.Start(settings.ToSpec());
        return WorkedStep.For(session, [2]);
    }

    [Fact]
    public void TheForwardWalk_GoesUpTheLayers_ThenTheLoss()
    {
        var work = Step();
        var stops = work.Stops(forward: true);
        Assert.Equal([1, 2, 0], stops.Select(s => s.Layer));
        Assert.Equal("the loss", stops[^1].Title);
        string whole = work.Html(forward: true);
        string first = work.Html(forward: true, stops[0]);
        string second = work.Html(forward: true, stops[1]);
        string loss = work.Html(forward: true, stops[2]);
        Assert.Contains("Layer 1:", first);
        Assert.DoesNotContain("Layer 2:", first);
        Assert.DoesNotContain("Loss", first);
        Assert.Contains("Layer 2:", second);
        Assert.DoesNotContain("Layer 1:", second);
        Assert.Contains("Loss", loss);
        Assert.DoesNotContain("Layer", loss);
        // Each stop is written exactly as it is in the whole pass.
        Assert.Contains(first, whole);
        Assert.Contains(second, whole);
        Assert.Contains(loss, whole);
    }

    [Fact]
    public void TheBackwardWalk_GoesDownTheLayers_ThenTheUpdate()
    {
        var work = Step();
        var stops = work.Stops(forward: false);
        Assert.Equal([2, 1, 0], stops.Select(s => s.Layer));
        string top = work.Html(forward: false, stops[0]);
        Assert.StartsWith("<h4", top.TrimStart());
        Assert.Contains("Layer 2 (dA2, dZ2, dW2, db2, dA1)", top);
        Assert.DoesNotContain("Layer 1 (", top);
        Assert.Contains("Update", work.Html(forward: false, stops[2]));
        Assert.Contains(work.Html(forward: false, stops[1]), work.Html(forward: false));
    }
}
