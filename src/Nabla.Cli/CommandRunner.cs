using System.CommandLine;
using Spectre.Console;

namespace Nabla.Cli;

/// <summary>
/// Parses and runs a command line. Exit codes: 0 success, 1 a problem with the input
/// (printed as one plain message, never a stack trace), 2 a usage error.
/// </summary>
public static class CommandRunner
{
    public const int Ok = 0;
    public const int InputError = 1;
    public const int UsageError = 2;

    /// <remarks>Ctrl-C is left to the commands: training stops cleanly through <see cref="Interrupt"/>; others just end.</remarks>
    public static int Run(Command root, string[] args)
    {
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                Console.Error.WriteLine($"nabla: {error.Message}");
            }

            Console.Error.WriteLine("Run 'nabla --help' (or 'nabla COMMAND --help') for usage.");
            return UsageError;
        }

        try
        {
            return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null });
        }
        catch (NablaException e)
        {
            Console.Error.WriteLine($"nabla: {e.Message}");
            return InputError;
        }
    }

    /// <summary>The console to write to; tests may swap it for a recording one.</summary>
    public static IAnsiConsole Out { get; set; } = AnsiConsole.Console;
}
