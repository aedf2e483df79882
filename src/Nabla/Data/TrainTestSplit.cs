using Nabla.Numerics;

namespace Nabla.Data;

/// <summary>
/// A seeded split of the examples into a training part and a held-out test part: shuffle the
/// indices 0..m−1 once (Fisher–Yates, seeded), then hold out round(fraction · m) of them.
/// With class labels the split is stratified: the test places are shared among the classes in
/// proportion to their sizes m_c, so the test part has the classes in the proportions of the
/// whole. Both parts keep the shuffled order.
/// </summary>
public static class TrainTestSplit
{
    /// <summary>Splits <paramref name="count"/> examples into a training and a held-out part of about <paramref name="fraction"/>, shuffled with <paramref name="seed"/>; stratified by class when <paramref name="labels"/> are given.</summary>
    public static (int[] Train, int[] Test) Indices(int count, double fraction, ulong seed, IReadOnlyList<int>? labels = null)
    {
        if (fraction is < 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "The test fraction must be in [0, 1).");
        }

        var order = Enumerable.Range(0, count).ToArray();
        new SeededRandom(seed).Shuffle(order);

        // How many of each group go to the test part; without labels, everything is one group.
        int groups = labels is null || labels.Count == 0 ? 1 : labels.Max() + 1;
        var sizes = new int[groups];
        for (int i = 0; i < count; i++)
        {
            sizes[labels?[i] ?? 0]++;
        }

        int[] remaining = Apportion(sizes, fraction, (int)Math.Round(fraction * count, MidpointRounding.AwayFromZero));
        var train = new List<int>(count);
        var test = new List<int>();
        foreach (int i in order)
        {
            int g = labels?[i] ?? 0;
            if (remaining[g] > 0)
            {
                test.Add(i);
                remaining[g]--;
            }
            else
            {
                train.Add(i);
            }
        }

        return (train.ToArray(), test.ToArray());
    }

    /// <summary>
    /// Shares <paramref name="total"/> test places among groups in proportion to their sizes
    /// (largest remainder): each group gets ⌊fraction · m_c⌋, and the places left go to the
    /// groups with the largest fractional parts, the first group first on a tie.
    /// </summary>
    private static int[] Apportion(int[] sizes, double fraction, int total)
    {
        var share = sizes.Select(m => (int)Math.Floor(fraction * m)).ToArray();
        var byRemainder = Enumerable.Range(0, sizes.Length)
            .OrderByDescending(g => (fraction * sizes[g]) - share[g]).ThenBy(g => g).ToArray();
        for (int left = total - share.Sum(), k = 0; left > 0 && k < byRemainder.Length; left--, k++)
        {
            share[byRemainder[k]]++;
        }

        return share;
    }
}
