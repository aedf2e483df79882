using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Nabla.Tests.Cli;

namespace Nabla.Tests.Onnx;

/// <summary>`nabla export` through the real program: a model trained by `nabla train` runs in ONNX Runtime as `nabla predict` runs it.</summary>
public class ExportCommandTests
{
    [Fact]
    public void A_trained_model_exports_and_predicts_as_nabla_predict_does()
    {
        string dir = Directory.CreateTempSubdirectory("nabla-export").FullName;
        try
        {
            var train = CliProcess.Run("train", Examples.Path("iris.json"), "--out", Path.Combine(dir, "run"), "--epochs", "20");
            Assert.Equal(0, train.ExitCode);
            string model = Path.Combine(dir, "run", "model.json");
            string onnx = Path.Combine(dir, "iris.onnx");

            var export = CliProcess.Run("export", model, "-o", onnx, "--precision", "float32");
            var predict = CliProcess.Run("predict", model, "--x", "5.1,3.5,1.4,0.2;6.7,3.0,5.2,2.3");

            Assert.Equal(0, export.ExitCode);
            Assert.Contains(onnx, export.Error, StringComparison.Ordinal);
            Assert.Equal(0, predict.ExitCode);
            using var session = new InferenceSession(onnx);
            float[] x = [5.1f, 3.5f, 1.4f, 0.2f, 6.7f, 3.0f, 5.2f, 2.3f];
            using var results = session.Run([NamedOnnxValue.CreateFromTensor("x", new DenseTensor<float>(x, [2, 4]))]);
            float[] y = [.. results.Single().AsEnumerable<float>()];
            string[] classes = System.Text.Json.JsonSerializer.Deserialize<string[]>(session.ModelMetadata.CustomMetadataMap["classes"])!;
            string first = classes[Array.IndexOf(y[..3], y[..3].Max())];
            string second = classes[Array.IndexOf(y[3..], y[3..].Max())];
            string[] lines = predict.Out.Split('\n');
            Assert.Contains(lines, l => l.Contains(first, StringComparison.Ordinal) && l.Contains("5.1", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.Contains(second, StringComparison.Ordinal) && l.Contains("6.7", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void A_bad_model_file_is_one_message_and_exit_1()
    {
        string dir = Directory.CreateTempSubdirectory("nabla-export").FullName;
        try
        {
            string bad = Path.Combine(dir, "bad.json");
            File.WriteAllText(bad, "{ \"inputs\": 2, ");
            var r = CliProcess.Run("export", bad, "-o", Path.Combine(dir, "bad.onnx"));

            Assert.Equal(1, r.ExitCode);
            Assert.Contains("bad.json", r.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", r.Error, StringComparison.Ordinal);
            Assert.Equal([bad], Directory.GetFiles(dir));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
