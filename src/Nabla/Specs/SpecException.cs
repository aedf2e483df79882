namespace Nabla.Specs;

/// <summary>
/// A problem in a spec file, told as "file:line:column: at $.path: what is wrong. Fix: what to do."
/// </summary>
public sealed class SpecException(string file, string jsonPath, int line, int column, string problem, string fix)
    : NablaException(Format(file, jsonPath, line, column, problem, fix))
{
    public string File { get; } = file;

    public string JsonPath { get; } = jsonPath;

    public int Line { get; } = line;

    public int Column { get; } = column;

    private static string Format(string file, string path, int line, int column, string problem, string fix)
    {
        string where = line > 0 ? $"{file}:{line}:{column}" : file;
        string at = string.IsNullOrEmpty(path) ? "" : $" at {path}:";
        return $"{where}:{at} {problem}. Fix: {fix}";
    }
}
