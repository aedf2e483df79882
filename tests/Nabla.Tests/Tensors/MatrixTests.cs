using Nabla.Tensors;

namespace Nabla.Tests.Tensors;

public class MatrixTests
{
    [Fact]
    public void MoveTo_KeepsTheValuesAndTheObject_AndWritesGoToTheNewStorage()
    {
        var w = Matrix<double>.FromArray(2, 2, 1, 2, 3, 4);
        var storage = new double[7];
        w.MoveTo(storage, 3);

        Assert.Equal([1, 2, 3, 4], w.ToArray());
        Assert.Equal([0, 0, 0, 1, 2, 3, 4], storage);
        w[1, 0] = 30;
        storage[6] = 40;
        Assert.Equal([1, 2, 30, 40], w.ToArray());
        Assert.Equal([30.0, 40], w.Row(1).ToArray());
    }

    [Fact]
    public void RowsOf_SharesTheRows_AndShowRowsMovesTheView()
    {
        var x = Matrix<double>.FromArray(4, 2, 0, 1, 10, 11, 20, 21, 30, 31);
        var view = Matrix<double>.RowsOf(x, 1, 2);
        Assert.Equal([10.0, 11, 20, 21], view.ToArray());

        view.ShowRows(x, 3, 1);
        Assert.Equal(1, view.Rows);
        Assert.Equal([30.0, 31], view.ToArray());
        view[0, 1] = 99;
        Assert.Equal(99, x[3, 1]);

        Assert.Throws<ArgumentOutOfRangeException>(() => view.ShowRows(x, 3, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => view.SetRows(2));
    }
}
