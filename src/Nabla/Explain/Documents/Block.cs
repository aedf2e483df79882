namespace Nabla.Explain.Documents;

/// <summary>A piece of running text: plain words or inline math.</summary>
public abstract record Inline;

public sealed record TextRun(string Text) : Inline;

public sealed record InlineMath(MathNode Math) : Inline;

/// <summary>One block of a document: heading, paragraph, displayed equations, table or figure.</summary>
public abstract record Block;

public sealed record Heading(int Level, string Text) : Block;

public sealed record Paragraph(IReadOnlyList<Inline> Content) : Block
{
    public Paragraph(params Inline[] content)
        : this((IReadOnlyList<Inline>)content)
    {
    }
}

/// <summary>Displayed equations, one per line (each line is one equation or chain of equalities).</summary>
public sealed record DisplayMath(IReadOnlyList<MathNode> Lines) : Block
{
    public DisplayMath(params MathNode[] lines)
        : this((IReadOnlyList<MathNode>)lines)
    {
    }
}

/// <summary>A table whose cells are inline content; the first row is the header.</summary>
public sealed record Table(IReadOnlyList<IReadOnlyList<Inline>> Header, IReadOnlyList<IReadOnlyList<IReadOnlyList<Inline>>> Rows) : Block;

/// <summary>A picture with two forms: SVG markup (HTML) and a text sketch (Markdown and terminal).</summary>
public sealed record Figure(string Svg, string TextSketch, string Caption) : Block;

/// <summary>A whole document: a title and its blocks in order.</summary>
public sealed record Document(string Title, IReadOnlyList<Block> Blocks);
