using Nabla.Explain.Documents;
using static Nabla.Explain.Writing.Notation;

namespace Nabla.Explain.Writing;

/// <summary>How each activation and its derivative are written.</summary>
public static class ActivationText
{
    /// <summary>The function's symbol: σ, tanh, ReLU, …</summary>
    public static string Symbol(string activation) => activation switch
    {
        "sigmoid" => "σ",
        "tanh" => "tanh",
        "relu" => "ReLU",
        "leaky_relu" => "LReLU",
        "elu" => "ELU",
        "gelu" => "GELU",
        "softplus" => "softplus",
        "silu" => "SiLU",
        "softmax" => "softmax",
        _ => "id",
    };

    /// <summary>The definition, e.g. σ(z) = 1 / (1 + e^{−z}).</summary>
    public static MathNode Definition(LayerInfo layer)
    {
        var z = new Symbol("z");
        var f = Text(Symbol(layer.Activation));
        MathNode rhs = layer.Activation switch
        {
            "sigmoid" => new Fraction(Num(1), Seq(Num(1), Op("+"), new Scripts(Text("e"), null, Seq(Op("−"), z)))),
            "tanh" => new Fraction(Seq(new Scripts(Text("e"), null, z), Op("−"), new Scripts(Text("e"), null, Seq(Op("−"), z))),
                                   Seq(new Scripts(Text("e"), null, z), Op("+"), new Scripts(Text("e"), null, Seq(Op("−"), z)))),
            "relu" => Seq(Text("max"), new Fenced(Seq(Num(0), Op(","), z))),
            "leaky_relu" => Seq(z, Text(" if z > 0, else "), Num(layer.Alpha ?? 0.01), Op("·"), z),
            "elu" => Seq(z, Text(" if z > 0, else "), Num(layer.Alpha ?? 1), Op("·"), new Fenced(Seq(new Scripts(Text("e"), null, z), Op("−"), Num(1)))),
            "gelu" => Seq(z, Op("·"), Text("Φ"), new Fenced(z), Op("="), z, Op("·"), Text("½"), new Fenced(Seq(Num(1), Op("+"), Text("erf"), new Fenced(Seq(z, Op("/"), Text("√2")))))),
            "softplus" => Seq(Text("ln"), new Fenced(Seq(Num(1), Op("+"), new Scripts(Text("e"), null, z)))),
            "silu" => Seq(z, Op("·"), Text("σ"), new Fenced(z), Op("="), new Fraction(z, Seq(Num(1), Op("+"), new Scripts(Text("e"), null, Seq(Op("−"), z))))),
            "softmax" => new Fraction(new Scripts(Text("e"), null, new Symbol("z", "j")),
                                      Seq(new Scripts(Op("Σ"), new Symbol("k"), null), new Scripts(Text("e"), null, new Symbol("z", "k")))),
            _ => z,
        };
        var arg = layer.Activation == "softmax" ? new Fenced(new Symbol("z")) : new Fenced(z);
        var lhs = layer.Activation == "softmax" ? Seq(f, arg, new Scripts(Op(""), new Symbol("j"), null)) : Seq(f, arg);
        return Seq(lhs, Op("="), rhs);
    }

    /// <summary>The derivative, e.g. σ′(z) = σ(z)(1 − σ(z)) = a(1 − a).</summary>
    public static MathNode Derivative(LayerInfo layer)
    {
        var a = new Symbol("a");
        var fPrime = Seq(Text(Symbol(layer.Activation) + "′"), new Fenced(new Symbol("z")));
        MathNode rhs = layer.Activation switch
        {
            "sigmoid" => Seq(a, new Fenced(Seq(Num(1), Op("−"), a))),
            "tanh" => Seq(Num(1), Op("−"), new Scripts(a, null, Num(2))),
            "relu" => Text("1 if z > 0, else 0"),
            "leaky_relu" => Seq(Text("1 if z > 0, else "), Num(layer.Alpha ?? 0.01)),
            "elu" => Seq(Text("1 if z > 0, else "), a, Op("+"), Num(layer.Alpha ?? 1)),
            "gelu" => Seq(Text("Φ"), new Fenced(new Symbol("z")), Op("+"), new Symbol("z"), Op("·"), Text("φ"), new Fenced(new Symbol("z")), Text(", φ(z) = e^(−z²/2)/√(2π)")),
            "softplus" => Seq(Text("σ"), new Fenced(new Symbol("z")), Op("="), new Fraction(Num(1), Seq(Num(1), Op("+"), new Scripts(Text("e"), null, Seq(Op("−"), new Symbol("z")))))),
            "silu" => Seq(Text("σ"), new Fenced(new Symbol("z")), new Fenced(Seq(Num(1), Op("+"), new Symbol("z"), new Fenced(Seq(Num(1), Op("−"), Text("σ"), new Fenced(new Symbol("z"))))))),
            "softmax" => Seq(new Fraction(Seq(Op("∂"), new Symbol("a", "j")), Seq(Op("∂"), new Symbol("z", "i"))), Op("="),
                             new Symbol("a", "j"), new Fenced(Seq(new Symbol("δ", "ij"), Op("−"), new Symbol("a", "i")))),
            _ => Num(1),
        };
        return layer.Activation == "softmax" ? rhs : Seq(fPrime, Op("="), rhs);
    }

    /// <summary>f applied to one number, written out: σ(0.7), max(0, −0.5), …</summary>
    public static MathNode Applied(LayerInfo layer, double z) => Seq(Text(Symbol(layer.Activation)), new Fenced(Num(z)));
}
