namespace Nabla.Specs;

/// <summary>
/// A spec (or model) file, as read: the network, its loss and monitors, the data and the
/// training settings. A model file is the same thing with the weights filled in and a history.
/// </summary>
public sealed record ModelSpec
{
    /// <summary>The name shown in titles and run folders.</summary>
    public string? Name { get; init; }

    /// <summary>n₀, the number of inputs of the first layer (after one-hot encoding).</summary>
    public int Inputs { get; init; }

    /// <summary>The layers from the first hidden one to the output layer.</summary>
    public IReadOnlyList<LayerSpec> Layers { get; init; } = [];

    /// <summary>The loss L the training minimises.</summary>
    public LossSpec Loss { get; init; } = new("mse", null);

    /// <summary>"accuracy" or the name of a loss to record beside the training loss.</summary>
    public IReadOnlyList<string> Metrics { get; init; } = [];

    /// <summary>Where the examples come from and how they are prepared (null: none, as a model file to predict with may have).</summary>
    public DataSpec? Data { get; init; }

    /// <summary>The class names, in the order of the output units (model files only; null for numeric targets).</summary>
    public IReadOnlyList<string>? Classes { get; init; }

    /// <summary>The names of the input columns, in the order the first layer takes them (model files trained on a CSV; null otherwise).</summary>
    public IReadOnlyList<string>? InputNames { get; init; }

    /// <summary>The μ and σ the inputs are standardised with before the first layer (model files only).</summary>
    public Data.Standardization? Standardization { get; init; }

    /// <summary>The training part's input means that fill missing inputs ("imputation" in a model file; null: none).</summary>
    public Data.MeanImputation? Imputation { get; init; }

    /// <summary>The categories of each categorical input column, for one-hot encoding new inputs ("categories" in a model file; null: none).</summary>
    public Data.OneHotEncoding? Categories { get; init; }

    /// <summary>The "train" section: optimizer, learning rate, epochs, batch and the rest.</summary>
    public TrainSpec Train { get; init; } = new();

    /// <summary>Column name → one value per epoch (model files only).</summary>
    public IReadOnlyDictionary<string, double[]>? History { get; init; }

    /// <summary>What the run that wrote this model did (model files only).</summary>
    public RunSummary? Result { get; init; }

    /// <summary>The file this spec was read from, for messages.</summary>
    public string File { get; init; } = "<spec>";

    /// <summary>The same spec with each layer replaced by <paramref name="change"/>(layer, index from 0).</summary>
    public ModelSpec WithLayers(Func<LayerSpec, int, LayerSpec> change) => this with { Layers = [.. Layers.Select(change)] };
}

/// <summary>One Dense layer. Weights are n_in × n_out; a null means "initialise by Init".</summary>
public sealed record LayerSpec
{
    /// <summary>n_l, the number of units of the layer.</summary>
    public int Units { get; init; }

    /// <summary>The activation f of the layer by name (relu, sigmoid, softmax, …).</summary>
    public string Activation { get; init; } = "identity";

    /// <summary>leaky_relu's slope for z &lt; 0.</summary>
    public double? Alpha { get; init; }

    /// <summary>W as n_in rows of n_out; null means "initialise by Init".</summary>
    public double[][]? Weights { get; init; }

    /// <summary>False for a layer without bias ("bias": false).</summary>
    public bool HasBias { get; init; } = true;

    /// <summary>The bias values; null means zeros.</summary>
    public double[]? Bias { get; init; }

    /// <summary>False to freeze the layer's weights (and, unless TrainBias says otherwise, its bias).</summary>
    public bool Trainable { get; init; } = true;

    /// <summary>Whether the bias trains (by default as the weights do).</summary>
    public bool TrainBias { get; init; } = true;

    /// <summary>p of inverted dropout on this layer's output while training; 0 for none.</summary>
    public double Dropout { get; init; }

    /// <summary>The initialiser for missing weights, e.g. "xavier" or "normal(0.01)"; null = the default.</summary>
    public string? Init { get; init; }
}

/// <summary>The loss by name, its reduction when the spec overrides the name's default, and Huber's δ when given.</summary>
public sealed record LossSpec(string Name, Losses.Reduction? Reduction, double? Delta = null);

/// <summary>The "train" section.</summary>
public sealed record TrainSpec
{
    /// <summary>The optimizer by name: sgd, momentum, nesterov, adam, adamw, rmsprop, adagrad.</summary>
    public string Optimizer { get; init; } = "sgd";

    /// <summary>η, the learning rate.</summary>
    public double LearningRate { get; init; } = 0.1;

    /// <summary>The number of passes over the training examples.</summary>
    public int Epochs { get; init; } = 1000;

    /// <summary>Examples per step; 0 = "full".</summary>
    public int Batch { get; init; }

    /// <summary>Whether the examples are shuffled before each epoch.</summary>
    public bool Shuffle { get; init; }

    /// <summary>The seed of the initial weights a spec leaves out, shuffling, dropout masks, toy data sets and the test split.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>"float64" (default) or "float32".</summary>
    public string Precision { get; init; } = "float64";

    /// <summary>μ for momentum and nesterov.</summary>
    public double Momentum { get; init; } = 0.9;

    /// <summary>Adam's β₁, the decay of the first moment.</summary>
    public double Beta1 { get; init; } = 0.9;

    /// <summary>Adam's β₂, the decay of the second moment.</summary>
    public double Beta2 { get; init; } = 0.999;

    /// <summary>ε of Adam, AdamW and RMSprop (1e-8 unless given) and of Adagrad (1e-10 unless given).</summary>
    public double Epsilon { get; init; } = 1e-8;

    /// <summary>RMSprop's α, the decay of its running mean of g² (PyTorch's default 0.99).</summary>
    public double Alpha { get; init; } = 0.99;

    /// <summary>λ of weight decay: L2 added to the gradient (g ← g + λ·w), or decoupled for adamw (0.01 unless given, as PyTorch).</summary>
    public double WeightDecay { get; init; }

    /// <summary>Whether weight decay reaches the biases (true unless "decay_bias": false).</summary>
    public bool DecayBias { get; init; } = true;

    /// <summary>c of gradient clipping by the global norm (0: none).</summary>
    public double ClipNorm { get; init; }

    /// <summary>The learning rate per epoch ("lr_schedule"; null: constant).</summary>
    public Training.LearningRateSchedule? Schedule { get; init; }

    /// <summary>When to stop before the last epoch ("early_stopping"; null: never).</summary>
    public Training.EarlyStopping? EarlyStopping { get; init; }

    /// <summary>The optimizers a spec may name.</summary>
    public static readonly string[] Optimizers = ["sgd", "momentum", "nesterov", "adam", "adamw", "rmsprop", "adagrad"];

    /// <summary>ε unless the spec gives it: 1e-10 for Adagrad, 1e-8 for the others (PyTorch's defaults).</summary>
    public static double DefaultEpsilon(string optimizer) => optimizer == "adagrad" ? 1e-10 : 1e-8;

    /// <summary>λ unless the spec gives it: 0.01 for AdamW, 0 for the others (PyTorch's defaults).</summary>
    public static double DefaultWeightDecay(string optimizer) => optimizer == "adamw" ? 0.01 : 0;

    /// <summary>
    /// The same settings trained by <paramref name="optimizer"/> instead (a comparison of optimizers): ε and λ that
    /// were the old optimizer's defaults become the new one's; values the spec chose stay.
    /// </summary>
    public TrainSpec WithOptimizer(string optimizer) => this with
    {
        Optimizer = optimizer,
        Epsilon = Epsilon == DefaultEpsilon(Optimizer) ? DefaultEpsilon(optimizer) : Epsilon,
        WeightDecay = WeightDecay == DefaultWeightDecay(Optimizer) ? DefaultWeightDecay(optimizer) : WeightDecay,
    };

    /// <summary>Plain SGD, W ← W − η·dW with a constant η: no weight decay, clipping or schedule.</summary>
    public bool IsPlainSgd => Optimizer == "sgd" && WeightDecay == 0 && ClipNorm == 0 && Schedule is null;

    /// <summary>Weight decay, the schedule, clipping and early stopping, in words (empty when the run uses none).</summary>
    public string Extras()
    {
        var parts = new List<string>();
        if (WeightDecay != 0)
        {
            parts.Add(FormattableString.Invariant($"weight decay λ = {WeightDecay:R}") + (Optimizer == "adamw" ? " (decoupled)" : "") + (DecayBias ? "" : ", biases not decayed"));
        }

        if (Schedule is { } schedule)
        {
            parts.Add($"learning-rate schedule: {schedule.Describe()}");
        }

        if (ClipNorm > 0)
        {
            parts.Add(FormattableString.Invariant($"gradient norm clipped to {ClipNorm:R}"));
        }

        if (EarlyStopping is { } stopping)
        {
            parts.Add($"early stopping on {stopping.Monitor} (patience {stopping.Patience}" + (stopping.RestoreBest ? ", best epoch kept)" : ")"));
        }

        return string.Join("; ", parts);
    }
}

/// <summary>
/// How a training run ended, as stored in a model file. Test holds the loss and metrics on the
/// held-out test examples ("loss", "accuracy", …), written as "test_loss", "test_accuracy", ….
/// </summary>
public sealed record RunSummary(int EpochsRun, long Steps, double FinalLoss, bool Diverged, string? Message, IReadOnlyDictionary<string, double>? Test = null)
{
    /// <summary>The epoch whose weights the model keeps when early stopping restored the best (null: the last run).</summary>
    public int? KeptEpoch { get; init; }
}
