using System.Numerics;
using Nabla.Activations;
using Nabla.Layers;
using Nabla.Losses;
using Nabla.Numerics;
using Nabla.Tensors;
using Nabla.Tensors.Kernels;

namespace Nabla;

/// <summary>
/// A stack of <see cref="Dense{T}"/> layers and a loss. Forward computes every Z and A;
/// Backward starts from dA_L = ∂L/∂A_L and walks down the layers, leaving dZ, dW, db and dX
/// in each layer's buffers.
/// </summary>
public sealed class Network<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Dense<T>[] layers;
    private readonly Parameter<T>[] parameters;
    private readonly ArraySegment<T> values;
    private readonly ArraySegment<T> gradients;
    private readonly int[] starts; // where each parameter starts in values and in gradients
    private readonly Func<Matrix<T>, Matrix<T>, T> lossValue;
    private readonly Action<Matrix<T>, Matrix<T>, Matrix<T>> lossGradient;
    private readonly FusedDelta fusedDelta;
    private Matrix<T> outputGradient;

    /// <summary>A network of <paramref name="layers"/> stacked on <paramref name="inputs"/> inputs, trained on <paramref name="loss"/>.</summary>
    public Network(int inputs, IReadOnlyList<Dense<T>> layers, Loss loss)
    {
        if (layers.Count == 0)
        {
            throw new ArgumentException("A network needs at least one layer.");
        }

        int width = inputs;
        var list = new List<Parameter<T>>();
        for (int l = 0; l < layers.Count; l++)
        {
            if (layers[l].Inputs != width)
            {
                throw new ArgumentException($"Layer {l + 1} expects {layers[l].Inputs} inputs, but {width} arrive.");
            }

            var layer = layers[l];
            width = layer.Units;
            list.Add(new Parameter<T>($"W{l + 1}", layer, isBias: false));
            if (layer.B is not null)
            {
                list.Add(new Parameter<T>($"b{l + 1}", layer, isBias: true));
            }
        }

        // θ: every parameter in order (W1, b1, W2, b2, …), and their gradients laid out the same way,
        // so that an update is one pass over two vectors and a snapshot of the weights is one copy.
        // Each large one starts on a cache line (see Aligned); the few values before it are zeros, in θ
        // and in its gradient alike, so an element-wise update leaves them zero.
        starts = new int[list.Count];
        int end = 0;
        for (int i = 0; i < list.Count; i++)
        {
            starts[i] = Aligned.Place<T>(end, list[i].Value.Length);
            end = starts[i] + list[i].Value.Length;
        }

        values = new(Aligned.Allocate<T>(end, out int at), at, end);
        gradients = new(Aligned.Allocate<T>(end, out at), at, end);
        for (int i = 0; i < list.Count; i++)
        {
            list[i].Value.MoveTo(values.Array!, values.Offset + starts[i]);
            list[i].Gradient.MoveTo(gradients.Array!, gradients.Offset + starts[i]);
        }

        Inputs = inputs;
        this.layers = [.. layers];
        parameters = [.. list];
        Layers = this.layers;
        Loss = loss;
        lossValue = loss.Value<T>; // bound once: calling Loss.Value<T> directly is a generic virtual dispatch every step
        lossGradient = loss.Gradient<T>;
        outputGradient = new Matrix<T>(0, width);
        fusedDelta = FusedDeltaOf(this.layers[^1].Activation, loss);
    }

    /// <summary>The number of inputs of each example.</summary>
    public int Inputs { get; }

    /// <summary>The number of outputs (the last layer's units).</summary>
    public int Outputs => Layers[^1].Units;

    /// <summary>The layers, from the input to the output.</summary>
    public IReadOnlyList<Dense<T>> Layers { get; }

    /// <summary>The loss the network is trained on.</summary>
    public Loss Loss { get; }

    /// <summary>
    /// Use the fused output deltas (sigmoid + bce ⇒ dZ = (A − Y)/N, softmax + cce ⇒ dZ = (P − Y)/m).
    /// When false, the general path dZ = dA ⊙ f′(Z) (or the softmax Jacobian) is used; both agree.
    /// </summary>
    public bool UseFusedOutputDelta { get; set; } = true;

    /// <summary>W1, b1, W2, b2, … in layer order (a layer without bias has no b).</summary>
    public IReadOnlyList<Parameter<T>> Parameters => parameters;

    /// <summary>Where parameter <paramref name="i"/> starts in the one vector of all parameters (see <see cref="FlatParameters"/>).</summary>
    internal int StartOf(int i) => starts[i];

    /// <summary>
    /// All parameters as one vector θ = (W1, b1, W2, b2, …) and their gradients laid out the same way,
    /// when every one is trainable and still stored there; otherwise null (a frozen parameter, or a
    /// layer since put into another network, which stores it in its own vector). Before each large
    /// parameter lie a few zeros (it starts on a cache line): an element-wise update of zero values by
    /// zero gradients leaves them zero.
    /// </summary>
    internal (ArraySegment<T> Values, ArraySegment<T> Gradients)? FlatParameters()
    {
        for (int i = 0; i < parameters.Length; i++)
        {
            var p = parameters[i];
            if (!p.Trainable || p.Value.Array != values.Array || p.Value.Offset != values.Offset + starts[i]
                || p.Gradient.Array != gradients.Array || p.Gradient.Offset != gradients.Offset + starts[i])
            {
                return null;
            }
        }

        return (values, gradients);
    }

    /// <summary>∂L/∂A_L of the last backward pass (empty when a fused path skipped it).</summary>
    public Matrix<T> OutputGradient => outputGradient;

    /// <summary>True when the last backward pass took a fused output path.</summary>
    public bool LastBackwardWasFused { get; private set; }

    /// <summary>Runs the batch through every layer and returns A_L (a buffer: copy it to keep it).</summary>
    public Matrix<T> Forward(Matrix<T> x)
    {
        var a = x;
        foreach (var layer in layers)
        {
            a = layer.Forward(a); // A_l = f(A_{l−1}·W_l + b_l)
        }

        return a;
    }

    /// <summary>
    /// The forward pass of a training step: as <see cref="Forward"/>, with inverted dropout on the output of each
    /// layer that has a dropout rate, its mask drawn from <paramref name="random"/> (null: each layer's last mask
    /// again, as a gradient check needs). Without dropout layers it is <see cref="Forward"/>.
    /// </summary>
    public Matrix<T> ForwardTraining(Matrix<T> x, SeededRandom? random)
    {
        var a = x;
        for (int l = 0; l < layers.Length; l++)
        {
            var layer = layers[l];
            a = layer.Forward(a);          // A_l = f(A_{l−1}·W_l + b_l)
            if (layer.Dropout > 0)
            {
                if (l == layers.Length - 1)
                {
                    throw new NablaException($"Layer {l + 1}, the output layer, has dropout {layer.Dropout}: dropout belongs on hidden layers only.");
                }

                layer.DropOut(random);     // A_l ← A_l ⊙ M_l
            }
        }

        return a;
    }

    /// <summary>Whether some layer drops units out while training.</summary>
    public bool HasDropout => layers.Any(l => l.Dropout > 0);

    /// <summary>L(A_L, Y) for the last forward pass.</summary>
    public T LossValue(Matrix<T> y) => lossValue(layers[^1].A, y);

    /// <summary>
    /// Backpropagation for the last forward pass: fills dZ, dW, db (and dX) of every layer.
    /// With <paramref name="computeInputGradient"/> the first layer also computes dX = ∂L/∂X.
    /// </summary>
    public void Backward(Matrix<T> y, bool computeInputGradient = false) => Backpropagate(y, computeInputGradient, descent: null);

    /// <summary>
    /// Backpropagation and a plain gradient-descent step in one pass, from the top layer down: each layer
    /// hands dX = dZ·Wᵀ down with its W as it was, then takes W ← W − η·dW and b ← b − η·db at once
    /// (α = −η), the large ones inside the dW product (see <see cref="Dense{T}.BackwardFromDelta(bool)"/>).
    /// The new parameters are exactly those of <see cref="Backward"/> followed by Sgd's update; the dW
    /// buffers of large layers are left without the gradient.
    /// </summary>
    internal void BackwardDescending(Matrix<T> y, T alpha) => Backpropagate(y, computeInputGradient: false, alpha);

    private void Backpropagate(Matrix<T> y, bool computeInputGradient, T? descent)
    {
        OutputDelta(y);
        for (int l = layers.Length - 1; l >= 0; l--)
        {
            if (l == 1 && !computeInputGradient && !layers[0].DroppedOut && layers[1].BackwardWithBottom(layers[0], descent, Gemm.Threads))
            {
                break; // the two bottom layers in one pass, split between cores by the first layer's units
            }

            var below = l > 0 ? layers[l - 1] : null;
            var fusable = below is { DroppedOut: false } ? below : null; // (a dropped-out layer's δ takes its mask: Delta)
            if (!layers[l].BackwardFromDelta(computeDx: l > 0 || computeInputGradient, descent, fusable) && below is not null)
            {
                below.Delta(layers[l].DX); // dA_{l−1} = dX_l, the gradient from the layer above: dZ_{l−1} = dA_{l−1} ⊙ f′(Z_{l−1})
            }                              // (unless layer l computed it already, inside its dX product)
        }
    }

    /// <summary>δ_L = ∂L/∂Z_L of the output layer into its dZ: fused with the loss where it can be, else dA_L ⊙ f′(Z_L).</summary>
    internal void OutputDelta(Matrix<T> y)
    {
        var output = layers[^1];
        LastBackwardWasFused = UseFusedOutputDelta && TryFusedDelta(output, y);
        if (LastBackwardWasFused)
        {
            outputGradient.SetRows(0);
        }
        else
        {
            Reserve(y.Rows);
            lossGradient(output.A, y, outputGradient); // dA_L = ∂L/∂A_L
            output.Delta(outputGradient);              // δ_L = dA_L ⊙ f′(Z_L)
        }
    }

    /// <summary>Makes every buffer hold at least m rows, so later steps allocate nothing.</summary>
    public void Reserve(int m)
    {
        foreach (var layer in layers)
        {
            layer.Reserve(m);
        }

        if (outputGradient.RowCapacity < m)
        {
            outputGradient = new Matrix<T>(m, Outputs);
        }
    }

    /// <summary>Runs the network on X and returns a fresh copy of the outputs.</summary>
    public Matrix<T> Predict(Matrix<T> x) => Forward(x).Clone();

    private bool TryFusedDelta(Dense<T> output, Matrix<T> y)
    {
        switch (fusedDelta)
        {
            case FusedDelta.SigmoidBce:
                ((BinaryCrossEntropy)Loss).SigmoidDelta(output.A, y, output.DZ);       // dZ = (A − Y) / N
                return true;
            case FusedDelta.SoftmaxCce:
                ((CategoricalCrossEntropy)Loss).SoftmaxDelta(output.A, y, output.DZ);  // dZ = (P − Y) / m
                return true;
            default:
                return false;
        }
    }

    /// <summary>Which output layer and loss pair has a fused delta (decided once: neither changes).</summary>
    private static FusedDelta FusedDeltaOf(Activation output, Loss loss) => (output, loss) switch
    {
        (Sigmoid, BinaryCrossEntropy) => FusedDelta.SigmoidBce,
        (Softmax, CategoricalCrossEntropy) => FusedDelta.SoftmaxCce,
        _ => FusedDelta.None,
    };

    private enum FusedDelta
    {
        None,
        SigmoidBce,
        SoftmaxCce,
    }
}
