using System.CommandLine;
using System.CommandLine.Help;
using Nabla.Cli;

// The root is named "nabla" (not the assembly's name) so help and errors speak of the command users type.
var root = new Command("nabla", "Nabla: feedforward neural networks trained by backpropagation, with every number shown.")
{
    new HelpOption(),
    new VersionOption(),
    DemoCommand.Create(),
    TrainCommand.Create(),
    GradCheckCommand.Create(),
    ExplainCommand.Create(),
    PredictCommand.Create(),
    EvaluateCommand.Create(),
    CheckCommand.Create(),
    ExerciseCommand.Create(),
    GradeCommand.Create(),
    PlotCommand.Create(),
    DiagramCommand.Create(),
    ExportCommand.Create(),
    ImportCommand.Create(),
    ServeCommand.Create(),
};
return CommandRunner.Run(root, args);
