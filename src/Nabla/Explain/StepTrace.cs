using Nabla.Tensors;

namespace Nabla.Explain;

/// <summary>
/// Everything one training step computed, in double, under the names of the explanation
/// contract: X, Y, W{l}, b{l}, Z{l}, A{l}, loss, dA{l}, dAdZ{l} (f′(Z) of an element-wise
/// activation), dZ{l}, dW{l}, db{l}, dX, W{l}_next, b{l}_next, loss_next; for an update other than plain SGD also
/// the optimizer's quantities (eta, grad_norm, clip_factor, g_W{l}, decayed_W{l}, v_W{l}, v_W{l}_next, m_…, s_…,
/// mhat_W{l}, vhat_W{l}; the same for b{l}). Matrices are
/// row-major with examples as rows and weights n_in × n_out; a scalar is a 1 × 1 matrix.
/// </summary>
public sealed class StepTrace
{
    private readonly Dictionary<string, Matrix<double>> values = [];
    private readonly List<string> order = [];

    internal StepTrace(long step, int[] examples)
    {
        Step = step;
        Examples = examples;
    }

    /// <summary>The step number, from 1.</summary>
    public long Step { get; }

    /// <summary>Row numbers (from 0) of the examples in this step's batch, in batch order.</summary>
    public int[] Examples { get; }

    /// <summary>The epoch (from 0) the step belongs to, which a learning-rate schedule's η follows.</summary>
    public int Epoch { get; set; }

    /// <summary>True when the output layer's dZ came from a fused simplification (sigmoid + bce, softmax + cce).</summary>
    public bool Fused { get; set; }

    /// <summary>For each softmax layer l, one Jacobian ∂A/∂Z (n × n, entry [i, j] = ∂aⱼ/∂zᵢ) per example.</summary>
    public Dictionary<int, Matrix<double>[]> Jacobians { get; } = [];

    /// <summary>Quantity names in the order they were computed.</summary>
    public IReadOnlyList<string> Names => order;

    internal Matrix<double> this[string name] => values[name];

    internal bool Has(string name) => values.ContainsKey(name);

    /// <summary>The quantity called <paramref name="name"/> ("Z1", "dW2", "loss"), if the step computed one; false otherwise.</summary>
    public bool TryGet(string name, out Matrix<double> value) => values.TryGetValue(name, out value!);

    /// <summary>The scalar quantity (loss, loss_next).</summary>
    public double Scalar(string name) => values[name][0, 0];

    internal void Set(string name, Matrix<double> value)
    {
        if (!values.ContainsKey(name))
        {
            order.Add(name);
        }

        values[name] = value;
    }

    /// <summary>How many numbers the step holds (every quantity and Jacobian), to bound what a trace keeps.</summary>
    public long ValueCount =>
        values.Values.Sum(m => (long)m.Rows * m.Cols) + Jacobians.Values.Sum(js => js.Sum(j => (long)j.Rows * j.Cols));

    internal void SetScalar(string name, double value) => Set(name, Matrix<double>.FromRows([[value]]));
}
