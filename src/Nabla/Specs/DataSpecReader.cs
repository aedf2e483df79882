using System.Text.Json;
using Nabla.Data;
using Nabla.Losses;
using Nabla.Tensors;

namespace Nabla.Specs;

/// <summary>Reads and checks the "data" section against the network's inputs, outputs and loss.</summary>
internal static class DataSpecReader
{
    public static DataSpec Read(JsonElement e, ModelSpec spec, JsonFields f)
    {
        const string p = "$.data";
        f.Object(e, p);
        f.CheckKeys(e, p, "x", "y", "dataset", "csv", "label");
        var data = new DataSpec();
        if (f.Optional(e, "dataset") is { } ds)
        {
            data.Dataset = f.String(ds, $"{p}.dataset");
            if (LogicGates.Find(data.Dataset) is null)
            {
                throw f.Error($"{p}.dataset", $"unknown data set \"{data.Dataset}\"", $"use one of {string.Join(", ", LogicGates.Names)}, or give inline \"x\" and \"y\"");
            }

            var gate = LogicGates.Find(data.Dataset)!;
            CheckAgainstNetwork(gate.X.ToRows(), gate.Y.ToRows(), spec, $"{p}.dataset", f);
            return data;
        }

        if (f.Optional(e, "csv") is { } csv)
        {
            data.Csv = f.String(csv, $"{p}.csv");
            data.Label = f.Optional(e, "label") is { } label ? f.String(label, $"{p}.label")
                : throw f.Error(p, "a CSV data set needs \"label\"", "add \"label\": the name of the column to predict");
            return data;
        }

        var x = f.Optional(e, "x") ?? throw f.Error(p, "no data: \"x\" is missing", "give \"x\" and \"y\" rows, or \"dataset\": \"xor\"");
        var y = f.Optional(e, "y") ?? throw f.Error(p, "\"y\" (the labels) is missing", "give one label row per row of \"x\"");
        data.X = f.Rows(x, $"{p}.x");
        data.Y = f.Rows(y, $"{p}.y");
        CheckAgainstNetwork(data.X, data.Y, spec, p, f);
        return data;
    }

    private static void CheckAgainstNetwork(double[][] x, double[][] y, ModelSpec spec, string p, JsonFields f)
    {
        string xp = p.EndsWith(".dataset", StringComparison.Ordinal) ? p : $"{p}.x";
        string yp = p.EndsWith(".dataset", StringComparison.Ordinal) ? p : $"{p}.y";
        if (x.Length == 0)
        {
            throw f.Error(xp, "the data has no examples", "give at least one row in \"x\" and in \"y\"");
        }

        if (x.Length != y.Length)
        {
            throw f.Error(yp, $"\"x\" has {x.Length} rows but \"y\" has {y.Length}", "give exactly one label row per example");
        }

        if (x[0].Length != spec.Inputs)
        {
            throw f.Error(xp, $"each example has {x[0].Length} values but the network has \"inputs\": {spec.Inputs}",
                $"make \"inputs\" {x[0].Length}, or give {spec.Inputs} values per row");
        }

        int outputs = spec.Layers[^1].Units;
        if (y[0].Length != outputs)
        {
            throw f.Error(yp, $"each label row has {y[0].Length} values but the last layer has {outputs} units",
                $"give {outputs} label values per row (one-hot for classes), or change the last layer's \"units\"");
        }

        var loss = Loss.FromName(spec.Loss.Name, spec.Loss.Reduction)!;
        if (loss.CheckLabels(Matrix<double>.FromRows(y)) is { } problem)
        {
            throw f.Error(yp, problem, $"use labels that fit \"{spec.Loss.Name}\", or pick another loss");
        }
    }
}
