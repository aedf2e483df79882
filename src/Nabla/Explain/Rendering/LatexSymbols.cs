using System.Globalization;
using System.Text;

namespace Nabla.Explain.Rendering;

/// <summary>
/// Unicode → LaTeX for the characters the explanations use. Output avoids backslash + ASCII
/// punctuation (\{, \|, \,) because GitHub's Markdown eats those escapes inside $$ blocks.
/// </summary>
internal static class LatexSymbols
{
    // Pairs "character LaTeX", separated by whitespace.
    private static readonly Dictionary<string, string> Chars = Pairs("""
        α \alpha  β \beta  γ \gamma  δ \delta  ε \varepsilon  ϵ \epsilon  ζ \zeta  η \eta
        θ \theta  ι \iota  κ \kappa  λ \lambda  μ \mu  ν \nu  ξ \xi  π \pi
        ρ \rho  σ \sigma  τ \tau  υ \upsilon  φ \varphi  ϕ \phi  χ \chi  ψ \psi
        ω \omega  Γ \Gamma  Δ \Delta  Θ \Theta  Λ \Lambda  Ξ \Xi  Π \Pi  Σ \Sigma
        Φ \Phi  Ψ \Psi  Ω \Omega  − -  · \cdot  ⋅ \cdot  ⊙ \odot  × \times
        ÷ \div  ← \leftarrow  → \to  ⇒ \Rightarrow  ↦ \mapsto  ≈ \approx  ≤ \le  ≥ \ge
        ≠ \ne  ≡ \equiv  ∝ \propto  ∈ \in  ∀ \forall  ± \pm  ∘ \circ  ⊗ \otimes
        ∂ \partial  ∇ \nabla  ∑ \sum  ∏ \prod  ∞ \infty  … \ldots  ⋯ \cdots  ⋮ \vdots
        ⋱ \ddots  ᵀ \top  ⊤ \top  ′ \prime  ″ \prime\prime  ℝ \mathbb{R}  ⟨ \langle  ⟩ \rangle
        √ \surd  ⊘ \oslash  ⌊ \lfloor  ⌋ \rfloor
        ‖ \Vert  | \vert  { \lbrace  } \rbrace  < \lt  > \gt  * \ast  ∗ \ast
        \ \backslash  % \text{%}  # \text{#}  & \text{&}  ~ \sim
        """);

    /// <summary>Marks that follow a name or operand: Wᵀ, σ′.</summary>
    private static readonly Dictionary<string, string> Postfix = Pairs("ᵀ ^{\\top}  ′ '  ″ ''");

    /// <summary>Combining accents (ŷ arrives as y + U+0302).</summary>
    private static readonly Dictionary<char, string> Accents = new()
    {
        ['\u0302'] = @"\hat",
        ['\u0304'] = @"\bar",
        ['\u0305'] = @"\bar",
        ['\u0303'] = @"\tilde",
        ['\u0307'] = @"\dot",
        ['\u20D7'] = @"\vec",
    };

    private static readonly HashSet<string> Functions =
        ["log", "ln", "exp", "max", "min", "sin", "cos", "tan", "tanh", "sinh", "cosh", "det", "sup", "inf", "lim", "arg"];

    /// <summary>An operator: Σ → \sum, ᵀ → ^{\top}, ′ → ', others through the character table.</summary>
    public static string Operator(string symbol) => symbol switch
    {
        "Σ" => @"\sum",
        "Π" => @"\prod",
        _ => Convert(symbol),
    };

    /// <summary>A function name or word: log → \log, softmax → \operatorname{softmax}, σ → \sigma, "for all" → \text{for all}.</summary>
    public static string Word(string text)
    {
        string primes = string.Concat(text.Reverse().TakeWhile(c => c == '′').Select(_ => "'"));
        string core = text[..^primes.Length];
        string latex;
        if (Functions.Contains(core))
        {
            latex = "\\" + core;
        }
        else if (core.Length > 1 && core.All(char.IsAsciiLetter))
        {
            latex = @"\operatorname{" + core + "}";
        }
        else if (core.Length == 1 && char.IsAsciiLetter(core[0]))
        {
            latex = @"\mathrm{" + core + "}";
        }
        else if (core.Length > 0 && !core.Any(c => char.IsWhiteSpace(c) || char.IsAsciiLetter(c)))
        {
            latex = Convert(core);
        }
        else
        {
            latex = @"\text{" + TextContent(core) + "}";
        }

        return latex + primes;
    }

    /// <summary>
    /// Symbol names and script text, character by character: σ → \sigma, ŷ → \hat{y}.
    /// In a script ᵀ is \top and ′ is \prime; in a name they are ^{\top} and '.
    /// </summary>
    public static string Convert(string text, bool script = false)
    {
        var builder = new StringBuilder();
        TextElementEnumerator elements = StringInfo.GetTextElementEnumerator(AccentedLetters.Decompose(text));
        while (elements.MoveNext())
        {
            string element = elements.GetTextElement();
            Append(builder, !script && Postfix.TryGetValue(element, out string? postfix) ? postfix : Element(element));
        }

        return builder.ToString();
    }

    /// <summary>Appends LaTeX, keeping a control word (\sigma) apart from a following letter.</summary>
    public static void Append(StringBuilder builder, string latex)
    {
        if (latex.Length > 0 && char.IsAsciiLetter(latex[0]) && EndsWithControlWord(builder))
        {
            builder.Append(' ');
        }

        builder.Append(latex);
    }

    private static string Element(string element)
    {
        if (Chars.TryGetValue(element, out string? latex))
        {
            return latex;
        }

        // A base letter followed by combining accents: y + U+0302 → \hat{y}.
        if (element.Length > 1 && Accents.ContainsKey(element[^1]))
        {
            string inner = Element(element[..^1]);
            return Accents[element[^1]] + "{" + inner + "}";
        }

        return element;
    }

    private static bool EndsWithControlWord(StringBuilder builder)
    {
        int i = builder.Length - 1;
        while (i >= 0 && char.IsAsciiLetter(builder[i]))
        {
            i--;
        }

        return i >= 0 && i < builder.Length - 1 && builder[i] == '\\' && (i == 0 || builder[i - 1] != '\\');
    }

    // Inside \text{…} MathJax shows characters literally; only braces and backslashes would break the group.
    private static string TextContent(string text) =>
        text.Replace("\\", "/", StringComparison.Ordinal).Replace("{", "(", StringComparison.Ordinal).Replace("}", ")", StringComparison.Ordinal);

    private static Dictionary<string, string> Pairs(string table)
    {
        string[] tokens = table.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i + 1 < tokens.Length; i += 2)
        {
            map[tokens[i]] = tokens[i + 1];
        }

        return map;
    }
}
