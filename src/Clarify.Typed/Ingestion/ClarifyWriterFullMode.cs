namespace Clarify.Typed.Ingestion;

/// <summary>What <see cref="ClarifyWriter"/>'s writes do when the store holds <see cref="ClarifyWriterOptions.MaxPendingPoints"/>.</summary>
public enum ClarifyWriterFullMode
{
    /// <summary>The write waits until enough points are acknowledged (back-pressure). The default.</summary>
    Wait,

    /// <summary>The write throws <see cref="ClarifyWriterFullException"/> and stores none of its points.</summary>
    Throw,
}
