namespace Nabla.Explain.Documents;

/// <summary>A piece of running text: plain words or inline math.</summary>
public abstract record Inline;

/// <summary>Plain words in running text, written as they are (escaped for the format).</summary>
/// <param name="Text">The words.</param>
public sealed record TextRun(string Text) : Inline;

/// <summary>Math inside running text, on the line: $…$ in Markdown, inline MathML in HTML, one line in the terminal.</summary>
/// <param name="Math">The math to show.</param>
public sealed record InlineMath(MathNode Math) : Inline;

/// <summary>One block of a document: heading, paragraph, displayed equations, table or figure.</summary>
public abstract record Block;

/// <summary>
/// A heading: level 2 for a section (the network, a step, the gradient check), 3 for a part of a step (forward pass,
/// loss, backward pass, update), 4 for one layer within it. The title above them all is the <see cref="Document"/>'s own.
/// </summary>
/// <param name="Level">1 to 6, as HTML's h1–h6 and the number of # in Markdown (clamped to that range).</param>
/// <param name="Text">The heading's words.</param>
public sealed record Heading(int Level, string Text) : Block;

/// <summary>A paragraph of running text: words and inline math, in order.</summary>
/// <param name="Content">The pieces of the paragraph, in reading order.</param>
public sealed record Paragraph(IReadOnlyList<Inline> Content) : Block
{
    /// <summary>A paragraph of <paramref name="content"/>, in reading order.</summary>
    public Paragraph(params Inline[] content)
        : this((IReadOnlyList<Inline>)content)
    {
    }
}

/// <summary>Displayed equations, one per line (each line is one equation or chain of equalities).</summary>
public sealed record DisplayMath(IReadOnlyList<MathNode> Lines) : Block
{
    /// <summary>Displayed equations, <paramref name="lines"/> one per line.</summary>
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
