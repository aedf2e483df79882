using System.Text;
using Nabla.Specs;

namespace Nabla.Tests.Specs;

/// <summary>Spec files whose JSON once crashed the reader or was read wrongly: a byte order mark, duplicate keys, bytes that are not UTF-8, lone surrogates, endless files.</summary>
public class SpecJsonTests
{
    private const string Net = "\"inputs\": 2, \"layers\": [ { \"units\": 1, \"activation\": \"sigmoid\" } ], \"loss\": \"bce\"";

    private static SpecException Refused(string json) => Assert.Throws<SpecException>(() => SpecReader.Parse(json, "s.json"));

    [Fact]
    public void AByteOrderMark_IsSkipped()
    {
        byte[] json = [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes($"{{ {Net} }}")];
        Assert.Equal(2, SpecReader.Parse(json, "s.json").Inputs);
    }

    [Fact]
    public void ADuplicateKey_IsRefused_NamingBothLines()
    {
        var e = Refused($$"""
            {
              "inputs": 2,
              "layers": [ { "units": 1 } ],
              "inputs": 3,
              "loss": "mse"
            }
            """);
        Assert.Equal("$.inputs", e.JsonPath);
        Assert.Equal(4, e.Line);
        Assert.Contains("lines 2 and 4", e.Message);
    }

    [Fact]
    public void ADuplicateKeyDeepInside_IsRefusedWithItsPath()
    {
        var e = Refused("""{ "inputs": 2, "layers": [ { "units": 1, "units": 2 } ], "loss": "mse" }""");
        Assert.Equal("$.layers[0].units", e.JsonPath);
    }

    [Fact]
    public void BytesThatAreNotUtf8_AreRefusedWithTheirPlace()
    {
        byte[] json = [.. "{ \"name\": \"a"u8, 0xFF, .. "\",\n \"inputs\": 2 }"u8];
        var e = Assert.Throws<SpecException>(() => SpecReader.Parse(json, "s.json"));
        Assert.Equal((1, 13), (e.Line, e.Column));
        Assert.Contains("0xFF is not UTF-8", e.Message);
    }

    [Fact]
    public void ALoneSurrogateEscape_IsRefused()
    {
        var e = Refused($$"""{ "name": "a\ud800", {{Net}} }""");
        Assert.Equal("$.name", e.JsonPath);
        Assert.Contains("lone surrogate", e.Message);
    }

    [Fact]
    public void ALoneSurrogateInAKey_IsRefused()
    {
        var e = Refused($$"""{ "\udc00": 1, {{Net}} }""");
        Assert.Contains("lone surrogate", e.Message);
    }

    [Fact]
    public void AFileOverTheLimit_IsRefusedWithoutReadingItAll()
    {
        if (!File.Exists("/dev/zero"))
        {
            return; // (not a Unix system)
        }

        var e = Assert.Throws<NablaException>(() => SpecReader.ReadFile("/dev/zero"));
        Assert.Contains("larger than 64 MiB", e.Message);
    }
}
