namespace Live.Registration;

/// <summary>An argument of an action call could not be bound. The caller gets an <c>invalid_args</c> error naming it.</summary>
public sealed class ActionArgumentException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ActionArgumentException()
        : this("?", "is invalid")
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The full message.</param>
    public ActionArgumentException(string message)
        : base(message)
    {
        ArgumentName = "?";
        Reason = message;
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The full message.</param>
    /// <param name="innerException">The cause.</param>
    public ActionArgumentException(string message, Exception innerException)
        : base(message, innerException)
    {
        ArgumentName = "?";
        Reason = message;
    }

    /// <summary>Creates the exception for one argument.</summary>
    /// <param name="argumentName">The argument.</param>
    /// <param name="reason">What is wrong with it, phrased to follow the argument name.</param>
    /// <param name="innerException">The cause, if any.</param>
    public ActionArgumentException(string argumentName, string reason, Exception? innerException = null)
        : base($"Argument '{argumentName}' {reason}.", innerException)
    {
        ArgumentName = argumentName;
        Reason = reason;
    }

    /// <summary>The argument that could not be bound.</summary>
    public string ArgumentName { get; }

    /// <summary>What is wrong with it.</summary>
    public string Reason { get; }
}
