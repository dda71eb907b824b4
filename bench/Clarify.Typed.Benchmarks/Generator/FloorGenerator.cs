using Microsoft.CodeAnalysis;

namespace Clarify.Typed.Benchmarks.Generator;

/// <summary>
/// An incremental generator of the same shape as the credentials generator (additional texts
/// in, one source output) that does no work: what any generator costs the driver per run, the
/// floor under which no re-run can go.
/// </summary>
internal sealed class FloorGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context) =>
        context.RegisterSourceOutput(context.AdditionalTextsProvider.Select(static (text, _) => text.Path), static (_, _) => { });
}
