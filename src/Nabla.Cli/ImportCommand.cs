using System.CommandLine;
using Nabla.Onnx;
using Nabla.Specs;

namespace Nabla.Cli;

/// <summary>
/// `nabla import model.onnx -o spec.json`: reads a multilayer perceptron exported to ONNX (by
/// PyTorch, Keras or nabla export) and writes it as a Nabla model file, so predict, explain,
/// check and gradcheck can work with it.
/// </summary>
public static class ImportCommand
{
    public static Command Create()
    {
        var onnx = new Argument<FileInfo>("model") { Description = "The ONNX file: a chain of Gemm (or MatMul and Add) layers, each with Softmax or an element-wise activation (relu, leaky relu, elu, gelu, silu, softplus, sigmoid, tanh), however it is spelt." };
        var output = new Option<FileInfo>("--output", "-o") { Description = "The model file to write, e.g. spec.json.", Required = true };
        var command = new Command("import", "Read an ONNX multilayer perceptron (from PyTorch, Keras or nabla export) as a Nabla model file.")
        {
            onnx, output,
        };
        command.SetAction(parse => Run(parse.GetValue(onnx)!, parse.GetValue(output)!));
        return command;
    }

    public static int Run(FileInfo onnx, FileInfo output)
    {
        var spec = OnnxImporter.ReadFile(onnx.FullName);
        SpecWriter.WriteFile(spec, output.FullName);
        string layout = string.Join("-", spec.Layers.Select(l => l.Units).Prepend(spec.Inputs));
        Console.Error.WriteLine($"{layout} network ({string.Join(", ", spec.Layers.Select(l => l.Activation))}; {spec.Train.Precision}; loss {spec.Loss.Name}) written to {output.FullName}. Add a \"data\" section to train or explain it.");
        return CommandRunner.Ok;
    }
}
