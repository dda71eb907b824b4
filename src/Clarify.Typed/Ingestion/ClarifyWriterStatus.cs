namespace Clarify.Typed.Ingestion;

/// <summary>How <see cref="ClarifyWriter"/>'s sending stands; <see cref="ClarifyWriter.LastError"/> says why when it is not <see cref="Sending"/>.</summary>
public enum ClarifyWriterStatus
{
    /// <summary>Inserts go through (or nothing is pending).</summary>
    Sending,

    /// <summary>Clarify could not be reached or answered with a transient error; the writer retries with back-off.</summary>
    Retrying,

    /// <summary>Clarify refused the credentials or the integration's access; the writer retries at the longest back-off and keeps every point.</summary>
    AuthenticationFailed,

    /// <summary>The writer is disposed.</summary>
    Disposed,
}
