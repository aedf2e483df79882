using Nabla.Onnx;
using Nabla.Specs;

namespace Nabla.Cli;

/// <summary>The model a command works on: a spec or model file, or an ONNX file (.onnx) read as one.</summary>
public static class ModelFile
{
    /// <summary>Reads <paramref name="path"/>: an ONNX file through <see cref="OnnxImporter"/>, anything else as a spec.</summary>
    public static ModelSpec Read(string path) =>
        IsOnnx(path) ? OnnxImporter.ReadFile(path) : SpecReader.ReadFile(path);

    /// <summary>As <see cref="Read"/>, for a command that needs the examples a spec's "data" gives, which an ONNX file has not.</summary>
    public static ModelSpec ReadWithData(string path, string command) => IsOnnx(path)
        ? throw new NablaException($"{path}: an ONNX file holds no data to {command} with. Fix: nabla import {Path.GetFileName(path)} -o spec.json, add a \"data\" section to spec.json, and {command} that.")
        : SpecReader.ReadFile(path);

    private static bool IsOnnx(string path) => path.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase);
}
