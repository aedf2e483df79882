using System.CommandLine;
using Spectre.Console;

namespace Nabla.Cli;

/// <summary>
/// Parses and runs a command line. Exit codes: 0 success, 1 a problem with the input
/// (printed as one plain message, never a stack trace), 2 a usage error, 70 a fault of nabla's
/// own (also one plain message: what failed and how to report it).
/// </summary>
public static class CommandRunner
{
    public const int Ok = 0;
    public const int InputError = 1;
    public const int UsageError = 2;
    public const int InternalError = 70;

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
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"nabla: {e.Message} Fix: check that the path exists and that you may read or write it.");
            return InputError;
        }
        catch (OutOfMemoryException)
        {
            Console.Error.WriteLine("nabla: there is not enough memory for this. Fix: use a smaller network, batch or data set.");
            return InputError;
        }
        catch (Exception e)
        {
            // A fault of nabla's own: still one plain line, never a stack trace.
            Console.Error.WriteLine($"nabla: internal error ({e.GetType().Name}: {e.Message}). Please report it with the command and files that caused it.");
            return InternalError;
        }
    }

    /// <summary>The console to write to; tests may swap it for a recording one.</summary>
    public static IAnsiConsole Out { get; set; } = CreateConsole();

    /// <summary>Lines and tables this wide when the output is a pipe or a file and COLUMNS does not say.</summary>
    public const int PipedWidth = 200;

    /// <summary>
    /// The standard output as Spectre sees it, as wide as COLUMNS says (a terminal's own width
    /// otherwise); piped into a file or another program, <see cref="PipedWidth"/> rather than 80,
    /// so tables are not wrapped into columns of fragments.
    /// </summary>
    public static IAnsiConsole CreateConsole()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        if (int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), System.Globalization.CultureInfo.InvariantCulture, out int columns) && columns is >= 20 and <= 10_000)
        {
            console.Profile.Width = columns;
        }
        else if (Console.IsOutputRedirected)
        {
            console.Profile.Width = PipedWidth;
        }

        return console;
    }
}
