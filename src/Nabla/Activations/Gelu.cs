using System.Numerics;
using Nabla.Numerics;
using Nabla.Tensors;

namespace Nabla.Activations;

/// <summary>
/// gelu(z) = z·Φ(z) with Φ(z) = ½(1 + erf(z/√2)), the exact form (PyTorch's default);
/// gelu′(z) = Φ(z) + z·φ(z) with φ(z) = e^(−z²/2)/√(2π).
/// </summary>
public sealed class Gelu : Activation
{
    private const double InverseSqrt2 = 0.70710678118654752;   // 1/√2
    private const double InverseSqrt2Pi = 0.39894228040143268; // 1/√(2π)

    /// <inheritdoc/>
    public override string Name => "gelu";

    /// <inheritdoc/>
    public override void Forward<T>(Matrix<T> z, Matrix<T> a) => EachElement(z, a);

    /// <inheritdoc/>
    public override T Apply<T>(T z) => z * T.CreateChecked(Cdf(double.CreateChecked(z)));

    /// <inheritdoc/>
    public override T Derivative<T>(T z, T a)
    {
        double x = double.CreateChecked(z);
        return T.CreateChecked(Cdf(x) + (x * InverseSqrt2Pi * Math.Exp(-x * x / 2))); // Φ(z) + z·φ(z)
    }

    /// <summary>Φ(x) = ½·erfc(−x/√2), which keeps its digits where Φ is small.</summary>
    private static double Cdf(double x) => 0.5 * Erf.Complement(-x * InverseSqrt2);
}
