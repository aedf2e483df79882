using Nabla;
using Nabla.Activations;
using Nabla.Data;
using Nabla.Layers;
using Nabla.Losses;
using Nabla.Models;
using Nabla.Optimizers;
using Nabla.Training;

var iris = CsvData.Read(args.Length > 0 ? args[0] : "iris.csv", label: "label").ToClasses(); // examples/data/iris.csv
var data = Standardization.Fit(iris.X).Apply(iris.Encode(outputs: 3));
double[][] x = data.X.ToRows(), y = data.Y.ToRows();
var net = new Network<double>(4, [new Dense<double>(4, 8, new Tanh(), seed: 1), new Dense<double>(8, 3, new Softmax(), seed: 2)], new CategoricalCrossEntropy());
net.Fit(x, y, new Adam<double>(0.01), new TrainOptions { Epochs = 100, BatchSize = 16, Shuffle = true });
Console.WriteLine($"{net.Evaluate(x, y)}; classes {string.Join(", ", iris.Classes)}");
net.ExportOnnx("iris.onnx"); // for ONNX Runtime (inputs standardised as above)
