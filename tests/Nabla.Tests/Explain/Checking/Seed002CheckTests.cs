using Nabla.Explain.Checking;

namespace Nabla.Tests.Explain.Checking;

/// <summary>
/// Seed 002's hand calculation (4-3-2 leaky ReLU/softmax): the forward pass is right, every gradient
/// is halved by the diagonal-only softmax Jacobian, and the updates inherit the gradients.
/// </summary>
public class Seed002CheckTests
{
    private static readonly CheckReport Report = SeedAnswers.Check("seed-002-leaky-relu-softmax");

    [Fact]
    public void ForwardValuesAndLoss_AreRight()
    {
        foreach (string name in new[] { "Z1", "A1", "Z2", "A2", "loss" })
        {
            Assert.All(Report.Of(name), v => Assert.True(v.Right, v.ToString()));
        }
    }

    [Fact]
    public void EveryGradient_IsTheDiagonalOnlySoftmaxJacobian_HalfTheTrueValue()
    {
        var gradients = Report.Of("dW2").Concat(Report.Of("dW1")).ToList();

        Assert.Equal(18, gradients.Count);
        Assert.All(gradients, v =>
        {
            Assert.False(v.Right);
            Assert.True(v.IsRootError);
            Assert.True(v.Diagnosis!.Has(Causes.DiagonalJacobian), v.ToString());
            Assert.StartsWith("half the true value", v.Diagnosis.Detail);
        });
        var plain = gradients.Where(v => !v.Diagnosis!.Has(Causes.Sign)).ToList();
        Assert.Equal(16, plain.Count);
        Assert.All(plain, v => Assert.Equal("diagonal-only softmax Jacobian (half the true value)", v.Diagnosis!.Title));
        // The seed's −0.011789 (from its rounded 0.103874) against the exact half −0.011774 still counts.
        var w32 = Assert.Single(Report.Of("dW1"), v => v.Label == "dW1[3,2]");
        Assert.Equal("-0.011789", w32.Written.Text);
        Assert.Equal([Causes.DiagonalJacobian], w32.Diagnosis!.Causes);
    }

    [Fact]
    public void Layer2W11_IsTheDiagonalOnlyJacobianPlusASignSlip()
    {
        var w11 = Assert.Single(Report.Of("dW2"), v => v.Label == "dW2[1,1]");

        Assert.Equal("0.000294", w11.Written.Text);
        Assert.Equal(-0.0005887041518, w11.TrueValue, 12);
        Assert.Equal([Causes.DiagonalJacobian, Causes.Sign], w11.Diagnosis!.Causes);
        Assert.Equal("diagonal-only softmax Jacobian + sign slip (half the true value, opposite sign)", w11.Diagnosis.Title);
        // The seed's w21 carries the same pair: −0.566727 · 0.103878 · (−0.005) is positive, it writes −0.000294.
        var w21 = Assert.Single(Report.Of("dW2"), v => v.Label == "dW2[2,1]");
        Assert.Equal([Causes.DiagonalJacobian, Causes.Sign], w21.Diagnosis!.Causes);
    }

    [Fact]
    public void UpdatedWeights_InheritTheirGradients()
    {
        var w2 = Report.Of("W2_next");
        Assert.Equal(6, w2.Count);
        Assert.All(w2, v =>
        {
            Assert.False(v.Right);
            var from = Assert.Single(v.InheritedFrom);
            Assert.Equal("dW2", from.Name);
            Assert.Equal((v.Element.Row, v.Element.Col), (from.Element.Row, from.Element.Col));
            Assert.EndsWith("this step itself is right", v.Why);
        });
        Assert.Equal("inherited from dW2[1,1] (your 0.000294, line 23); this step itself is right", w2[0].Why);

        var w1 = Report.Of("W1_next");
        Assert.Equal(11, w1.Count(v => v.IsInherited));
        Assert.All(w1.Where(v => v.IsInherited), v =>
            Assert.Equal((v.Element.Row, v.Element.Col), (v.InheritedFrom[0].Element.Row, v.InheritedFrom[0].Element.Col)));
    }

    [Fact]
    public void TheCopyingSlipInW1_IsNotInherited()
    {
        var w11 = Report.Of("W1_next")[0];

        Assert.Equal("-0.2001913", w11.Written.Text);
        Assert.False(w11.IsInherited);
        Assert.True(w11.IsRootError);
        Assert.Equal(-0.2001413, w11.OwnValue!.Value, 9); // what the seed's own 0.001413 gives
        Assert.Equal([Causes.Digit], w11.Diagnosis!.Causes);
        Assert.Contains("-0.2001413", w11.Diagnosis.Explanation);
    }

    [Fact]
    public void Summary_ListsRootErrorsAndWhatInheritedThem()
    {
        Assert.Equal("11 right, 36 wrong (19 root errors, 17 inherited)", Report.Summary);
        var w22 = Assert.Single(Report.Of("dW2"), v => v.Label == "dW2[2,2]");
        Assert.Equal(["W2_next[2,2]"], Report.Inheritors(w22).Select(v => v.Label));
    }
}
