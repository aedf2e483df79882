namespace Nabla.Diagrams;

/// <summary>What a node of a network diagram stands for.</summary>
public enum NodeKind
{
    Input,
    Hidden,
    Output,

    /// <summary>The constant +1 whose weights are a layer's biases.</summary>
    Bias,

    /// <summary>"⋮": the units a wide layer leaves out of the picture.</summary>
    Ellipsis,
}
