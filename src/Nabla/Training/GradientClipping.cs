using System.Numerics;
using Nabla.Layers;

namespace Nabla.Training;

/// <summary>
/// Clipping by the global gradient norm, as torch.nn.utils.clip_grad_norm_ does: ‖g‖ = √(Σ_p ‖g_p‖²) over every
/// trainable parameter p; when ‖g‖ exceeds c, every gradient is scaled by c/(‖g‖ + 10⁻⁶).
/// </summary>
public static class GradientClipping
{
    /// <summary>The 10⁻⁶ PyTorch adds to ‖g‖ before dividing.</summary>
    public const double Guard = 1e-6;

    /// <summary>‖g‖ = √(Σ_p ‖g_p‖²) over the trainable parameters, in double.</summary>
    public static double GlobalNorm<T>(IReadOnlyList<Parameter<T>> parameters)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        double sum = 0;
        foreach (var p in parameters)
        {
            if (p.Trainable)
            {
                double norm = Norm(p.Gradient.Span);
                sum += norm * norm; // (PyTorch takes each parameter's norm, then the norm of those)
            }
        }

        return Math.Sqrt(sum);
    }

    /// <summary>Scales the gradients so that ‖g‖ ≤ c; returns the factor applied (1 when none was needed).</summary>
    public static double Clip<T>(IReadOnlyList<Parameter<T>> parameters, double maxNorm)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        double factor = Factor(GlobalNorm(parameters), maxNorm);
        if (factor == 1)
        {
            return 1;
        }

        foreach (var p in parameters)
        {
            if (p.Trainable)
            {
                Scale(p.Gradient.Span, factor); // g ← g·c/(‖g‖ + 10⁻⁶)
            }
        }

        return factor;
    }

    /// <summary>The factor the gradients are scaled by: min(1, c/(‖g‖ + 10⁻⁶)) for ‖g‖ = <paramref name="norm"/> and c = <paramref name="maxNorm"/>.</summary>
    public static double Factor(double norm, double maxNorm) => Math.Min(1, maxNorm / (norm + Guard)); // c/(‖g‖ + 10⁻⁶)

    /// <summary>g ← g·<paramref name="factor"/>, the scaling <see cref="Clip"/> applies.</summary>
    internal static void Scale<T>(Span<T> g, double factor)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        System.Numerics.Tensors.TensorPrimitives.Multiply(g, T.CreateChecked(factor), g);

    private static double Norm<T>(ReadOnlySpan<T> g)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        double sum = 0;
        foreach (var v in g)
        {
            double d = double.CreateChecked(v);
            sum += d * d;
        }

        return Math.Sqrt(sum);
    }
}
