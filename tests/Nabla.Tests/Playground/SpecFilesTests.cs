using Nabla.App;
using Nabla.Playground.Training;
using Nabla.Specs;

namespace Nabla.Tests.Playground;

/// <summary>The playground's runs taken from a spec: the built-in seed exercises, loaded files, and links that name them.</summary>
public class SpecFilesTests
{
    [Fact]
    public void EverySeedExercise_IsTheExampleFile_AndStartsARun()
    {
        foreach (var (key, label) in SpecFiles.Exercises)
        {
            string json = SpecFiles.Exercise(key)!;
            Assert.Equal(File.ReadAllText(Examples.Path(key + ".json")), json);
            var settings = Settings.FromSpec(json, label, key);
            var session = Session.Start(settings.ToSpec(), label);
            Assert.Equal(SpecReader.Parse(json).Train.Epochs, settings.Epochs);
            Assert.True(session.TrainEpoch());
            Assert.True(double.IsFinite(session.Losses[^1]));
        }
    }

    [Fact]
    public void ASeedExerciseRun_IsTheLibrarysTraining()
    {
        string json = SpecFiles.Exercise("seed-000-report-lr0.5")!;
        var session = Session.Start(json, "seed 000");
        for (int epoch = 0; epoch < 5; epoch++)
        {
            Assert.True(session.TrainEpoch());
        }

        var trained = SpecTrainer.Train(SpecReader.Parse(json) is var spec ? spec with { Train = spec.Train with { Epochs = 5 } } : null!);
        Assert.Equal(trained.Result.History.Series("loss"), session.Losses);
    }

    [Fact]
    public void ALinkNamesTheExercise_AndTheStepsTaken()
    {
        var settings = Settings.FromSpec(SpecFiles.Exercise("seed-001-or-sigmoid")!, "Seed 001", "seed-001-or-sigmoid");
        string link = SettingsLink.Write(settings, 1);
        Assert.Equal("?exercise=seed-001-or-sigmoid&steps=1", link);
        var (back, steps, problem) = SettingsLink.Read(link);
        Assert.Null(problem);
        Assert.Equal(1, steps);
        Assert.Equal(settings.Loaded, back!.Loaded);
        Assert.Equal("seed-001-or-sigmoid", back.LoadedExercise);
    }

    [Theory]
    [InlineData("?exercise=seed-999", "\"seed-999\" is not a seed exercise of the playground")]
    [InlineData("?file=mine.json&steps=3", "it was a run of the file mine.json, which a link cannot hold")]
    public void ALinkToARunItCannotRestore_SaysWhy(string query, string expected)
    {
        var (settings, _, problem) = SettingsLink.Read(query);
        Assert.Null(settings);
        Assert.Contains(expected, problem);
    }

    [Fact]
    public void ALoadedFileLink_NamesTheFile()
    {
        var settings = Settings.FromSpec(File.ReadAllText(Examples.Path("seed-003-xor-sigmoid.json")), "my spec.json", exercise: null);
        Assert.Equal("?file=my%20spec.json", SettingsLink.Write(settings, 0));
    }

    [Theory]
    [InlineData("""{ "inputs": 2, "layers": [ { "units": 1, "activation": "sigmoid" } ], "loss": "bce" }""", "mine.json has no \"data\"")]
    [InlineData("""{ "inputs": 2, "layers": [ { "units": 1, "activation": "sigmoid" } ], "loss": "bce", "data": { "csv": "d.csv", "label": "y" } }""", "mine.json reads its data from the CSV file \"d.csv\", which a page cannot open")]
    [InlineData("""{ "inputs": 2, "layers": [ { "units": 65, "activation": "tanh" }, { "units": 1, "activation": "sigmoid" } ], "loss": "bce", "data": { "dataset": "moons" } }""", "mine.json is larger than the playground takes: at most 6 hidden layers, 64 units")]
    [InlineData("""{ "inputs": 2, "layers": [ { "units": 1, "activation": "sigmoid" } ], "loss": "bce", "data": { "dataset": "moons", "n": 6000 } }""", "mine.json has 6000 examples; the playground takes at most 5000")]
    [InlineData("""{ "inputs": 2, "layers": [ { "units": 1, "activation": "sigmod" } ], "loss": "bce", "data": { "dataset": "or" } }""", "mine.json")]
    public void AFileThePageCannotRun_IsRefusedWithItsNameAndTheReason(string json, string expected)
    {
        var e = Assert.ThrowsAny<NablaException>(() => Settings.FromSpec(json, "mine.json", exercise: null));
        Assert.Contains(expected, e.Message);
    }
}
