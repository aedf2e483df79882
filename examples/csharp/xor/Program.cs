using Nabla;
using Nabla.Activations;
using Nabla.Layers;
using Nabla.Losses;
using Nabla.Models;
using Nabla.Optimizers;

double[][] x = [[0, 0], [0, 1], [1, 0], [1, 1]], y = [[0], [1], [1], [0]];
var net = new Network<double>(2, [new Dense<double>(2, 4, new Tanh(), seed: 1), new Dense<double>(4, 1, new Sigmoid(), seed: 2)], new BinaryCrossEntropy());
net.Fit(x, y, new Adam<double>(0.05), epochs: 500);
Console.Write(net.Summary());
Console.WriteLine(net.Evaluate(x, y));
foreach (var (input, output) in x.Zip(net.Predict(x))) Console.WriteLine($"{string.Join(" xor ", input)} -> {output[0]:F3}");
net.Save("xor.json"); // the model file nabla predict, diagram, explain and export read
