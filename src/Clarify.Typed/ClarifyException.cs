using System;

namespace Clarify.Typed;

/// <summary>
/// The base of every error Clarify.Typed raises, so callers can catch them all in one place.
/// Messages say what to fix and never contain a secret or an access token.
/// </summary>
public abstract class ClarifyException : Exception
{
    /// <summary>Creates the exception.</summary>
    protected ClarifyException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    protected ClarifyException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
