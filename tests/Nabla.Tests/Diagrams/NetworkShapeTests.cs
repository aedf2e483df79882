using Nabla.App;
using Nabla.Diagrams;
using Nabla.Explain;
using Nabla.Specs;

namespace Nabla.Tests.Diagrams;

/// <summary>The shape a diagram draws, from a spec (missing weights seeded on a copy) and from an explanation.</summary>
public class NetworkShapeTests
{
    private const string NoWeights = """{ "inputs": 2, "layers": [ { "units": 3, "activation": "tanh" }, { "units": 1, "activation": "sigmoid", "weights": [[1], [2], [3]], "bias": [0.5] } ], "loss": "bce", "train": { "seed": 42 } }""";

    [Fact]
    public void FromSpec_TakesTheSpecWeightsAndBiases()
    {
        var shape = NetworkShape.FromSpec(Examples.Load("seed-000-report-lr0.5.json"));
        Assert.Equal(2, shape.Inputs);
        Assert.Equal(6, shape.WeightCount);
        Assert.Equal(-0.006562361510258101, shape.Layers[0].Weights![0][0]);
        Assert.Equal(0.00203392242200524, shape.Layers[1].Weights![1][0]);
        Assert.Equal([0.0, 0.0], shape.Layers[0].Bias!);
        Assert.Null(shape.Note);
    }

    [Fact]
    public void FromSpec_FillsMissingWeightsFromTheSeed_OnACopy()
    {
        var spec = SpecReader.Parse(NoWeights);
        var shape = NetworkShape.FromSpec(spec);

        var expected = SpecReader.Parse(NoWeights);
        expected = ModelBuilder.FillMissingWeights(expected);
        Assert.Equal(expected.Layers[0].Weights, shape.Layers[0].Weights);
        Assert.Equal([0.0, 0.0, 0.0], shape.Layers[0].Bias!);
        Assert.Equal([0.5], shape.Layers[1].Bias!);
        Assert.Null(spec.Layers[0].Weights); // the caller's spec is left as it was
        Assert.Equal("Layer 1 has no weights in the spec: shown are the initial ones train.seed = 42 draws.", shape.Note);
    }

    [Fact]
    public void FromExplanation_MatchesFromSpec()
    {
        var spec = Examples.Load("seed-001-or-sigmoid.json");
        var fromSpec = NetworkShape.FromSpec(spec);
        var fromExplanation = NetworkShape.FromExplanation(Explainer.Run(spec));
        Assert.Equal(fromSpec.Inputs, fromExplanation.Inputs);
        for (int l = 0; l < fromSpec.Layers.Count; l++)
        {
            Assert.Equal(fromSpec.Layers[l].Weights, fromExplanation.Layers[l].Weights);
            Assert.Equal(fromSpec.Layers[l].Bias, fromExplanation.Layers[l].Bias);
            Assert.Equal(fromSpec.Layers[l].ActivationTitle, fromExplanation.Layers[l].ActivationTitle);
        }
    }

    [Theory]
    [InlineData(3, new[] { 0, 1, 2 })]
    [InlineData(12, new[] { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 })]
    [InlineData(13, new[] { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, -1, 12 })]
    [InlineData(784, new[] { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, -1, 783 })]
    public void Shown_KeepsWideColumnsToTwelveRows(int units, int[] expected) =>
        Assert.Equal(expected, DiagramGraph.Shown(units));
}
