using Nabla.Explain.Checking;

namespace Nabla.Tests.Explain.Checking;

/// <summary>The seeds' hand calculations (examples/answers) checked against their specs.</summary>
internal static class SeedAnswers
{
    public static CheckReport Check(string name) =>
        AnswerChecker.Check(Examples.Load($"{name}.json"), AnswerFile.Read(Examples.Path($"answers/{name}.answers")));

    /// <summary>The checked values of one quantity, in the order written.</summary>
    public static List<CheckedValue> Of(this CheckReport report, string name) => report.Values.Where(v => v.Name == name).ToList();
}
