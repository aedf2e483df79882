namespace Nabla.Specs;

/// <summary>
/// A problem in a spec file, told as "file:line:column: at $.path: what is wrong. Fix: what to do."
/// </summary>
public sealed class SpecException(string file, string jsonPath, int line, int column, string problem, string fix)
    : NablaException(Format(file, jsonPath, line, column, problem, fix))
{
    /// <summary>The spec file the problem is in.</summary>
    public string File { get; } = file;

    /// <summary>Where in the file, as a JSON path (e.g. $.layers[1].units).</summary>
    public string JsonPath { get; } = jsonPath;

    /// <summary>The line of the file (1-based), or 0 when unknown.</summary>
    public int Line { get; } = line;

    /// <summary>The column of the line (1-based), or 0 when unknown.</summary>
    public int Column { get; } = column;

    private static string Format(string file, string path, int line, int column, string problem, string fix)
    {
        string where = line > 0 ? $"{file}:{line}:{column}" : file;
        string at = string.IsNullOrEmpty(path) ? "" : $" at {path}:";
        return $"{where}:{at} {problem}. Fix: {fix}";
    }
}
