using BenchmarkDotNet.Attributes;
using Nabla.Numerics;
using Nabla.Tensors;

namespace Nabla.Bench;

/// <summary>The GEMM kernel on the shapes a layer uses: Z = X·W, dW = Xᵀ·dZ, dX = dZ·Wᵀ.</summary>
[MemoryDiagnoser]
public class GemmBenchmarks
{
    private Matrix<float> a = null!, b = null!, c = null!, at = null!, bt = null!;
    private Matrix<double> ad = null!, bd = null!, cd = null!;

    /// <summary>m×k×n: a batch of 64 through a 784→256 layer, a 256³ block, and 1024³.</summary>
    [Params("64x784x256", "256x256x256", "1024x1024x1024")]
    public string Shape { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var dims = Shape.Split('x').Select(int.Parse).ToArray();
        int m = dims[0], k = dims[1], n = dims[2];
        var random = new SeededRandom(1);
        a = Fill(new Matrix<float>(m, k), random);
        b = Fill(new Matrix<float>(k, n), random);
        at = Fill(new Matrix<float>(k, m), random);
        bt = Fill(new Matrix<float>(n, k), random);
        c = new Matrix<float>(m, n);
        ad = Fill(new Matrix<double>(m, k), random);
        bd = Fill(new Matrix<double>(k, n), random);
        cd = new Matrix<double>(m, n);
    }

    [Benchmark(Description = "SGEMM C = A·B")]
    public void FloatAB() => Gemm.Multiply(a, b, c);

    [Benchmark(Description = "SGEMM C = Aᵀ·B")]
    public void FloatAtB() => Gemm.MultiplyTransposeA(at, b, c);

    [Benchmark(Description = "SGEMM C = A·Bᵀ")]
    public void FloatABt() => Gemm.MultiplyTransposeB(a, bt, c);

    [Benchmark(Description = "DGEMM C = A·B")]
    public void DoubleAB() => Gemm.Multiply(ad, bd, cd);

    private static Matrix<T> Fill<T>(Matrix<T> m, SeededRandom random)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var s = m.Span;
        for (int i = 0; i < s.Length; i++)
        {
            s[i] = T.CreateChecked(random.Uniform(-1, 1));
        }

        return m;
    }
}
