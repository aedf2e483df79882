using Nabla.App;
using Nabla.Data;
using Nabla.Specs;

namespace Nabla.Tests.Data;

/// <summary>A model keeps its input column names and reads new CSVs by name; semicolon and tab files are read and said so.</summary>
public sealed class ColumnNameTests : IDisposable
{
    private static readonly Lazy<ModelSpec> Iris = new(() => SpecReader.Parse(SpecWriter.ToJson(SpecTrainer.Train(Examples.Load("iris.json")).Model)));
    private readonly string dir = Directory.CreateTempSubdirectory("nabla-columns-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private string Write(string name, string text)
    {
        string path = Path.Combine(dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void The_model_file_keeps_the_input_column_names()
    {
        Assert.Equal(["sepal_length_cm", "sepal_width_cm", "petal_length_cm", "petal_width_cm"], Iris.Value.InputNames!);
    }

    [Fact]
    public void Reordered_columns_under_their_own_names_give_the_same_predictions_and_extra_columns_are_ignored_and_said_so()
    {
        string inOrder = Write("a.csv", "sepal_length_cm,sepal_width_cm,petal_length_cm,petal_width_cm\n5.1,3.5,1.4,0.2\n6.7,3.0,5.2,2.3\n");
        string shuffled = Write("b.csv", "petal_width_cm,id,petal_length_cm,sepal_width_cm,sepal_length_cm\n0.2,1,1.4,3.5,5.1\n2.3,2,5.2,3.0,6.7\n");

        var a = ModelCsv.Read(Iris.Value, inOrder, null, labelRequired: false);
        var b = ModelCsv.Read(Iris.Value, shuffled, null, labelRequired: false);

        Assert.Equal(a.X, b.X);
        Assert.Empty(a.Notes);
        Assert.Equal($"{shuffled}: ignored the column \"id\", which the model does not take.", Assert.Single(b.Notes));
        var classes = SpecPredictor.Predict(Iris.Value, b.X).Select(o => SpecPredictor.ClassOf(Iris.Value, o)).ToList();
        Assert.Equal(["setosa", "virginica"], classes);
    }

    [Fact]
    public void A_missing_input_column_is_named_with_the_fix()
    {
        string path = Write("c.csv", "sepal_length_cm,sepal_width_cm,petal_length_cm\n5.1,3.5,1.4\n");

        var e = Assert.Throws<NablaException>(() => ModelCsv.Read(Iris.Value, path, null, labelRequired: false));

        Assert.Contains("has no column \"petal_width_cm\", which the model", e.Message);
        Assert.Contains("Fix: add the missing column", e.Message);
    }

    [Fact]
    public void A_model_without_names_still_reads_columns_by_position()
    {
        var model = SpecReader.Parse(SpecWriter.ToJson(Iris.Value));
        model = model with { InputNames = null };
        string path = Write("d.csv", "a,b,c,d\n5.1,3.5,1.4,0.2\n");

        Assert.Equal([5.1, 3.5, 1.4, 0.2], ModelCsv.Read(model, path, null, labelRequired: false).X[0]);
    }

    [Theory]
    [InlineData(';', "semicolon")]
    [InlineData('\t', "tab")]
    public void Semicolon_and_tab_separated_files_are_read_and_said_so(char delimiter, string name)
    {
        string text = string.Join(delimiter, "x", "\"y" + delimiter + "z\"", "label") + "\n" + string.Join(delimiter, "1.5", "2", "a") + "\n" + string.Join(delimiter, " 3", "4 ", "b") + "\n";

        var table = CsvData.Parse(text, "f.csv", "label");

        Assert.Equal(["x", $"y{delimiter}z", "label"], table.Header);
        Assert.Equal([1.5, 2, 3, 4], table.X.ToArray());
        Assert.Equal(["a", "b"], table.Labels);
        Assert.Equal($"f.csv: read as {name}-separated (its header has no commas between the columns).", table.DelimiterNote);
    }

    [Fact]
    public void A_comma_file_with_semicolons_inside_quotes_stays_comma_separated()
    {
        var table = CsvData.Parse("\"a;b\",c\n1,2\n", "f.csv", "c");

        Assert.Equal(',', table.Delimiter);
        Assert.Null(table.DelimiterNote);
    }

    [Fact]
    public void Training_on_a_semicolon_file_tells_the_user()
    {
        string csv = Write("s.csv", "u;v;label\n0;0;no\n0;1;yes\n1;0;yes\n1;1;yes\n");
        string spec = Write("s.json", """{ "inputs": 2, "layers": [ { "units": 1, "activation": "sigmoid" } ], "loss": "bce", "data": { "csv": "s.csv", "label": "label" }, "train": { "epochs": 2 } }""");

        var trained = SpecTrainer.Train(SpecReader.ReadFile(spec));

        Assert.Equal(["u", "v"], trained.Model.InputNames!);
        Assert.Contains("read as semicolon-separated", Assert.Single(trained.Notes));
    }
}
