using Nabla.Training;

namespace Nabla.Data;

/// <summary>
/// A seeded split of the examples into a training part and a held-out test part: shuffle the
/// indices 0..m−1 once (Fisher–Yates, seeded), then hold out round(fraction · m) of them.
/// With class labels the split is stratified: round(fraction · m_c) of each class c, so the test
/// part has the classes in the same proportions as the whole. Both parts keep the shuffled order.
/// </summary>
public static class TrainTestSplit
{
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
        var remaining = new int[groups];
        for (int i = 0; i < count; i++)
        {
            remaining[labels?[i] ?? 0]++;
        }

        for (int g = 0; g < groups; g++)
        {
            remaining[g] = (int)Math.Round(fraction * remaining[g], MidpointRounding.AwayFromZero);
        }

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
}
