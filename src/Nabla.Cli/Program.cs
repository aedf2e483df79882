using System.CommandLine;
using Nabla.Cli;

var root = new RootCommand("Nabla: feedforward neural networks trained by backpropagation, with every number shown.");
root.Subcommands.Add(TrainCommand.Create());
root.Subcommands.Add(GradCheckCommand.Create());
return CommandRunner.Run(root, args);
