namespace Nabla.Data;

/// <summary>
/// A spec's data, split: the examples to train on and the held-out test examples (null when
/// the spec asks for no test part). Both hold the inputs as read; with standardisation on,
/// the network sees <see cref="Standardization"/>.Apply(X), with statistics from Train alone.
/// Classes names the label columns (null for inline data, logic gates and numeric targets,
/// unless the spec itself lists "classes"). A validation part, when asked for, comes out of the training part.
/// </summary>
public sealed record DataSplit(Dataset Train, Dataset? Test, IReadOnlyList<string>? Classes, Standardization? Standardization = null)
{
    /// <summary>The validation examples, held out of the training part and measured every epoch (null: none).</summary>
    public Dataset? Validation { get; init; }

    /// <summary>The means that filled missing inputs ("missing": "mean"; null: none were allowed).</summary>
    public MeanImputation? Imputation { get; init; }

    /// <summary>The categories of the one-hot encoded input columns (CSV data with categorical columns; null: none).</summary>
    public OneHotEncoding? Categories { get; init; }

    /// <summary>The names of the input columns, in the order the network takes them (CSV data only; null otherwise).</summary>
    public IReadOnlyList<string>? InputNames { get; init; }

    /// <summary>Things the user should hear about how the data was read (a semicolon-separated file, say).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}
