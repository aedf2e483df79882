using System.Runtime.InteropServices;

namespace Nabla.Cli;

/// <summary>
/// While alive, the first Ctrl-C (or SIGTERM) asks the work to stop cleanly through
/// <see cref="Token"/> instead of killing the process; a second Ctrl-C kills it as usual.
/// </summary>
public sealed class Interrupt : IDisposable
{
    private readonly CancellationTokenSource source = new();
    private readonly PosixSignalRegistration? terminate;

    public Interrupt()
    {
        Console.CancelKeyPress += OnCancelKeyPress;
        terminate = OperatingSystem.IsWindows() ? null : PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnTerminate);
    }

    public CancellationToken Token => source.Token;

    public bool Requested => source.IsCancellationRequested;

    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancelKeyPress;
        terminate?.Dispose();
        source.Dispose();
    }

    private void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
    {
        e.Cancel = !source.IsCancellationRequested; // the second press ends the process
        source.Cancel();
    }

    private void OnTerminate(PosixSignalContext context)
    {
        context.Cancel = true;
        source.Cancel();
    }
}
