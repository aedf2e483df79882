using System.Numerics;
using Nabla.Numerics;
using Nabla.Tensors;

namespace Nabla.Training;

/// <summary>
/// Counts correct predictions: one output column is right when (ŷ ≥ ½) = (y ≥ ½);
/// several columns are right when argmax ŷ = argmax y.
/// </summary>
public static class Accuracy
{
    /// <summary>The number of rows whose prediction <paramref name="yHat"/> picks the class of <paramref name="y"/> (the same argmax, or for one column the same side of ½).</summary>
    public static int CountCorrect<T>(Matrix<T> yHat, Matrix<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int correct = 0;
        T half = T.CreateChecked(0.5);
        for (int i = 0; i < yHat.Rows; i++)
        {
            var p = yHat.Row(i);
            var t = y.Row(i);
            if (p.Length == 1)
            {
                correct += (p[0] >= half) == (t[0] >= half) ? 1 : 0;
            }
            else
            {
                correct += ArgMax.Of(p) == ArgMax.Of(t) ? 1 : 0;
            }
        }

        return correct;
    }
}
