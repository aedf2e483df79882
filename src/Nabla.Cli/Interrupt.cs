using System.Runtime.InteropServices;

namespace Nabla.Cli;

/// <summary>
/// While alive, Ctrl-C (or SIGTERM) does not kill the process but asks the work to stop cleanly.
/// While training, the first asks training to stop through <see cref="Token"/>, and a second kills
/// the process as usual. Once <see cref="BeginWrite"/> is called, the first only says the run folder
/// is being finished, the second asks the write to stop through <see cref="AbortToken"/> (so the
/// half-written folder is removed), and a third kills the process.
/// </summary>
public sealed class Interrupt : IDisposable
{
    private readonly CancellationTokenSource source = new();
    private readonly CancellationTokenSource abort = new();
    private readonly PosixSignalRegistration? terminate;
    private readonly Lock gate = new();
    private Action? writing; // set by BeginWrite: what the first press during the write says
    private int pressesWhileWriting;

    public Interrupt()
    {
        Console.CancelKeyPress += OnCancelKeyPress;
        terminate = OperatingSystem.IsWindows() ? null : PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnTerminate);
    }

    /// <summary>Cancelled by the first press while training.</summary>
    public CancellationToken Token => source.Token;

    /// <summary>Cancelled by the second press while writing.</summary>
    public CancellationToken AbortToken => abort.Token;

    /// <summary>True once anything was pressed: training was stopped or the write interrupted.</summary>
    public bool Requested => source.IsCancellationRequested || pressesWhileWriting > 0;

    /// <summary>Training is over: from now on the first press lets the write finish, after calling <paramref name="finishing"/>.</summary>
    public void BeginWrite(Action finishing)
    {
        lock (gate)
        {
            writing = finishing;
        }
    }

    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancelKeyPress;
        terminate?.Dispose();
        source.Dispose();
        abort.Dispose();
    }

    /// <summary>Handles one press; returns false when the process should end as usual.</summary>
    private bool Press()
    {
        lock (gate)
        {
            if (writing is null)
            {
                bool first = !source.IsCancellationRequested;
                source.Cancel();
                return first; // the second press while training ends the process
            }

            switch (++pressesWhileWriting)
            {
                case 1:
                    writing();
                    return true;
                case 2:
                    abort.Cancel();
                    return true;
                default:
                    return false;
            }
        }
    }

    private void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e) => e.Cancel = Press();

    private void OnTerminate(PosixSignalContext context) => context.Cancel = Press();
}
