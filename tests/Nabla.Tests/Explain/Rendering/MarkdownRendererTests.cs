using Nabla.Explain.Documents;
using Nabla.Explain.Rendering;

namespace Nabla.Tests.Explain.Rendering;

public class MarkdownRendererTests
{
    private static string Inline(MathNode math, int decimals = 4) =>
        MarkdownRenderer.Render(new Document("T", [new Paragraph(new InlineMath(math))]), decimals);

    private static string Body(string markdown) => markdown["# T\n\n".Length..].TrimEnd('\n');

    [Fact]
    public void Symbol_WithSubAndSup()
    {
        Assert.Equal("$z_{1}^{(2)}$", Body(Inline(new Symbol("z", "1", "(2)"))));
    }

    [Fact]
    public void Fraction_AndPartialDerivative()
    {
        var dLdw = new Fraction(new Row(new Operator("∂"), new Symbol("L")), new Row(new Operator("∂"), new Symbol("w")));
        Assert.Equal(@"$\frac{\partial L}{\partial w}$", Body(Inline(dLdw)));
    }

    [Fact]
    public void Matrix_IsBmatrixWithOneRowPerLineInDisplay()
    {
        var matrix = new MatrixNode([[new Number(1), new Number(2)], [new Number(3), new Number(-4)]]);
        string markdown = MarkdownRenderer.Render(new Document("T", [new DisplayMath(new Row(new Symbol("A"), new Operator("="), matrix))]), 4);
        Assert.Equal("$$\nA = \\begin{bmatrix} 1 & 2 \\\\\n3 & -4 \\end{bmatrix}\n$$", Body(markdown));
    }

    [Fact]
    public void NegativeNumbers_UseAsciiMinus_AndDecimalsApply()
    {
        Assert.Equal("$-0.125$", Body(Inline(new Number(-0.125))));
        Assert.Equal("$0.574$", Body(Inline(new Number(0.574442516), decimals: 3)));
        Assert.Equal("$0.5744$", Body(Inline(new Number(0.574442516), decimals: 4)));
    }

    [Fact]
    public void Greek_Words_AndOperators_MapToLatex()
    {
        var row = new Row(
            new Symbol("a", "1"), new Operator("="), new Word("σ"), new Fenced(new Symbol("z", "1")), new Operator("⊙"),
            new Word("softmax"), new Fenced(new Symbol("δ"), "[", "]"), new Operator("·"), new Word("log"), new Symbol("η"), new Operator("≈"), new Symbol("ε"));
        Assert.Equal(
            @"$a_{1} = \sigma \left( z_{1} \right) \odot \operatorname{softmax} \left[ \delta \right] \cdot \log \eta \approx \varepsilon$",
            Body(Inline(row)));
    }

    [Fact]
    public void Transpose_SumWithLimits_AndHats()
    {
        var row = new Row(
            new Symbol("W", "1"), new Operator("ᵀ"), new Symbol("x", null, "2"), new Operator("ᵀ"), new Operator("←"),
            new Scripts(new Operator("Σ"), new Row(new Symbol("i"), new Operator("="), new Number(1)), new Symbol("n")), new Symbol("ŷ", "i"), new Symbol("σ′"));
        Assert.Equal(@"$W_{1}^{\top} {x^{2}}^{\top} \leftarrow \sum_{i = 1}^{n} \hat{y}_{i} \sigma'$", Body(Inline(row)));
    }

    [Fact]
    public void Scripts_GroupCompoundBases()
    {
        var exp = new Scripts(new Word("e"), null, new Row(new Operator("−"), new Symbol("z")));
        Assert.Equal(@"$\mathrm{e}^{- z}$", Body(Inline(exp)));
        var squared = new Scripts(new Fenced(new Row(new Symbol("y"), new Operator("−"), new Symbol("ŷ"))), null, new Number(2));
        Assert.Equal(@"$\left( y - \hat{y} \right)^{2}$", Body(Inline(squared)));
    }

    [Fact]
    public void Table_HasMathCells_AndEscapesPipes()
    {
        var table = new Table(
            [[new TextRun("name")], [new TextRun("value")]],
            [[[new InlineMath(new Symbol("w", "1"))], [new InlineMath(new Number(0.574442516))]], [[new TextRun("a|b")], [new TextRun("x")]]]);
        string markdown = MarkdownRenderer.Render(new Document("T", [table]), 3);
        Assert.Equal("| name | value |\n| --- | --- |\n| $w_{1}$ | $0.574$ |\n| a\\|b | x |", Body(markdown));
    }

    [Fact]
    public void Document_HeadingsTextAndFigure()
    {
        var doc = new Document("Forward pass", [
            new Heading(2, "Layer 1"),
            new Paragraph(new TextRun("Each *neuron* sums "), new InlineMath(new Symbol("x")), new TextRun(".")),
            new Figure("<svg/>", "x ─▶ y", "The network"),
        ]);
        Assert.Equal(
            "# Forward pass\n\n## Layer 1\n\nEach \\*neuron\\* sums $x$.\n\n```text\nx ─▶ y\n```\n\n*The network*\n",
            MarkdownRenderer.Render(doc, 4));
    }

    [Fact]
    public void EachDisplayLine_IsItsOwnBlock()
    {
        var doc = new Document("T", [new DisplayMath(new Symbol("a"), new Symbol("b"))]);
        Assert.Equal("$$\na\n$$\n\n$$\nb\n$$", Body(MarkdownRenderer.Render(doc, 4)));
    }
}
