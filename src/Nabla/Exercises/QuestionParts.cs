namespace Nabla.Exercises;

/// <summary>The parts of a training step an exercise asks for.</summary>
[Flags]
public enum QuestionParts
{
    /// <summary>Nothing asked.</summary>
    None = 0,

    /// <summary>Z and A of every layer.</summary>
    Forward = 1,

    /// <summary>The loss.</summary>
    Loss = 2,

    /// <summary>dZ, dW and db of every layer.</summary>
    Backward = 4,

    /// <summary>The updated weights and biases.</summary>
    Update = 8,

    /// <summary>The whole step.</summary>
    All = Forward | Loss | Backward | Update,
}

/// <summary>Reads and names <see cref="QuestionParts"/>, and lists the quantities each part asks for.</summary>
public static class Questions
{
    /// <summary>Reads "forward,loss,backward,update" (any of them, in any order).</summary>
    public static QuestionParts Parse(string text)
    {
        var parts = QuestionParts.None;
        foreach (string word in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            parts |= word.ToLowerInvariant() switch
            {
                "forward" => QuestionParts.Forward,
                "loss" => QuestionParts.Loss,
                "backward" => QuestionParts.Backward,
                "update" => QuestionParts.Update,
                _ => throw new NablaException($"--ask: \"{word}\" is not a part of a step. Fix: name some of forward, loss, backward, update, separated by commas."),
            };
        }

        return parts == QuestionParts.None
            ? throw new NablaException("--ask names no part of the step. Fix: name some of forward, loss, backward, update, separated by commas.")
            : parts;
    }

    /// <summary>"forward, loss, backward, update" for the parts set.</summary>
    public static string Describe(QuestionParts parts) => string.Join(", ",
        new[] { QuestionParts.Forward, QuestionParts.Loss, QuestionParts.Backward, QuestionParts.Update }
            .Where(p => parts.HasFlag(p)).Select(p => p.ToString().ToLowerInvariant()));

    /// <summary>"the forward pass, the loss and the backward pass" for the parts set.</summary>
    public static string Prose(QuestionParts parts)
    {
        var words = new (QuestionParts Part, string Words)[]
        {
            (QuestionParts.Forward, "the forward pass"), (QuestionParts.Loss, "the loss"),
            (QuestionParts.Backward, "the backward pass (the gradients)"), (QuestionParts.Update, "the updated weights and biases"),
        }.Where(p => parts.HasFlag(p.Part)).Select(p => p.Words).ToList();
        return words.Count == 1 ? words[0] : string.Join(", ", words[..^1]) + " and " + words[^1];
    }

    /// <summary>
    /// The quantities asked for in one step of a network whose layers have biases as <paramref name="hasBias"/> says, in
    /// the order they are computed, under the explanation's names; biases only where the layer has one.
    /// </summary>
    public static IReadOnlyList<string> Names(QuestionParts parts, IReadOnlyList<bool> hasBias)
    {
        int layers = hasBias.Count;
        var names = new List<string>();
        if (parts.HasFlag(QuestionParts.Forward))
        {
            for (int l = 1; l <= layers; l++)
            {
                names.Add($"Z{l}");
                names.Add($"A{l}");
            }
        }

        if (parts.HasFlag(QuestionParts.Loss))
        {
            names.Add("loss");
        }

        if (parts.HasFlag(QuestionParts.Backward))
        {
            for (int l = layers; l >= 1; l--)
            {
                names.Add($"dZ{l}");
                names.Add($"dW{l}");
                if (hasBias[l - 1])
                {
                    names.Add($"db{l}");
                }
            }
        }

        if (parts.HasFlag(QuestionParts.Update))
        {
            for (int l = 1; l <= layers; l++)
            {
                names.Add($"W{l}_next");
                if (hasBias[l - 1])
                {
                    names.Add($"b{l}_next");
                }
            }
        }

        return names;
    }
}
