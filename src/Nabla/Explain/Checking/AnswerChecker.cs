using Nabla.Specs;

namespace Nabla.Explain.Checking;

/// <summary>
/// <c>nabla check SPEC ANSWERS</c>: runs the real trainer with the trace on (as <c>nabla explain</c>
/// does), marks each of the learner's values right or wrong at the precision written, traces wrong
/// values back to the learner's own earlier wrong values, and names the likely slip of the rest.
/// </summary>
public static class AnswerChecker
{
    /// <summary>
    /// Checks every value of <paramref name="file"/> against the steps the trainer takes on <paramref name="spec"/> (as many as
    /// the file's last <c>step</c> directive asks): right or wrong at the precision written, and for a wrong value either
    /// the learner's earlier wrong values it inherited or its likely slip.
    /// </summary>
    /// <exception cref="NablaException">When the file holds no values, or a line does not fit the network (a name it has not, a wrong shape or index, a step not run).</exception>
    public static CheckReport Check(ModelSpec spec, AnswerFile file)
    {
        if (file.Lines.Count == 0)
        {
            throw new NablaException(file.Blanks.Count > 0
                ? $"{file.File}: every quantity is left blank ({string.Join(", ", file.Blanks.Take(5))}{(file.Blanks.Count > 5 ? ", …" : "")}). Fix: write your values after the '=', e.g. \"{file.Blanks[0]} = 0.5\"; the lines you leave blank are not marked."
                : $"{file.File}: there are no values to check. Fix: write one quantity per line, e.g. \"loss = 0.090\" or \"A2 = 0.752, 0.770\".");
        }

        var explanation = Explainer.Run(spec, file.LastStep);
        var answers = AnswerBinder.Bind(file, explanation.Steps);
        var rules = new StepRules(spec);
        var byAnswer = new Dictionary<Answer, List<CheckedValue>>(); // one lookup, so the work grows with the lines, not their square
        var values = answers
            .SelectMany(a => a.Elements.Select(e => new CheckedValue(a, e, explanation.Steps[a.Step - 1][a.Name][e.Row, e.Col])))
            .ToList();
        foreach (var v in values)
        {
            if (!byAnswer.TryGetValue(v.Answer, out var same))
            {
                byAnswer[v.Answer] = same = [];
            }

            same.Add(v);
        }

        foreach (var group in values.GroupBy(v => v.Step))
        {
            var trace = explanation.Steps[group.Key - 1];
            var learner = new LearnerStep(trace, rules, group);
            var diagonal = rules.HasSoftmax ? new RecomputedStep(trace, rules, diagonalSoftmax: true) : null;
            var diagnoser = new Diagnoser(trace, rules, diagonal);
            foreach (var v in group.Where(v => !v.Right))
            {
                var inherited = Inheritance.Trace(v, learner, rules);
                v.OwnValue = inherited?.OwnValue;
                v.InheritedFrom = inherited?.From ?? [];
                if (!v.IsInherited)
                {
                    v.Diagnosis = diagnoser.Diagnose(v, byAnswer[v.Answer]);
                }
            }
        }

        return new CheckReport(spec.File, file.File, values) { Blanks = file.Blanks };
    }
}
