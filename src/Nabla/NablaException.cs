namespace Nabla;

/// <summary>
/// An error the user can cause (a bad spec, bad data, a diverging run). Its message is
/// written to be printed as it is: it names the place and the fix.
/// </summary>
public class NablaException : Exception
{
    public NablaException(string message) : base(message) { }

    public NablaException(string message, Exception inner) : base(message, inner) { }
}
