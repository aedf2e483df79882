using Nabla.Tensors;
using Nabla.Tensors.Kernels;

namespace Nabla.Tests.Tensors;

/// <summary>A prefetch only asks for cache lines: every range of rows, up to a view's last, is safe and changes nothing.</summary>
public class PrefetchTests
{
    [Fact]
    public void PrefetchingAnyRowsOfAView_ChangesNothing()
    {
        var big = new Matrix<float>(9, 37);
        for (int i = 0; i < big.Length; i++)
        {
            big.Span[i] = i * 0.5f;
        }

        var before = big.ToArray();
        var view = Matrix<float>.RowsOf(big, 2, 7); // (starts part-way into a cache line)
        for (int first = 0; first < view.Rows; first++)
        {
            for (int count = 0; first + count <= view.Rows; count++)
            {
                Prefetch.Rows(view, first, count);
            }
        }

        Prefetch.Rows(big, 0, big.Rows);
        Assert.Equal(before, big.ToArray());
    }
}
