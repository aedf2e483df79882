using Nabla.App;
using Nabla.Playground.Training;
using Nabla.Specs;

namespace Nabla.Tests.Playground;

/// <summary>The playground's run against the library's own training of the same spec.</summary>
public class SessionTests
{
    [Fact]
    public void StandardisedInputs_TrainAsNablaTrainDoes_AndTheModelStandardisesRawInputs()
    {
        var settings = Settings.Presets.First(p => p.Name == "Moons").Make();
        settings.Standardize = true;
        settings.Count = 60;
        settings.TestFraction = 0.25;
        string json = settings.ToSpec();
        var session = Session.Start(json);
        Assert.NotNull(session.Standardization);
        for (int epoch = 0; epoch < 3; epoch++)
        {
            Assert.True(session.TrainEpoch());
        }

        var spec = SpecReader.Parse(json);
        var trained = SpecTrainer.Train(spec with { Train = spec.Train with { Epochs = 3 } });
        Assert.Equal(trained.Result.History.Series("loss"), session.Losses);
        Assert.Equal(trained.Model.Standardization!.Mean, session.Standardization.Mean);

        // model.json predicts from raw inputs, as nabla predict does: the page's network sees them standardised.
        var model = SpecReader.Parse(session.ModelJson());
        double[][] raw = [[0.5, 0.25], [-1, 0.75]];
        var expected = session.Predict(Nabla.Tensors.Matrix<double>.FromRows(session.Standardization.Apply(raw))).ToRows();
        var predicted = SpecPredictor.Predict(model, raw);
        for (int i = 0; i < raw.Length; i++)
        {
            Assert.Equal(expected[i][0], predicted[i][0], 1e-15);
        }
    }

    [Fact]
    public void StandardisingIsPartOfTheLink()
    {
        var settings = Settings.Presets[0].Make();
        settings.Dataset = "circles";
        settings.Standardize = true;
        string link = SettingsLink.Write(settings, 0);
        Assert.Contains("&std=1", link);
        Assert.True(SettingsLink.Read(link).Settings!.Standardize);
        Assert.Contains("std is 0 or 1", SettingsLink.Read("?std=yes").Problem);
    }

    [Theory]
    [InlineData("normal(0.1)")]
    [InlineData("zeros")]
    [InlineData("he")]
    public void TheInitialiser_DrawsEveryLayersStartingWeights_AndTravelsInTheLink(string init)
    {
        var settings = Settings.Presets[0].Make();
        settings.Init = init;
        var spec = SpecReader.Parse(settings.ToSpec());
        Assert.All(spec.Layers, layer => Assert.Equal(init, layer.Init));
        var session = Session.Start(settings.ToSpec());
        var expected = ModelBuilder.BuildNetwork<double>(spec);
        Assert.Equal(expected.Layers[0].W.ToRows(), session.Network.Layers[0].W.ToRows());
        if (init == "zeros")
        {
            Assert.All(session.Network.Layers[0].W.ToRows().SelectMany(r => r), w => Assert.Equal(0, w));
        }

        var (back, _, problem) = SettingsLink.Read(SettingsLink.Write(settings, 0));
        Assert.Null(problem);
        Assert.Equal(init, back!.Init);
        Assert.Contains("\"glorot\" is not a weight initialiser of the playground", SettingsLink.Read("?init=glorot").Problem);
    }
}
