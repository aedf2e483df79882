namespace Nabla.Specs;

/// <summary>
/// The "data" section: inline x/y, a built-in data set (a logic gate or a seeded toy set),
/// or a CSV file; then how to prepare it: standardise the inputs, hold out a test part.
/// </summary>
public sealed record DataSpec
{
    /// <summary>The inputs written in the spec, one row per example (null when the data come from a data set or a CSV file).</summary>
    public double[][]? X { get; init; }

    /// <summary>The targets written in the spec, one row per example, beside <see cref="X"/>.</summary>
    public double[][]? Y { get; init; }

    /// <summary>A built-in: xor, or, and, nand, xnor, or a toy set: moons, circles, spirals, blobs.</summary>
    public string? Dataset { get; init; }

    /// <summary>A toy set's number of examples ("n"; null: 200).</summary>
    public int? Count { get; init; }

    /// <summary>A toy set's noise: the standard deviation of the Gaussian added to each coordinate (null: 0.1).</summary>
    public double? Noise { get; init; }

    /// <summary>A toy set's number of classes (spirals and blobs; null: 2).</summary>
    public int? Classes { get; init; }

    /// <summary>The seed a toy set is drawn with (null: train.seed).</summary>
    public ulong? Seed { get; init; }

    /// <summary>The CSV file, relative to the spec file's folder (or absolute).</summary>
    public string? Csv { get; init; }

    /// <summary>The CSV column to predict.</summary>
    public string? Label { get; init; }

    /// <summary>Standardise each input with the training part's mean and standard deviation.</summary>
    public bool Standardize { get; init; }

    /// <summary>The fraction of the examples held out for testing (null: none).</summary>
    public double? Test { get; init; }

    /// <summary>The fraction of the training part held out for validation, measured every epoch (null: none).</summary>
    public double? Validation { get; init; }

    /// <summary>"mean": empty input cells of the CSV are filled with the training part's column mean (null: an empty cell is an error).</summary>
    public string? Missing { get; init; }

    /// <summary>
    /// The CSV input columns that hold categories, one-hot encoded ("colour" becomes "colour=blue", "colour=red", …);
    /// null: none listed (an input column with a cell that is not a number is still read as categorical, and said so).
    /// </summary>
    public IReadOnlyList<string>? Categorical { get; init; }

    /// <summary>A validation file ("validation": { "csv": … }), its columns named as the training CSV's; null: none.</summary>
    public string? ValidationCsv { get; init; }

    /// <summary>Whether a validation part is measured every epoch (a fraction or a file).</summary>
    public bool HasValidation => Validation is not null || ValidationCsv is not null;

    /// <summary>The seed of the shuffle before the split (null: train.seed).</summary>
    public ulong? SplitSeed { get; init; }
}
