using System;

namespace Clarify.Typed.Emulator;

/// <summary>The emulator cannot start or is misconfigured; the message says what to change.</summary>
public sealed class ClarifyEmulatorException : ClarifyException
{
    /// <summary>Creates the exception.</summary>
    public ClarifyEmulatorException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public ClarifyEmulatorException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
