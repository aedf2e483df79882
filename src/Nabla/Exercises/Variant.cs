using Nabla.Explain;
using Nabla.Specs;

namespace Nabla.Exercises;

/// <summary>One student's exercise: its number in the class, its spec (the template with drawn numbers) and its computed steps.</summary>
public sealed record Variant(Student Student, int Number, ModelSpec Spec, Explanation Explanation);
