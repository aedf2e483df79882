using System.Text;
using FsCheck;
using FsCheck.Xunit;
using Nabla.App;
using Nabla.Data;
using Nabla.Explain.Checking;
using Nabla.Specs;
using Xunit.Sdk;

namespace Nabla.Tests.Specs;

/// <summary>
/// Seeded fuzzing of the readers (<see cref="Mutator"/>): a mutated spec, model file, CSV file
/// or answer file is read, and then used as far as is cheap. The only outcomes allowed are
/// success or a <see cref="NablaException"/> with a message; any other exception is a bug.
/// </summary>
public class ReaderFuzzTests
{
    private const int Tests = 5000;

    private static readonly byte[][] Specs = new[] { "seed-002-leaky-relu-softmax.json", "iris.json", "moons.json", "seed-004-neuron-vectorised.json" }
        .Select(name => File.ReadAllBytes(Examples.Path(name))).ToArray();

    private static readonly Lazy<byte[]> Model = new(() =>
    {
        var spec = Examples.Load("iris.json");
        spec = spec with { Train = spec.Train with { Epochs = 2 } };
        var model = SpecTrainer.Train(spec).Model;
        model.History!["loss"][0] = double.PositiveInfinity; // as a diverging run may write
        return Encoding.UTF8.GetBytes(SpecWriter.ToJson(model));
    });

    private static readonly byte[] Csv = Encoding.UTF8.GetBytes(string.Join("\n", File.ReadLines(Examples.Path("data/iris.csv")).Take(12)) + "\n\"quoted, label\",1,2,3,4\n");

    private static readonly byte[] Answers = File.ReadAllBytes(Examples.Path("answers/seed-002-leaky-relu-softmax.answers"));

    [Property(MaxTest = Tests, Replay = "(20261203,11)")]
    public void SpecReader_EitherReadsOrExplains(DoNotSize<int> seed)
    {
        byte[] input = Mutator.Mutate(Specs[(seed.Item & int.MaxValue) % Specs.Length], seed.Item);
        Clean(input, () =>
        {
            var spec = SpecReader.Parse(input, "fuzz.json");
            SpecReader.Parse(SpecWriter.ToJson(spec), "again.json"); // what was read is written and read back
        });
    }

    [Property(MaxTest = Tests, Replay = "(20261203,13)")]
    public void ModelFileReader_EitherReadsOrExplains(DoNotSize<int> seed)
    {
        byte[] input = Mutator.Mutate(Model.Value, seed.Item);
        Clean(input, () =>
        {
            var model = SpecReader.Parse(input, "model.json");
            SpecReader.Parse(SpecWriter.ToJson(model), "again.json");
            if (MemoryEstimate.Parameters(model) < 10_000)
            {
                SpecPredictor.Predict(model, [new double[model.Inputs]]);
            }
        });
    }

    [Property(MaxTest = Tests, Replay = "(20261203,15)")]
    public void CsvReader_EitherReadsOrExplains(DoNotSize<int> seed)
    {
        byte[] input = Mutator.Mutate(Csv, seed.Item);
        Clean(input, () =>
        {
            var table = CsvData.Parse(Encoding.UTF8.GetString(input), "fuzz.csv", "label", labelOptional: seed.Item % 2 == 0);
            var scale = Standardization.Fit(table.X);
            Assert.All(scale.Std, s => Assert.True(s > 0 && double.IsFinite(s), $"σ = {s}"));
            Assert.All(scale.Mean, m => Assert.True(double.IsFinite(m), $"μ = {m}"));
            if (table.HasLabel)
            {
                var classes = table.ToClasses();
                _ = table.LabelsAreNumbers ? table.ToTargets() : classes.Classes.Count >= 2 ? classes.Encode(classes.Classes.Count) : null;
            }
        });
    }

    [Property(MaxTest = Tests, Replay = "(20261203,17)")]
    public void AnswerFileReader_EitherReadsOrExplains(DoNotSize<int> seed)
    {
        byte[] input = Mutator.Mutate(Answers, seed.Item);
        Clean(input, () => AnswerFile.Parse(Encoding.UTF8.GetString(input), "fuzz.answers"));
    }

    private static void Clean(byte[] input, Action read)
    {
        try
        {
            read();
        }
        catch (NablaException e) when (!string.IsNullOrWhiteSpace(e.Message))
        {
        }
        catch (Exception e) when (e is not XunitException)
        {
            throw new XunitException($"{e.GetType().Name}: {e.Message}\ninput: \"{Mutator.Show(input)}\"\n{e.StackTrace}");
        }
    }
}
