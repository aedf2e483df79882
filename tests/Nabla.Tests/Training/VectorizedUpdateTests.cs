using System.Numerics;
using Nabla.Layers;
using Nabla.Numerics;
using Nabla.Optimizers;
using Nabla.Tensors;

namespace Nabla.Tests.Training;

/// <summary>
/// The optimizers update whole registers at a time, then the rest one element at a time: every element
/// must get the bits of the rule written out for one number, in float and in double, register part and tail alike.
/// </summary>
public class VectorizedUpdateTests
{
    private const int Length = 37; // several registers and a tail, in float and in double
    private const int Steps = 5;

    [Theory]
    [InlineData("momentum")]
    [InlineData("nesterov")]
    [InlineData("rmsprop")]
    [InlineData("rmsprop-momentum")]
    [InlineData("adagrad")]
    [InlineData("adam")]
    public void EachElement_GetsTheBitsOfTheScalarRule_InFloatAndDouble(string rule)
    {
        Compare<double>(rule);
        Compare<float>(rule);
    }

    private static void Compare<T>(string rule)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new SeededRandom(29);
        var w = new Matrix<T>(1, Length);
        var g = new Matrix<T>(1, Length);
        for (int i = 0; i < Length; i++)
        {
            w[0, i] = T.CreateChecked(random.Uniform(-1, 1));
        }

        var expected = w.Span.ToArray();
        var state = new T[3][];
        for (int s = 0; s < state.Length; s++)
        {
            state[s] = new T[Length];
        }

        var optimizer = Make<T>(rule);
        for (int step = 1; step <= Steps; step++)
        {
            for (int i = 0; i < Length; i++)
            {
                g[0, i] = T.CreateChecked(random.Uniform(-1, 1));
            }

            optimizer.Step([new Parameter<T>("θ", w, g, () => true)]);
            for (int i = 0; i < Length; i++)
            {
                expected[i] = Scalar<T>(rule, expected[i], g[0, i], state, i, step);
            }

            Assert.Equal(expected, w.Span.ToArray());
        }
    }

    private static Optimizer<T> Make<T>(string rule)
        where T : unmanaged, IFloatingPointIeee754<T> => rule switch
        {
            "momentum" => new Momentum<T>(0.1, 0.9),
            "nesterov" => new Momentum<T>(0.1, 0.9, nesterov: true),
            "rmsprop" => new RmsProp<T>(0.01, 0.99, 1e-8),
            "rmsprop-momentum" => new RmsProp<T>(0.01, 0.99, 1e-8, momentum: 0.9),
            "adagrad" => new Adagrad<T>(0.1, 1e-10),
            _ => new Adam<T>(0.01, 0.9, 0.999, 1e-8),
        };

    /// <summary>One element's update, written out as the textbook gives it (the state in s[0..2]).</summary>
    private static T Scalar<T>(string rule, T w, T g, T[][] s, int i, int step)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T C(double value) => T.CreateChecked(value);
        switch (rule)
        {
            case "momentum":
            case "nesterov":
                s[0][i] = (C(0.9) * s[0][i]) + g;                                                     // v ← μv + g
                return w - (C(0.1) * (rule == "nesterov" ? g + (C(0.9) * s[0][i]) : s[0][i]));          // w ← w − η·(v or g + μv)
            case "rmsprop":
            case "rmsprop-momentum":
                s[0][i] = (C(0.99) * s[0][i]) + ((T.One - C(0.99)) * g * g);                          // s ← αs + (1 − α)g²
                T scaled = g / (T.Sqrt(s[0][i]) + C(1e-8));
                if (rule == "rmsprop-momentum")
                {
                    s[1][i] = (C(0.9) * s[1][i]) + scaled;                                             // v ← μv + g/(√s + ε)
                    scaled = s[1][i];
                }

                return w - (C(0.01) * scaled);
            case "adagrad":
                s[0][i] += g * g;                                                                     // s ← s + g²
                return w - (C(0.1) * (g / (T.Sqrt(s[0][i]) + C(1e-10))));
            default:
                s[0][i] = (C(0.9) * s[0][i]) + ((T.One - C(0.9)) * g);                                // m ← β₁m + (1 − β₁)g
                s[1][i] = (C(0.999) * s[1][i]) + ((T.One - C(0.999)) * g * g);                        // v ← β₂v + (1 − β₂)g²
                T c1 = T.One - C(Math.Pow(0.9, step)), c2 = T.One - C(Math.Pow(0.999, step));
                return w - (C(0.01) * ((s[0][i] / c1) / (T.Sqrt(s[1][i] / c2) + C(1e-8))));          // w ← w − η·m̂/(√v̂ + ε)
        }
    }
}
