using Nabla.Explain.Checking;

namespace Nabla.Tests.Explain.Checking;

public class PrecisionRuleTests
{
    private static WrittenNumber N(string text) => WrittenNumber.TryParse(text, out var n) ? n : throw new ArgumentException(text);

    [Theory]
    [InlineData("0.752", 0.7508690497, true)] // rounds to 0.751: within one unit of the last place
    [InlineData("0.751", 0.7508690497, true)]
    [InlineData("0.753", 0.7508690497, false)]
    [InlineData("0.123", 0.7227490429, false)]
    [InlineData("0.0008", 0.0007264534594, true)] // rounds to 0.0007, within ±1
    [InlineData("0.0009", 0.0007264534594, false)]
    [InlineData("-0.0023", -0.002351794627, true)]
    [InlineData("0.000294", -0.0005887041518, false)]
    [InlineData("1.2e-3", 0.00118, true)]
    [InlineData("3", 2.6, true)]
    [InlineData("3", 1.4, false)]
    public void RightWithinOneUnitOfTheWrittenPlace(string written, double truth, bool right) =>
        Assert.Equal(right, PrecisionRule.IsRight(N(written), truth));

    [Fact]
    public void ValuesRightOnlyWithinOneUnit_CarryANote()
    {
        Assert.Equal("(true value 0.7509 rounds to 0.751)", PrecisionRule.Note(N("0.752"), 0.7508690497));
        Assert.Null(PrecisionRule.Note(N("0.751"), 0.7508690497));
        Assert.Null(PrecisionRule.Note(N("0.123"), 0.7227490429));
    }

    [Fact]
    public void CandidatesMatchWithinTheWrittenUnit_OrHalfAPercent()
    {
        Assert.True(PrecisionRule.Explains(N("-0.011789"), -0.0117741, -0.0117741)); // the seed's own rounding, 0.13 % off
        Assert.False(PrecisionRule.Explains(N("-0.0118"), -0.0125, -0.0125));
        Assert.True(PrecisionRule.Explains(N("0.140"), 0.14046, 0.14046)); // within one unit
    }

    [Fact]
    public void DigitSlips_AreOneDigitOrASwap_NotTheLastDigit()
    {
        Assert.True(DigitSlip.Between(N("-0.2001913"), -0.2001413));
        Assert.True(DigitSlip.Between(N("0.123"), 0.7227));
        Assert.True(DigitSlip.Between(N("0.4053"), 0.4035));
        Assert.False(DigitSlip.Between(N("0.725"), 0.7227)); // last digit: rounding, not copying
        Assert.False(DigitSlip.Between(N("0.696"), 0.7109));
    }
}
