namespace Nabla.Optimizers;

/// <summary>
/// Sees the quantities of each update as the optimizer computes them (an explanation's trace does): the gradient g
/// its rule is given, the weights after decoupled decay, and the state after the step.
/// </summary>
internal interface IUpdateRecorder<T>
{
    /// <summary>
    /// <paramref name="values"/> of quantity <paramref name="name"/> for slot <paramref name="slot"/> (a parameter's index,
    /// or a chunk of the one vector of all parameters).
    /// </summary>
    void Record(int slot, string name, ReadOnlySpan<T> values);
}
