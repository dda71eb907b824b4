using System;

namespace Clarify.Typed;

/// <summary>
/// The error a dead letter was set aside with, as a durable store read it back when it was not a
/// <see cref="ClarifyRpcException"/> (which is restored as itself): the original exception's
/// type and message.
/// </summary>
public sealed class ClarifyStoredErrorException : ClarifyException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="errorType">The full name of the original exception's type, e.g. <c>Clarify.Typed.ClarifyHttpException</c>.</param>
    /// <param name="message">The original exception's message.</param>
    public ClarifyStoredErrorException(string errorType, string message)
        : base(message)
    {
        ArgumentNullException.ThrowIfNull(errorType);
        ErrorType = errorType;
    }

    /// <summary>The full name of the original exception's type.</summary>
    public string ErrorType { get; }
}
