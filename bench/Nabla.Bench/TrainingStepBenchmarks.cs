using BenchmarkDotNet.Attributes;
using Nabla.Activations;
using Nabla.Losses;
using Nabla.Numerics;
using Nabla.Optimizers;
using Nabla.Tensors;

namespace Nabla.Bench;

/// <summary>One training step (forward, loss, backward, SGD update) of the compare workloads' networks.</summary>
[MemoryDiagnoser]
public class TrainingStepBenchmarks
{
    private Network<double> xor = null!;
    private Sgd<double> xorSgd = null!;
    private Matrix<double> xorX = null!, xorY = null!;
    private Network<float> mlp = null!;
    private Sgd<float> mlpSgd = null!;
    private Matrix<float> mlpX = null!, mlpY = null!;

    [GlobalSetup]
    public void Setup()
    {
        xor = Workloads.Network<double>([2, 2, 1], new Relu(), new Sigmoid(), new BinaryCrossEntropy(), seed: 1, scale: 1.0);
        xorSgd = new Sgd<double>(0.5);
        xorX = Matrix<double>.FromArray(1, 2, 1, 0);
        xorY = Matrix<double>.FromArray(1, 1, 1);

        mlp = Workloads.Network<float>([784, 256, 128, 10], new Relu(), new Softmax(), new CategoricalCrossEntropy(), seed: 3, scale: 0);
        mlpSgd = new Sgd<float>(0.01);
        mlpX = new Matrix<float>(64, 784);
        mlpY = new Matrix<float>(64, 10);
        var random = new SeededRandom(2);
        for (int i = 0; i < 64; i++)
        {
            for (int j = 0; j < 784; j++)
            {
                mlpX[i, j] = (float)random.NextDouble();
            }

            mlpY[i, i % 10] = 1;
        }
    }

    [Benchmark(Description = "XOR 2-2-1, one example, float64")]
    public double XorStep()
    {
        xor.Forward(xorX);
        double loss = xor.LossValue(xorY);
        xor.Backward(xorY);
        xorSgd.Step(xor.Parameters);
        return loss;
    }

    [Benchmark(Description = "MLP 784-256-128-10, batch 64, float32")]
    public float MlpStep()
    {
        mlp.Forward(mlpX);
        float loss = mlp.LossValue(mlpY);
        mlp.Backward(mlpY);
        mlpSgd.Step(mlp.Parameters);
        return loss;
    }
}
