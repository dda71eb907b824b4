using System;
using Clarify.Typed.Authentication;
using Clarify.Typed.Rpc;
using Microsoft.Extensions.Options;

namespace Clarify.Typed.DependencyInjection;

/// <summary>
/// Runs the checks of <see cref="ClarifyClientOptions"/> and <see cref="ClarifyTokenCacheOptions"/>
/// at host start (with <c>ValidateOnStart</c>), so an out-of-range page size or back-off stops the
/// host with the integration's name instead of failing the first call.
/// </summary>
internal sealed class ClarifyPipelineOptionsValidator : IValidateOptions<ClarifyClientOptions>, IValidateOptions<ClarifyTokenCacheOptions>
{
    public ValidateOptionsResult Validate(string? name, ClarifyClientOptions options) => Check(name, options.Validate);

    public ValidateOptionsResult Validate(string? name, ClarifyTokenCacheOptions options) => Check(name, options.Validate);

    private static ValidateOptionsResult Check(string? name, Action validate)
    {
        try
        {
            validate();
            return ValidateOptionsResult.Success;
        }
        catch (Exception ex) when (ex is ArgumentException or ClarifyConfigurationException)
        {
            return ValidateOptionsResult.Fail(ClarifySettingsValidator.Failure(name, ex.Message));
        }
    }
}
