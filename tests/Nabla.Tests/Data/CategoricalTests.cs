using Nabla.App;
using Nabla.Data;
using Nabla.Specs;
using Nabla.Tests.Cli;

namespace Nabla.Tests.Data;

/// <summary>Categorical input columns: one-hot encoded when training, kept in the model, encoded the same way for new inputs.</summary>
public class CategoricalTests
{
    // The label is "yes" exactly when the colour is red; the size says nothing about it.
    private const string Shapes = """
        size,colour,label
        1.0,red,yes
        2.0,blue,no
        3.0,green,no
        4.0,red,yes
        5.0,blue,no
        6.0,green,no
        7.0,red,yes
        8.0,blue,no
        9.0,green,no
        1.5,red,yes
        2.5,blue,no
        3.5,green,no
        """;

    private static string Spec(string dir, string data, int inputs = 4) =>
        WriteSpec(dir, $$"""
            { "inputs": {{inputs}}, "layers": [ { "units": 1, "activation": "sigmoid" } ], "loss": "bce", "metrics": ["accuracy"],
              "data": {{data}},
              "train": { "optimizer": "adam", "learning_rate": 0.1, "epochs": 200, "batch": 12, "seed": 1 } }
            """);

    private static string WriteSpec(string dir, string json)
    {
        string path = Path.Combine(dir, "shapes.json");
        File.WriteAllText(path, json);
        return path;
    }

    private static string Folder(string csv = Shapes)
    {
        string dir = CliProcess.TempFolder();
        File.WriteAllText(Path.Combine(dir, "shapes.csv"), csv + "\n");
        return dir;
    }

    [Fact]
    public void A_categorical_column_becomes_one_0_or_1_input_per_category_named_column_equals_category_where_the_column_stood()
    {
        var table = CsvData.Parse("colour,size,label\nred,1,a\nblue,2,b\nred,3,a\ngreen,4,b\n", "tiny.csv", "label", categorical: ["colour"]);
        var encoding = OneHotEncoding.Fit(table);
        var encoded = encoding.Apply(table);

        Assert.Equal(["blue", "green", "red"], encoding.Columns.Single().Categories); // sorted ordinal, not first-seen
        Assert.Equal(["colour=blue", "colour=green", "colour=red", "size", "label"], encoded.Header);
        Assert.Equal(["colour=blue", "colour=green", "colour=red", "size"], encoded.Features);
        Assert.Equal(4, encoded.LabelColumn);
        Assert.Equal(
            [
                0, 0, 1, 1,
                1, 0, 0, 2,
                0, 0, 1, 3,
                0, 1, 0, 4,
            ],
            encoded.X.ToArray());
        Assert.Equal(["a", "b", "a", "b"], encoded.Labels);
    }

    [Fact]
    public void Categories_that_are_all_numbers_sort_as_numbers_as_class_names_do()
    {
        var table = CsvData.Parse("zone,y\n10,a\n2,b\n1,a\n", "zones.csv", "y", categorical: ["zone"]);
        Assert.Equal(["1", "2", "10"], OneHotEncoding.Fit(table).Columns.Single().Categories);
    }

    [Fact]
    public void The_spec_reads_and_writes_categorical()
    {
        string json = """
            { "inputs": 4, "layers": [ { "units": 1, "activation": "sigmoid" } ], "loss": "bce",
              "data": { "csv": "shapes.csv", "label": "label", "categorical": ["colour", "city"], "standardize": true } }
            """;
        var spec = SpecReader.Parse(json, "shapes.json");
        Assert.Equal(["colour", "city"], spec.Data!.Categorical!);
        string written = SpecWriter.ToJson(spec);
        Assert.Contains("\"categorical\": [", written);
        Assert.Equal(["colour", "city"], SpecReader.Parse(written, "shapes.json").Data!.Categorical!);
    }

    [Theory]
    [InlineData("""{ "csv": "a.csv", "label": "label", "categorical": "colour" }""", "$.data.categorical", "expected a list of column names")]
    [InlineData("""{ "csv": "a.csv", "label": "label", "categorical": ["colour", "colour"] }""", "$.data.categorical[1]", "\"colour\" is listed twice")]
    [InlineData("""{ "csv": "a.csv", "label": "label", "categorical": ["label"] }""", "$.data.categorical[0]", "\"label\" is the label")]
    [InlineData("""{ "dataset": "xor", "categorical": ["a"] }""", "$.data.categorical", "names columns of a CSV file")]
    public void Categorical_problems_in_the_spec_name_the_path_and_the_fix(string data, string path, string problem)
    {
        var e = Assert.Throws<SpecException>(() => SpecReader.Parse($$"""
            { "inputs": 2, "layers": [ { "units": 1, "activation": "sigmoid" } ], "loss": "bce", "data": {{data}} }
            """, "c.json"));
        Assert.Equal(path, e.JsonPath);
        Assert.Contains(problem, e.Message);
        Assert.Contains("Fix: ", e.Message);
    }

    [Fact]
    public void Training_learns_from_a_categorical_column_leaves_its_one_hot_inputs_unstandardised_and_the_model_keeps_its_categories()
    {
        string dir = Folder();
        string spec = Spec(dir, """{ "csv": "shapes.csv", "label": "label", "categorical": ["colour"], "standardize": true }""");
        var trained = SpecTrainer.Train(SpecReader.ReadFile(spec));

        Assert.Equal(["size", "colour=blue", "colour=green", "colour=red"], trained.Model.InputNames!);
        Assert.Equal([1.0, 0, 0, 1], trained.Data.X.Row(0).ToArray());   // line 2: 1.0, red
        Assert.Equal([2.0, 1, 0, 0], trained.Data.X.Row(1).ToArray());   // line 3: 2.0, blue
        Assert.Equal(1.0, trained.Final["accuracy"]);
        Assert.Empty(trained.Notes);                                     // listed, so nothing to say

        // Only "size" is standardised: the one-hot inputs keep μ 0 and σ 1, so they reach the network as 0 and 1.
        var scale = trained.Model.Standardization!;
        Assert.Equal(new[] { 1.0, 2, 3, 4, 5, 6, 7, 8, 9, 1.5, 2.5, 3.5 }.Average(), scale.Mean[0], 12);
        Assert.Equal([0.0, 0, 0], scale.Mean[1..]);
        Assert.Equal([1.0, 1, 1], scale.Std[1..]);

        string model = Path.Combine(dir, "model.json");
        SpecWriter.WriteFile(trained.Model, model);
        Assert.Contains("\"categories\": {", File.ReadAllText(model));
        var back = SpecReader.ReadFile(model);
        Assert.Equal("colour", back.Categories!.Columns.Single().Name);
        Assert.Equal(["blue", "green", "red"], back.Categories.Columns.Single().Categories);
        Assert.Equal(trained.Predictions, SpecPredictor.Predict(back, trained.Data.X.ToRows()));
    }

    [Fact]
    public void A_column_that_is_not_all_numbers_is_read_as_categorical_and_said_so()
    {
        string dir = Folder();
        var trained = SpecTrainer.Train(SpecReader.ReadFile(Spec(dir, """{ "csv": "shapes.csv", "label": "label" }""")));

        Assert.Equal(["size", "colour=blue", "colour=green", "colour=red"], trained.Model.InputNames!);
        string note = Assert.Single(trained.Notes);
        Assert.Equal(
            $"{Path.Combine(dir, "shapes.csv")}: column \"colour\" holds text (\"red\" on line 2), so it is read as categorical: one-hot encoded as " +
            "3 inputs (colour=blue, colour=green, colour=red). List it in \"categorical\" in the spec's \"data\" to say so; if it should hold numbers, fix that cell.",
            note);
    }

    [Fact]
    public void Inputs_that_do_not_count_the_one_hot_columns_are_refused_with_the_count_to_give()
    {
        string dir = Folder();
        var e = Assert.Throws<NablaException>(() => SpecTrainer.Train(SpecReader.ReadFile(Spec(dir, """{ "csv": "shapes.csv", "label": "label" }""", inputs: 2))));
        Assert.Contains("the CSV has 4 inputs after one-hot encoding", e.Message);
        Assert.Contains("\"colour\" as 3", e.Message);
        Assert.Contains("\"colour\" is read as categorical because line 2 holds \"red\"", e.Message);
        Assert.EndsWith("Fix: make \"inputs\" 4.", e.Message);
    }

    [Fact]
    public void A_listed_column_the_file_lacks_and_an_empty_categorical_cell_are_refused_naming_them()
    {
        string dir = Folder();
        var absent = Assert.Throws<NablaException>(() => SpecTrainer.Train(SpecReader.ReadFile(Spec(dir, """{ "csv": "shapes.csv", "label": "label", "categorical": ["color"] }"""))));
        Assert.Contains("at $.data.categorical", absent.Message);
        Assert.Contains("has no column \"color\"", absent.Message);

        File.WriteAllText(Path.Combine(dir, "shapes.csv"), Shapes.Replace("2.0,blue,no", "2.0,,no") + "\n");
        var empty = Assert.Throws<NablaException>(() => SpecTrainer.Train(SpecReader.ReadFile(Spec(dir, """{ "csv": "shapes.csv", "label": "label", "missing": "mean" }"""))));
        Assert.Contains("shapes.csv: line 3, column 2 \"colour\" (categorical): the cell is empty.", empty.Message);
        Assert.Contains("\"unknown\"", empty.Message);
    }

    [Fact]
    public void New_inputs_are_matched_by_column_name_in_any_order_and_encoded_with_the_models_categories()
    {
        string dir = Folder();
        var model = SpecTrainer.Train(SpecReader.ReadFile(Spec(dir, """{ "csv": "shapes.csv", "label": "label", "categorical": ["colour"] }"""))).Model;
        File.WriteAllText(Path.Combine(dir, "new.csv"), "colour,id,size\ngreen,7,2.5\nred,8,6\n");

        var read = ModelCsv.Read(model, Path.Combine(dir, "new.csv"), null, labelRequired: false);

        Assert.Equal([[2.5, 0, 1, 0], [6.0, 0, 0, 1]], read.X);
        var outputs = SpecPredictor.Predict(model, read.X);
        Assert.Equal(["no", "yes"], outputs.Select(o => SpecPredictor.ClassOf(model, o)));
    }

    [Fact]
    public void An_unseen_category_is_an_error_naming_the_file_line_column_and_value_and_the_known_categories()
    {
        string dir = Folder();
        var model = SpecTrainer.Train(SpecReader.ReadFile(Spec(dir, """{ "csv": "shapes.csv", "label": "label", "categorical": ["colour"] }"""))).Model;
        string csv = Path.Combine(dir, "new.csv");
        File.WriteAllText(csv, "size,colour\n1,red\n\n2,purple\n");

        var e = Assert.Throws<NablaException>(() => ModelCsv.Read(model, csv, null, labelRequired: false));

        Assert.Equal($"{csv}: line 4, column 2 \"colour\": \"purple\" is not one of the categories the model was trained with (\"blue\", \"green\", \"red\"). " +
            "Fix: use one of them, or train again on data that holds \"purple\".", e.Message);
    }

    [Fact]
    public void Predict_with_an_unseen_category_exits_with_one_plain_message()
    {
        string dir = Folder();
        string spec = Spec(dir, """{ "csv": "shapes.csv", "label": "label", "categorical": ["colour"] }""");
        var train = CliProcess.Run("train", spec, "--out", Path.Combine(dir, "run"));
        Assert.True(train.ExitCode == 0, train.Error);
        string csv = Path.Combine(dir, "new.csv");
        File.WriteAllText(csv, "colour,size\npurple,1\n");

        var r = CliProcess.Run("predict", Path.Combine(dir, "run", "model.json"), "--csv", csv);

        Assert.Equal(1, r.ExitCode);
        Assert.Contains("new.csv: line 2, column 1 \"colour\": \"purple\" is not one of the categories", r.Error);
        Assert.Contains("(\"blue\", \"green\", \"red\")", r.Error);
        Assert.DoesNotContain("   at ", r.Error);
        string predictions = File.ReadAllLines(Path.Combine(dir, "run", "predictions.csv"))[0];
        Assert.StartsWith("size,colour=blue,colour=green,colour=red,", predictions);
    }

    [Fact]
    public void A_validation_file_is_encoded_with_the_training_files_categories_by_column_name()
    {
        string dir = Folder();
        File.WriteAllText(Path.Combine(dir, "val.csv"), "label,colour,size\nyes,red,1\nno,blue,2\n");
        string spec = Spec(dir, """{ "csv": "shapes.csv", "label": "label", "validation": { "csv": "val.csv" } }""");

        var split = ModelBuilder.LoadSplit(SpecReader.ReadFile(spec));

        Assert.Equal([1.0, 0, 0, 1, 2, 1, 0, 0], split.Validation!.X.ToArray());
        File.WriteAllText(Path.Combine(dir, "val.csv"), "label,colour,size\nyes,pink,1\n");
        var e = Assert.Throws<NablaException>(() => ModelBuilder.LoadSplit(SpecReader.ReadFile(spec)));
        Assert.Contains("val.csv: line 2, column 2 \"colour\": \"pink\" is not one of the categories", e.Message);
    }

    [Fact]
    public void A_column_of_ids_read_as_categories_is_refused_by_its_input_count_before_it_is_encoded()
    {
        string csv = "id,size,label\n" + string.Concat(Enumerable.Range(0, 500).Select(i => $"row{i},{i},{(i % 2 == 0 ? "a" : "b")}\n"));
        string dir = Folder(csv);
        var e = Assert.Throws<NablaException>(() => ModelBuilder.LoadSplit(SpecReader.ReadFile(Spec(dir, """{ "csv": "shapes.csv", "label": "label" }""", inputs: 1))));
        Assert.Contains("501 inputs after one-hot encoding", e.Message);
        Assert.Contains("\"id\" is read as categorical because line 2 holds \"row0\"", e.Message);
    }

    [Fact]
    public void A_model_file_whose_categories_have_no_inputs_is_refused()
    {
        var e = Assert.Throws<SpecException>(() => SpecReader.Parse("""
            { "inputs": 2, "layers": [ { "units": 1, "activation": "sigmoid" } ], "loss": "bce",
              "input_names": ["colour=blue", "colour=red"], "categories": { "colour": ["blue", "green"] } }
            """, "m.json"));
        Assert.Equal("$.categories.colour[1]", e.JsonPath);
        Assert.Contains("no input is named \"colour=green\"", e.Message);
    }
}
