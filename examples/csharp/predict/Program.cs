using Nabla.App;
using Nabla.Specs;

// A model trained by `nabla train examples/iris.json` (runs/iris/model.json), asked for a class name:
var model = SpecReader.ReadFile(args.Length > 0 ? args[0] : "runs/iris/model.json");
Console.WriteLine(SpecPredictor.ClassOf(model, SpecPredictor.Predict(model, [[5.1, 3.5, 1.4, 0.2]])[0]));
