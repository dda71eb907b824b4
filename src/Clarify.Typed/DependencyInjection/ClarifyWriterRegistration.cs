namespace Clarify.Typed.DependencyInjection;

/// <summary>An integration whose <see cref="Ingestion.ClarifyWriter"/> <c>AddWriter</c> registered (keyed by <paramref name="Name"/>).</summary>
internal sealed record ClarifyWriterRegistration(string Name);
