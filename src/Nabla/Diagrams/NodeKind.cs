namespace Nabla.Diagrams;

/// <summary>What a node of a network diagram stands for.</summary>
public enum NodeKind
{
    /// <summary>An input x_j of the network.</summary>
    Input,

    /// <summary>A unit of a hidden layer.</summary>
    Hidden,

    /// <summary>A unit of the output layer.</summary>
    Output,

    /// <summary>The constant +1 whose weights are a layer's biases.</summary>
    Bias,

    /// <summary>"⋮": the units a wide layer leaves out of the picture.</summary>
    Ellipsis,
}
