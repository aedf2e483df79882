using Nabla.Data;
using Nabla.Tensors;

namespace Nabla.Tests.Data;

/// <summary>CSV cells and columns that once were read wrongly or lost a run.</summary>
public class HostileDataTests
{
    [Theory]
    [InlineData("0.1\0", "U+0000")]
    [InlineData("0.1\u0001", "U+0001")]
    [InlineData("\"0.1\0\"", "U+0000")]
    public void ACellWithAControlCharacter_IsRefusedWithItsLineAndColumn(string cell, string code)
    {
        var e = Assert.Throws<NablaException>(() => CsvData.Parse($"a,b\n{cell},1\n0.2,0\n", "d.csv", "b"));
        Assert.Contains("d.csv: line 2, column 1", e.Message);
        Assert.Contains(code, e.Message);
    }

    [Fact]
    public void ALabelWithANulCharacter_IsRefusedToo()
    {
        var e = Assert.Throws<NablaException>(() => CsvData.Parse("a,b\n0.1,x\0\n0.2,y\n", "d.csv", "b"));
        Assert.Contains("line 2, column 2", e.Message);
    }

    [Fact]
    public void TabsInsideACell_AreStillTrimmed()
    {
        var table = CsvData.Parse("a,b\n\t0.5\t,1\n0.2,0\n", "d.csv", "b");
        Assert.Equal(0.5, table.X[0, 0]);
    }

    [Fact]
    public void AByteOrderMark_IsNotPartOfTheFirstColumnName()
    {
        string path = TempFiles.Write("d.csv", "\uFEFFa,b\n0.1,1\n0.2,0\n");
        Assert.Equal("a", CsvData.Read(path, "b").Header[0]);
    }

    [Fact]
    public void AFileOverTheLimit_IsRefused()
    {
        if (!File.Exists("/dev/zero"))
        {
            return; // (not a Unix system)
        }

        var e = Assert.Throws<NablaException>(() => CsvData.Read("/dev/zero", "b"));
        Assert.Contains("larger than 512 MiB", e.Message);
    }

    [Fact]
    public void AColumnNearTheLargestDouble_GetsAFinitePositiveSigma()
    {
        var x = Matrix<double>.FromRows([[1e308, 1], [-1e308, 2], [1e308, 3], [-1e308, 4]]);
        var s = Standardization.Fit(x);
        Assert.Equal(0, s.Mean[0]);
        Assert.Equal(1e308, s.Std[0], 1e294);
        var z = s.Apply(x);
        Assert.Equal([1.0, -1, 1, -1], Enumerable.Range(0, 4).Select(i => Math.Round(z[i, 0], 12)));
        Assert.All(z.ToArray(), v => Assert.True(double.IsFinite(v)));
    }

    [Fact]
    public void AColumnOfTinyValues_GetsAPositiveSigma_NotZero()
    {
        var x = Matrix<double>.FromRows([[1e-200], [-1e-200]]);
        var s = Standardization.Fit(x);
        Assert.True(s.Std[0] > 0);
        var z = s.Apply(x);
        Assert.Equal(1, z[0, 0], 1e-12);
        Assert.Equal(-1, z[1, 0], 1e-12);
    }

    [Fact]
    public void OrdinaryColumns_KeepTheirExactPlainValues()
    {
        var x = Matrix<double>.FromRows([[1.5], [2.25], [-0.75]]);
        var s = Standardization.Fit(x);
        double mean = (1.5 + 2.25 + -0.75) / 3;
        Assert.Equal(mean, s.Mean[0]);
        Assert.Equal(Math.Sqrt((Math.Pow(1.5 - mean, 2) + Math.Pow(2.25 - mean, 2) + Math.Pow(-0.75 - mean, 2)) / 3), s.Std[0]);
    }

    [Fact]
    public void ToyNoise_IsBounded()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ToyDatasets.Moons(10, 1e308, 1));
        Assert.Equal(10, ToyDatasets.Moons(10, ToyDatasets.MaxNoise, 1).Labels.Length);
    }
}
