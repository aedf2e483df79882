namespace Nabla.Training;

/// <summary>
/// The area under the ROC curve of a binary classifier: the probability that a positive example
/// scores above a negative one, ties counting one half. By ranks (the Mann–Whitney U statistic):
/// AUC = (R₊ − n₊(n₊ + 1)/2) / (n₊·n₋), R₊ the sum of the positives' ranks, tied scores sharing
/// their mean rank — the value scikit-learn's roc_auc_score gives.
/// </summary>
public static class RocAuc
{
    /// <summary>The AUC of <paramref name="scores"/> (higher: more likely positive) against the labels; null when only one class occurs.</summary>
    public static double? Of(IReadOnlyList<double> scores, IReadOnlyList<bool> positive)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(positive);
        if (scores.Count != positive.Count)
        {
            throw new ArgumentException($"{scores.Count} scores but {positive.Count} labels.", nameof(positive));
        }

        long positives = positive.Count(p => p), negatives = positive.Count - positives;
        if (positives == 0 || negatives == 0)
        {
            return null;
        }

        int[] order = [.. Enumerable.Range(0, scores.Count).OrderBy(i => scores[i])];
        double rankSum = 0; // R₊
        for (int start = 0; start < order.Length;)
        {
            int end = start;
            while (end + 1 < order.Length && scores[order[end + 1]] == scores[order[start]])
            {
                end++;
            }

            double meanRank = ((start + 1) + (end + 1)) / 2.0; // ranks from 1; a tie shares the mean
            for (int k = start; k <= end; k++)
            {
                rankSum += positive[order[k]] ? meanRank : 0;
            }

            start = end + 1;
        }

        return (rankSum - (positives * (positives + 1) / 2.0)) / ((double)positives * negatives);
    }
}
