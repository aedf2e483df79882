namespace Nabla;

/// <summary>
/// An error the user can cause (a bad spec, bad data, a diverging run). Its message is
/// written to be printed as it is: it names the place and the fix.
/// </summary>
public class NablaException : Exception
{
    /// <summary>An error with a message fit to show the user.</summary>
    public NablaException(string message) : base(message) { }

    /// <summary>An error with a message fit to show the user, and its cause.</summary>
    public NablaException(string message, Exception inner) : base(message, inner) { }
}
