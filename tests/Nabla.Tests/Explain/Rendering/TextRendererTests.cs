using Nabla.Explain.Documents;
using Nabla.Explain.Rendering;

namespace Nabla.Tests.Explain.Rendering;

public class TextRendererTests
{
    private static string Render(int decimals, params Block[] blocks) => TextRenderer.Render(new Document("T", blocks), decimals);

    /// <summary>The rendered blocks without the title and its underline.</summary>
    private static string Body(string text) => text["T\n═\n\n".Length..].TrimEnd('\n');

    private static string Display(MathNode math, int decimals = 4) => Body(Render(decimals, new DisplayMath(math)));

    private static string Inline(MathNode math, int decimals = 4) => Body(Render(decimals, new Paragraph(new InlineMath(math))));

    [Fact]
    public void MatrixEquation_DrawsBracketsAndAlignsDecimalPoints()
    {
        var matrix = new MatrixNode([
            [new Number(0.3), new Number(0.5)],
            [new Number(0.7), new Number(1)],
            [new Number(-0.5), new Number(0.8)],
        ]);
        string expected = string.Join('\n',
            "       ⎡ 0.3  0.5⎤",
            "  Z₁ = ⎢ 0.7  1  ⎥",
            "       ⎣−0.5  0.8⎦");
        Assert.Equal(expected, Display(new Row(new Symbol("Z", "1"), new Operator("="), matrix)));
    }

    [Fact]
    public void SingleRowMatrix_UsesPlainBrackets_AndDecimals()
    {
        var matrix = new MatrixNode([[new Number(0.574442516), new Number(-2)]]);
        Assert.Equal("  x = [ 0.574  −2 ]", Display(new Row(new Symbol("x"), new Operator("="), matrix), decimals: 3));
    }

    [Fact]
    public void Fraction_IsStackedAndCentredOnItsBar()
    {
        var sigmoid = new Row(
            new Word("σ"), new Fenced(new Symbol("z")), new Operator("="),
            new Fraction(new Number(1), new Row(new Number(1), new Operator("+"), new Scripts(new Word("e"), null, new Row(new Operator("−"), new Symbol("z"))))));
        string expected = string.Join('\n',
            "             1",
            "  σ(z) = ──────────",
            "         1 + e^(−z)");
        Assert.Equal(expected, Display(sigmoid));
        Assert.Equal("σ(z) = 1/(1 + e^(−z))", Inline(sigmoid));
    }

    [Fact]
    public void PartialDerivative_AndTranspose()
    {
        var gradient = new Row(
            new Fraction(new Row(new Operator("∂"), new Symbol("L")), new Row(new Operator("∂"), new Symbol("W", "1"))),
            new Operator("="), new Symbol("δ", "1"), new Symbol("x"), new Operator("ᵀ"));
        string expected = string.Join('\n',
            "  ∂L",
            "  ─── = δ₁xᵀ",
            "  ∂W₁");
        Assert.Equal(expected, Display(gradient));
        Assert.Equal("∂L/∂W₁ = δ₁xᵀ", Inline(gradient));
    }

    [Fact]
    public void Fenced_GrowsWithItsContent()
    {
        var fenced = new Fenced(new Fraction(new Symbol("a"), new Row(new Symbol("b"), new Operator("+"), new Symbol("c"))));
        string expected = string.Join('\n',
            "  ⎛  a  ⎞",
            "  ⎜─────⎟",
            "  ⎝b + c⎠");
        Assert.Equal(expected, Display(fenced));
        Assert.Equal("  (a + b)", Display(new Fenced(new Row(new Symbol("a"), new Operator("+"), new Symbol("b")))));
    }

    [Fact]
    public void Scripts_UseUnicodeWhenEveryCharacterHasOne()
    {
        Assert.Equal("z₁⁽²⁾", Inline(new Symbol("z", "1", "(2)")));
        Assert.Equal("Wᵀ", Inline(new Symbol("W", null, "T")));
        Assert.Equal("wᵢⱼ", Inline(new Symbol("w", "ij")));
        Assert.Equal("wᵢⱼ⁽ˡ⁾", Inline(new Symbol("w", "ij", "(l)")));
        Assert.Equal("x⁻¹", Inline(new Scripts(new Symbol("x"), null, new Number(-1))));
        Assert.Equal("Σᵢ₌₁ⁿ", Inline(new Scripts(new Operator("Σ"), new Row(new Symbol("i"), new Operator("="), new Number(1)), new Symbol("n"))));
    }

    [Fact]
    public void Scripts_FallBackToCaretAndUnderscore()
    {
        Assert.Equal("e^(−z)", Inline(new Scripts(new Word("e"), null, new Row(new Operator("−"), new Symbol("z")))));
        Assert.Equal("a_b", Inline(new Symbol("a", "b")));
        Assert.Equal("x_(yz)^(2q)", Inline(new Symbol("x", "yz", "2q")));
        Assert.Equal("(a + b)²", Inline(new Scripts(new Row(new Symbol("a"), new Operator("+"), new Symbol("b")), null, new Number(2))));
    }

    [Fact]
    public void SumWithLimits_InDisplay()
    {
        var loss = new Row(
            new Symbol("L"), new Operator("="), new Operator("−"),
            new Scripts(new Operator("Σ"), new Row(new Symbol("i"), new Operator("="), new Number(1)), new Symbol("n")),
            new Symbol("y", "i"), new Word("log"), new Symbol("ŷ", "i"));
        string expected = string.Join('\n',
            "        n",
            "  L = − Σ yᵢ log ŷᵢ",
            "       i=1");
        Assert.Equal(expected, Display(loss));
    }

    [Fact]
    public void Headings_AreUnderlinedToTheirWidth()
    {
        string text = TextRenderer.Render(new Document("Forward pass", [new Heading(2, "Layer ŷ₁")]), 4);
        Assert.Equal("Forward pass\n════════════\n\nLayer ŷ₁\n────────\n", text);
    }

    [Fact]
    public void Table_HasRuleAndSeparators_NumbersRightAligned()
    {
        var table = new Table(
            [[new TextRun("epoch")], [new TextRun("loss")], [new TextRun("weight")]],
            [
                [[new TextRun("1")], [new InlineMath(new Number(0.693147))], [new InlineMath(new Symbol("w", "12"))]],
                [[new TextRun("10")], [new InlineMath(new Number(-0.05))], [new InlineMath(new Symbol("b"))]],
            ]);
        string expected = string.Join('\n',
            " epoch │  loss │ weight",
            "───────┼───────┼────────",
            "     1 │ 0.693 │ w₁₂",
            "    10 │ −0.05 │ b");
        Assert.Equal(expected, Body(Render(3, table)));
    }

    [Fact]
    public void Paragraph_AndFigure()
    {
        string text = Body(Render(4,
            new Paragraph(new TextRun("Output "), new InlineMath(new Symbol("ŷ")), new TextRun(" is near "), new InlineMath(new Number(-0.25))),
            new Figure("<svg/>", "x ─▶ y\n", "The network")));
        Assert.Equal("Output ŷ is near −0.25\n\nx ─▶ y\n\nThe network", text);
    }

    [Fact]
    public void DisplayLines_OneLineEquationsAreNotSpacedApart()
    {
        string text = Display(new Row(new Symbol("a"), new Operator("="), new Number(1)));
        Assert.Equal("  a = 1", text);
        string two = Body(Render(4, new DisplayMath(new Symbol("a"), new Symbol("b"))));
        Assert.Equal("  a\n  b", two);
    }
}
