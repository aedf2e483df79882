namespace Nabla.Explain.Checking;

/// <summary>The short names of the slips <c>nabla check</c> recognises.</summary>
internal static class Causes
{
    public const string Rounding = "rounding carried too early";
    public const string Sign = "sign slip";
    public const string Factor = "missing or extra factor";
    public const string Transposed = "transposed matrix";
    public const string PreActivation = "pre-activation used for activation (or the reverse)";
    public const string MatrixProduct = "matrix product used for an element-wise one";
    public const string DiagonalJacobian = "diagonal-only softmax Jacobian";
    public const string Digit = "digit slip";
    public const string Unknown = "no single usual slip explains it; recompute this value";
}
