using System.CommandLine;
using Nabla.Onnx;
using Nabla.Specs;

namespace Nabla.Cli;

/// <summary>
/// `nabla export MODEL -o model.onnx [--precision float32|float64]`: writes a model (or spec)
/// file's network as ONNX, for ONNX Runtime, ML.NET or any other runtime to serve.
/// </summary>
public static class ExportCommand
{
    public static Command Create()
    {
        var model = new Argument<FileInfo>("model") { Description = "The model file (from nabla train) or spec file to export." };
        var output = new Option<FileInfo>("--output", "-o") { Description = "The ONNX file to write, e.g. model.onnx.", Required = true };
        var format = new Option<string>("--format") { Description = "The file format: onnx.", DefaultValueFactory = _ => "onnx" };
        format.AcceptOnlyFromAmong("onnx");
        var precision = new Option<string?>("--precision") { Description = "float32 or float64. Default: the precision the model was trained in." };
        precision.AcceptOnlyFromAmong("float32", "float64");
        var command = new Command("export", "Write the network as ONNX (standard operators; the standardisation included, so raw inputs go in; class names as metadata).")
        {
            model, output, format, precision,
        };
        command.SetAction(parse => Run(parse.GetValue(model)!, parse.GetValue(output)!, parse.GetValue(precision)));
        return command;
    }

    public static int Run(FileInfo modelFile, FileInfo output, string? precision)
    {
        var model = SpecReader.ReadFile(modelFile.FullName);
        OnnxExporter.Write(model, output.FullName, precision);
        string used = precision ?? model.Train.Precision;
        Console.Error.WriteLine($"ONNX model (opset {OnnxExporter.Opset}, {used}, input \"x\" batch × {model.Inputs}, output \"y\" batch × {model.Layers[^1].Units}) written to {output.FullName}");
        return CommandRunner.Ok;
    }
}
