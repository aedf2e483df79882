using System.Globalization;
using Nabla.Explain;
using Nabla.Explain.Checking;
using Nabla.Specs;

namespace Nabla.Tests.Explain.Checking;

/// <summary>Each usual slip, made on purpose in seed 001's step (default notation) and recognised.</summary>
public class SlipDiagnosisTests
{
    private static readonly StepTrace Step = Explainer.Run(Examples.Load("seed-001-or-sigmoid.json")).Steps[0];

    private static CheckReport Check(string answers, string spec = "seed-001-or-sigmoid.json") =>
        AnswerChecker.Check(Examples.Load(spec), AnswerFile.Parse(answers, "test.answers"));

    private static Diagnosis Single(string answers) => Assert.Single(Check(answers).Values, v => !v.Right).Diagnosis!;

    private static string F(double x) => x.ToString("0.000000", CultureInfo.InvariantCulture);

    [Fact]
    public void SignSlip() => Assert.Equal([Causes.Sign], Single("dW2[1,1] = 0.00018").Causes);

    [Fact]
    public void TransposedMatrix_ElementAndWhole()
    {
        var square = Check("W1 = 0.20, 0.40; 0.30, 0.50").Values.Where(v => !v.Right).ToList();
        Assert.Equal(2, square.Count);
        Assert.All(square, v => Assert.Equal([Causes.Transposed], v.Diagnosis!.Causes));

        // A1 is 4 × 2; these are the 8 values of A1ᵀ read row by row.
        var whole = Check("A1 = 0.574, 0.668, 0.622, 0.711, 0.622, 0.731, 0.690, 0.786").Values;
        Assert.Contains(whole, v => !v.Right);
        Assert.All(whole.Where(v => !v.Right), v => Assert.Equal([Causes.Transposed], v.Diagnosis!.Causes));
    }

    [Fact]
    public void PreActivationForActivation_AndTheReverse()
    {
        Assert.Equal([Causes.PreActivation], Single("A2[1,1] = 1.103").Causes);
        Assert.Equal([Causes.PreActivation], Single("Z1[4,1] = 0.711").Causes);

        // dW2 computed with Z1 in place of A1.
        double withZ = Enumerable.Range(0, 4).Sum(i => Step["Z1"][i, 0] * Step["dZ2"][i, 0]);
        Assert.Equal([Causes.PreActivation], Single($"dW2[1,1] = {F(withZ)}").Causes);

        // σ′ evaluated at A2 instead of Z2.
        double a = Step["A2"][0, 0];
        double s = 1 / (1 + Math.Exp(-a));
        Assert.Equal([Causes.PreActivation], Single($"dAdZ2[1,1] = {F(s * (1 - s))}").Causes);
    }

    [Fact]
    public void MissingFactorHalf_AndRounding_AndNothingKnown()
    {
        var half = Single("loss = 0.1807"); // the MSE, without the ½
        Assert.Equal([Causes.Factor], half.Causes);
        Assert.Equal("missing factor ½", half.Detail);

        Assert.Equal([Causes.Rounding], Single("A2[1,1] = 0.749").Causes);
        Assert.Equal([Causes.Unknown], Single("loss = 0.5").Causes);
    }

    [Fact]
    public void UpdateWithTheStepAdded_IsASignSlip()
    {
        double added = (2 * Step["W2"][0, 0]) - Step["W2_next"][0, 0];
        var d = Single($"W2_next[1,1] = {added.ToString("0.0000000", CultureInfo.InvariantCulture)}");

        Assert.Equal([Causes.Sign], d.Causes);
        Assert.Equal("step added", d.Detail);
    }

    [Fact]
    public void MatrixProductForHadamard_WhereDZIsSquare()
    {
        const string spec = """
            {
              "inputs": 2,
              "layers": [ { "units": 2, "activation": "sigmoid", "weights": [[0.2, -0.3], [0.4, 0.5]], "bias": [0.1, -0.2] } ],
              "loss": "half_mse",
              "data": { "x": [[0, 1], [1, 0]], "y": [[0, 1], [1, 1]] },
              "train": { "learning_rate": 0.5, "epochs": 1 },
            }
            """;
        var model = SpecReader.Parse(spec);
        var step = Explainer.Run(model).Steps[0];
        var product = Nabla.Textbook.Product(step["dA1"], step["dAdZ1"]); // dA·f′ where dA ⊙ f′ belongs
        var report = AnswerChecker.Check(model, AnswerFile.Parse($"dZ1[1,2] = {F(product[0, 1])}"));

        var v = Assert.Single(report.Values);
        Assert.False(v.Right);
        Assert.Equal([Causes.MatrixProduct], v.Diagnosis!.Causes);
    }

    [Fact]
    public void InheritedValues_NameTheirSource_AndTheRootListsThem()
    {
        // dZ2 without the 1/m, then dW2 = A1ᵀ·dZ2 from it, then W2_next from that dW2.
        double m = 4;
        double dz = Step["dZ2"][0, 0] * m;
        double dW = Enumerable.Range(0, 4).Sum(i => Step["A1"][i, 0] * Step["dZ2"][i, 0] * m);
        double next = Step["W2"][0, 0] - (0.5 * double.Parse(F(dW), CultureInfo.InvariantCulture));
        var report = Check($"""
            dZ2 = {F(dz)}, {F(Step["dZ2"][1, 0] * m)}, {F(Step["dZ2"][2, 0] * m)}, {F(Step["dZ2"][3, 0] * m)}
            dW2[1,1] = {F(dW)}
            W2_next[1,1] = {next.ToString("0.0000000", CultureInfo.InvariantCulture)}
            """);

        var dW2 = Assert.Single(report.Values, v => v.Name == "dW2");
        Assert.False(dW2.Right);
        Assert.Equal(4, dW2.InheritedFrom.Count);
        Assert.StartsWith("inherited from dZ2[1,1] (your ", dW2.Why);
        var w = Assert.Single(report.Values, v => v.Name == "W2_next");
        Assert.Equal([dW2], w.InheritedFrom);
        Assert.Equal(4, report.RootErrors.Count);
        Assert.Equal(["dW2[1,1]", "W2_next[1,1]"], report.Inheritors(report.RootErrors[0]).Select(v => v.Label));
        Assert.Equal("0 right, 6 wrong (4 root errors, 2 inherited)", report.Summary);
    }
}
