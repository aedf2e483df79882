using Nabla.Tensors;

namespace Nabla.Data;

/// <summary>The two-input logic gates, inputs (0,0), (0,1), (1,0), (1,1) in that order.</summary>
public static class LogicGates
{
    /// <summary>The names of the built-in logic gates.</summary>
    public static readonly string[] Names = ["xor", "or", "and", "nand", "xnor"];

    /// <summary>The gate named <paramref name="name"/> (xor, or, and, nand, xnor) as a data set, or null for another name.</summary>
    public static Dataset? Find(string name)
    {
        Func<bool, bool, bool>? gate = name switch
        {
            "xor" => (a, b) => a ^ b,
            "or" => (a, b) => a | b,
            "and" => (a, b) => a & b,
            "nand" => (a, b) => !(a & b),
            "xnor" => (a, b) => !(a ^ b),
            _ => null,
        };
        if (gate is null)
        {
            return null;
        }

        var x = Matrix<double>.FromArray(4, 2, 0, 0, 0, 1, 1, 0, 1, 1);
        var y = new Matrix<double>(4, 1);
        for (int i = 0; i < 4; i++)
        {
            y[i, 0] = gate(x[i, 0] == 1, x[i, 1] == 1) ? 1 : 0;
        }

        return new Dataset(name, x, y);
    }
}
