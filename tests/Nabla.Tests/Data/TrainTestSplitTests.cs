using Nabla.Data;

namespace Nabla.Tests.Data;

public class TrainTestSplitTests
{
    [Fact]
    public void Split_IsSeeded_DisjointAndComplete()
    {
        var (train, test) = TrainTestSplit.Indices(100, 0.2, seed: 3);
        var (train2, test2) = TrainTestSplit.Indices(100, 0.2, seed: 3);
        var (_, test3) = TrainTestSplit.Indices(100, 0.2, seed: 4);

        Assert.Equal(80, train.Length);
        Assert.Equal(20, test.Length);
        Assert.Equal(train, train2);
        Assert.Equal(test, test2);
        Assert.NotEqual(test, test3);
        Assert.Equal(Enumerable.Range(0, 100), train.Concat(test).Order());
        Assert.NotEqual(Enumerable.Range(0, 80), train); // shuffled
    }

    [Theory]
    [InlineData(10, 0.25, 3)] // round(2.5) = 3: halves round away from zero
    [InlineData(7, 0.5, 4)]
    [InlineData(150, 0.2, 30)]
    public void TestSize_IsTheRoundedFraction(int count, double fraction, int expected)
    {
        Assert.Equal(expected, TrainTestSplit.Indices(count, fraction, seed: 1).Test.Length);
    }

    [Fact]
    public void WithLabels_EachClassIsHeldOutInProportion()
    {
        // 60 of class 0, 30 of class 1, 10 of class 2; 20 % of each is 12, 6 and 2.
        int[] labels = [.. Enumerable.Repeat(0, 60), .. Enumerable.Repeat(1, 30), .. Enumerable.Repeat(2, 10)];
        var (train, test) = TrainTestSplit.Indices(100, 0.2, seed: 9, labels);
        Assert.Equal([12, 6, 2], Enumerable.Range(0, 3).Select(c => test.Count(i => labels[i] == c)));
        Assert.Equal([48, 24, 8], Enumerable.Range(0, 3).Select(c => train.Count(i => labels[i] == c)));

        // 7, 7 and 6 examples, 30 %: 6 test places in all (round(0.3 · 20)), shared 2.1, 2.1, 1.8 → 2, 2, 2.
        int[] uneven = [.. Enumerable.Repeat(0, 7), .. Enumerable.Repeat(1, 7), .. Enumerable.Repeat(2, 6)];
        var (_, held) = TrainTestSplit.Indices(20, 0.3, seed: 2, uneven);
        Assert.Equal([2, 2, 2], Enumerable.Range(0, 3).Select(c => held.Count(i => uneven[i] == c)));
    }

    [Fact]
    public void Dataset_Take_PicksRowsInOrder()
    {
        var set = new Dataset("d", Nabla.Tensors.Matrix<double>.FromArray(3, 2, 1, 2, 3, 4, 5, 6), Nabla.Tensors.Matrix<double>.FromArray(3, 1, 0, 1, 0));
        var picked = set.Take([2, 0]);
        Assert.Equal([5.0, 6, 1, 2], picked.X.ToArray());
        Assert.Equal([0.0, 0], picked.Y.ToArray());
        Assert.Equal("d", picked.Name);
    }
}
