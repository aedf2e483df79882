using System.Xml.Linq;
using Nabla.Explain.Documents;
using Nabla.Explain.Rendering;

namespace Nabla.Tests.Explain.Rendering;

public class HtmlRendererTests
{
    private const string Svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"20\" height=\"10\"><circle cx=\"5\" cy=\"5\" r=\"4\"/></svg>";

    private static readonly Document Sample = new("Forward <pass> & back", [
        new Heading(2, "Layer 1"),
        new Paragraph(new TextRun("Since a < b, "), new InlineMath(new Symbol("z", "1", "(2)")), new TextRun(" is small.")),
        new DisplayMath(
            new Row(new Symbol("Z", "1"), new Operator("="), new MatrixNode([[new Number(0.3), new Number(-0.574442516)], [new Number(0.7), new Number(1)]])),
            new Row(
                new Fraction(new Row(new Operator("∂"), new Symbol("L")), new Row(new Operator("∂"), new Symbol("w"))),
                new Operator("="), new Word("softmax"), new Fenced(new Symbol("x")), new Symbol("W"), new Operator("ᵀ"))),
        new Table([[new TextRun("name")], [new TextRun("value")]], [[[new InlineMath(new Symbol("w", "1"))], [new TextRun("<0.5")]]]),
        new Figure(Svg, "o─o", "The network"),
    ]);

    private static XElement Body(string html)
    {
        int start = html.IndexOf("<body>", StringComparison.Ordinal);
        int end = html.IndexOf("</body>", StringComparison.Ordinal) + "</body>".Length;
        return XElement.Parse(html[start..end]); // throws unless every element is closed and nested properly
    }

    [Fact]
    public void Page_IsSelfContainedHtml5()
    {
        string html = HtmlRenderer.Render(Sample, 3);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("<meta charset=\"utf-8\">", html, StringComparison.Ordinal);
        Assert.Contains("<title>Forward &lt;pass&gt; &amp; back</title>", html, StringComparison.Ordinal);
        Assert.Contains("<style>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Body_IsWellFormed_WithExpectedMathMl()
    {
        XElement body = Body(HtmlRenderer.Render(Sample, 3));
        var names = body.Descendants().Select(e => e.Name.LocalName).ToHashSet();
        foreach (string name in new[] { "math", "mfrac", "mtable", "mtr", "mtd", "msubsup", "msub", "msup", "mn", "mi", "mo", "table", "thead", "figure", "figcaption", "svg" })
        {
            Assert.Contains(name, names);
        }

        Assert.Equal(1, body.Descendants().Count(e => e.Name.LocalName == "math" && (string?)e.Attribute("display") is null && e.Parent?.Name == "p"));
        Assert.Equal(2, body.Descendants().Count(e => e.Name.LocalName == "math" && (string?)e.Attribute("display") == "block"));
    }

    [Fact]
    public void Fragment_IsThePagesBlocks_WithNoPageAround()
    {
        string page = HtmlRenderer.Render(Sample, 3);
        string fragment = HtmlRenderer.RenderFragment(Sample.Blocks, 3);
        Assert.DoesNotContain("<style>", fragment, StringComparison.Ordinal);
        Assert.DoesNotContain("<h1>", fragment, StringComparison.Ordinal);
        Assert.StartsWith("<h2>Layer 1</h2>\n", fragment, StringComparison.Ordinal);
        Assert.Contains("<h1>Forward &lt;pass&gt; &amp; back</h1>\n" + fragment + "</body>", page, StringComparison.Ordinal);
        XElement.Parse("<div>" + fragment + "</div>"); // well formed on its own
    }

    [Fact]
    public void Numbers_AreRoundedAndNegativesHaveAnOperatorMinus()
    {
        string html = HtmlRenderer.Render(Sample, 3);
        Assert.Contains("<mtd><mrow><mo>−</mo><mn>0.574</mn></mrow></mtd>", html, StringComparison.Ordinal);
        Assert.Contains("<mtd><mn>0.3</mn></mtd>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<mn>-", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<mn>−", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Symbols_Words_AndOperators()
    {
        string html = HtmlRenderer.Render(Sample, 3);
        Assert.Contains("<msubsup><mi>z</mi><mn>1</mn><mrow><mo>(</mo><mn>2</mn><mo>)</mo></mrow></msubsup>", html, StringComparison.Ordinal);
        Assert.Contains("<mfrac><mrow><mi mathvariant=\"normal\">∂</mi><mi>L</mi></mrow><mrow><mi mathvariant=\"normal\">∂</mi><mi>w</mi></mrow></mfrac>", html, StringComparison.Ordinal);
        Assert.Contains("<mi>softmax</mi><mo>&#x2061;</mo><mrow><mo>(</mo><mi>x</mi><mo>)</mo></mrow>", html, StringComparison.Ordinal);
        Assert.Contains("<msup><mi>W</mi><mi mathvariant=\"normal\">T</mi></msup>", html, StringComparison.Ordinal);
        Assert.Contains("<mrow><mtable class=\"matrix\"><mtr>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_IsEscaped()
    {
        string html = HtmlRenderer.Render(Sample, 3);
        Assert.Contains("<p>Since a &lt; b, <math>", html, StringComparison.Ordinal);
        Assert.Contains("<td>&lt;0.5</td>", html, StringComparison.Ordinal);
        Assert.Contains("<h1>Forward &lt;pass&gt; &amp; back</h1>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Figure_EmbedsTheSvgAsIs()
    {
        string html = HtmlRenderer.Render(Sample, 3);
        Assert.Contains("<figure>\n" + Svg + "\n<figcaption>The network</figcaption>\n</figure>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("o─o", html, StringComparison.Ordinal);
    }

    [Fact]
    public void SumWithLimits_UsesUnderOver()
    {
        var sum = new Scripts(new Operator("Σ"), new Row(new Symbol("i"), new Operator("="), new Number(1)), new Symbol("n"));
        string html = HtmlRenderer.Render(new Document("T", [new DisplayMath(sum)]), 4);
        Assert.Contains("<munderover><mo>∑</mo><mrow><mi>i</mi><mo>=</mo><mn>1</mn></mrow><mi>n</mi></munderover>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Hats_AndPrimes()
    {
        string html = HtmlRenderer.Render(new Document("T", [new Paragraph(new InlineMath(new Row(new Symbol("ŷ"), new Symbol("x\u0302"), new Word("σ′"))))]), 4);
        Assert.Contains("<mover accent=\"true\"><mi>y</mi><mo>^</mo></mover>", html, StringComparison.Ordinal);
        Assert.Contains("<mover accent=\"true\"><mi>x</mi><mo>^</mo></mover>", html, StringComparison.Ordinal);
        Assert.Contains("<msup><mi mathvariant=\"normal\">σ</mi><mo>′</mo></msup>", html, StringComparison.Ordinal);
    }
}
