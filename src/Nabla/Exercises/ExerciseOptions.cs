namespace Nabla.Exercises;

/// <summary>How a class's exercises are drawn and asked.</summary>
/// <param name="Seed">The seed every variant is drawn from (with the student's id).</param>
/// <param name="Ask">The parts of each step asked for.</param>
/// <param name="Steps">How many training steps the exercise follows.</param>
/// <param name="Decimals">The decimals answers are asked to.</param>
/// <param name="ByUnit">The W·x notation (every matrix transposed) on the sheet, in the key and the template.</param>
public sealed record ExerciseOptions(ulong Seed = 1, QuestionParts Ask = QuestionParts.All, int Steps = 1, int Decimals = 4, bool ByUnit = false)
{
    /// <summary>The most steps an exercise follows by hand.</summary>
    public const int MaxSteps = 5;

    /// <summary>Throws a plain message for settings out of range.</summary>
    public void Validate()
    {
        if (Steps is < 1 or > MaxSteps)
        {
            throw new NablaException($"--steps must be between 1 and {MaxSteps} for a hand exercise (got {Steps}).");
        }

        if (Decimals is < 1 or > 8)
        {
            throw new NablaException($"--decimals must be between 1 and 8 for a hand exercise (got {Decimals}).");
        }
    }
}
