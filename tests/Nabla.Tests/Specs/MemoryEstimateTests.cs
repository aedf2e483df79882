using Nabla.App;
using Nabla.Specs;

namespace Nabla.Tests.Specs;

/// <summary>Sizes refused before anything is allocated: a matrix beyond an array's reach, a network or batch beyond the memory limit.</summary>
public class MemoryEstimateTests
{
    private static SpecException Refused(string json) => Assert.Throws<SpecException>(() => SpecReader.Parse(json, "s.json"));

    [Fact]
    public void AMatrixLargerThanAnArrayCanHold_IsRefusedBeforeAnythingIsAllocated()
    {
        var e = Refused("""{ "inputs": 2, "layers": [ { "units": 50000 }, { "units": 50000 }, { "units": 1 } ], "loss": "mse" }""");
        Assert.Equal("$.layers[1].units", e.JsonPath);
        Assert.Contains("50000 × 50000 matrix of 2,500,000,000 values", e.Message);

        // 100 000 × 100 000 wraps to 1.41e9 in 32-bit arithmetic; it must not slip through.
        e = Refused("""{ "inputs": 100000, "layers": [ { "units": 100000 } ], "loss": "mse" }""");
        Assert.Contains("10,000,000,000 values", e.Message);
    }

    [Fact]
    public void ABatchThatMakesTooLargeAMatrix_IsRefused()
    {
        var e = Refused("""{ "inputs": 1, "layers": [ { "units": 30000 } ], "loss": "mse", "train": { "batch": 100000 } }""");
        Assert.Contains("a batch of 100,000 examples", e.Message);
    }

    [Fact]
    public void ANetworkOverTheMemoryLimit_IsRefused_NamingTheSizeAndTheLimit()
    {
        var spec = SpecReader.Parse("""{ "inputs": 1000, "layers": [ { "units": 1000 } ], "loss": "mse", "train": { "optimizer": "adam" } }""");
        Assert.Null(MemoryEstimate.Check(spec, 100, 1L << 30));
        var (path, problem, fix) = MemoryEstimate.Check(spec, 100, 1L << 20)!.Value;
        Assert.Equal("$.layers", path);
        Assert.Contains("1,001,000 parameters", problem);
        Assert.Contains("limit of 1 MiB", problem);
        Assert.Contains("float32", fix);

        // Adam keeps two values per parameter, float32 halves each: the estimate follows both.
        double adam = MemoryEstimate.Bytes(spec, 100);
        spec = spec with { Train = spec.Train with { Optimizer = "sgd" } };
        Assert.True(MemoryEstimate.Bytes(spec, 100) < adam);
        spec = spec with { Train = spec.Train with { Precision = "float32" } };
        Assert.True(MemoryEstimate.Bytes(spec, 100) < MemoryEstimate.Bytes(SpecReader.Parse("""{ "inputs": 1000, "layers": [ { "units": 1000 } ], "loss": "mse" }"""), 100));
    }

    [Fact]
    public void LayersOfABillionOr3e8Units_AreRefusedUnderA16GiBLimit()
    {
        foreach (int units in new[] { 1_000_000_000, 300_000_000 })
        {
            var spec = new ModelSpec { Inputs = 1, Layers = [new LayerSpec { Units = units }, new LayerSpec { Units = 1 }] };
            Assert.Contains("more than the limit of 16 GiB", MemoryEstimate.Check(spec, 1, 16L << 30)!.Value.Problem);
        }
    }

    [Fact]
    public void ALayerOfTwoBillionUnits_IsRefusedOnAnyMachineWithLessThan380GiB()
    {
        var e = Refused("""{ "inputs": 1, "layers": [ { "units": 2000000000 }, { "units": 1 } ], "loss": "mse" }""");
        Assert.Contains("training this network needs about", e.Message);
        Assert.Contains("more than the limit of", e.Message);
    }

    [Fact]
    public void AToySetOfABillionClasses_IsRefusedBeforeItsLabelsAreEncoded()
    {
        var e = Refused("""{ "inputs": 2, "layers": [ { "units": 1000000000, "activation": "softmax" } ], "loss": "cce", "data": { "dataset": "blobs", "classes": 1000000000 } }""");
        Assert.Equal("$.data.classes", e.JsonPath);

        // Without "n" the default 200 examples must still hold every class.
        e = Refused("""{ "inputs": 2, "layers": [ { "units": 300, "activation": "softmax" } ], "loss": "cce", "data": { "dataset": "blobs", "classes": 300 } }""");
        Assert.Contains("200 examples (the default \"n\") is fewer than the 300 classes", e.Message);
    }

    [Fact]
    public void ACsvWhoseOneHotLabelsCannotFit_IsRefusedBeforeTheyAreEncoded()
    {
        string dir = Nabla.Tests.Data.TempFiles.Folder();
        File.WriteAllLines(Path.Combine(dir, "many.csv"), ["x,label", .. Enumerable.Range(0, 50_000).Select(i => $"{i % 7},c{i}")]);
        string spec = Path.Combine(dir, "spec.json");
        File.WriteAllText(spec, """{ "inputs": 1, "layers": [ { "units": 50000, "activation": "softmax" } ], "loss": "cce", "data": { "csv": "many.csv", "label": "label" }, "train": { "batch": 32 } }""");
        var e = Assert.Throws<NablaException>(() => SpecTrainer.Train(SpecReader.ReadFile(spec)));
        Assert.Contains("many.csv: with its 50000 examples, 50,000 examples of 50,000 values each", e.Message);
    }
}
