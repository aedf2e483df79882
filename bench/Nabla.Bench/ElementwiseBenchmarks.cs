using BenchmarkDotNet.Attributes;
using Nabla.Activations;
using Nabla.Tensors;

namespace Nabla.Bench;

/// <summary>The element-wise kernels of a step on a 64 × 256 batch: bias, relu and its derivative, SGD update.</summary>
[MemoryDiagnoser]
public class ElementwiseBenchmarks
{
    private readonly Matrix<float> z = new(64, 256);
    private readonly Matrix<float> a = new(64, 256);
    private readonly Matrix<float> dz = new(64, 256);
    private readonly Matrix<float> w = new(784, 256);
    private readonly Matrix<float> dw = new(784, 256);
    private readonly float[] bias = new float[256];
    private readonly Relu relu = new();
    private readonly Optimizers.Sgd<float> sgd = new(0.01);
    private Layers.Parameter<float>[] parameters = [];

    [GlobalSetup]
    public void Setup() => parameters = [new Layers.Parameter<float>("W", w, dw, () => true)];

    [Benchmark(Description = "Z += b (64×256)")]
    public void Bias() => RowVector.AddTo(z, bias);

    [Benchmark(Description = "A = relu(Z) (64×256)")]
    public void ReluForward() => relu.Forward(z, a);

    [Benchmark(Description = "dZ = dA ⊙ relu′(Z) (64×256)")]
    public void ReluBackward() => relu.Backward(z, a, a, dz);

    [Benchmark(Description = "db = Σ rows dZ (64×256)")]
    public void ColumnSums() => RowVector.ColumnSums(dz, bias);

    [Benchmark(Description = "W ← W − η·dW (784×256)")]
    public void SgdUpdate() => sgd.Step(parameters);
}
