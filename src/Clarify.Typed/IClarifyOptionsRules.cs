using System.Collections.Generic;

namespace Clarify.Typed;

/// <summary>
/// Options that know their own rules. Each rule lives in its options type; dependency injection
/// reports the problems at host start (<see cref="DependencyInjection.ClarifyOptionsValidator{TOptions}"/>),
/// and the constructors that take the options throw them all in one <see cref="ClarifyConfigurationException"/>.
/// </summary>
internal interface IClarifyOptionsRules
{
    /// <summary>Every problem with the options, one sentence each saying what to fix; empty when they are usable.</summary>
    IReadOnlyList<string> Problems();
}
