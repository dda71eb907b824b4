using System;
using System.Collections.Generic;
using Clarify.Typed.DependencyInjection;
using Microsoft.Extensions.Configuration;

namespace Clarify.Typed.Tests.DependencyInjection;

public class ClarifySettingsTests
{
    private const string CompiledSecret = "compiled-secret-0123456789";
    private const string OverrideSecret = "override-secret-9876543210";

    private static readonly ClarifyOptions Compiled = new(
        new Uri("https://api.clarify.io/v1/"), "c0jd1g6qnk1emp4tq2ag", ClarifyCredential.ClientCredentials("compiled-client", CompiledSecret), "Compiled");

    private static ClarifySettings Merge(Dictionary<string, string?> values)
    {
        IConfiguration section = new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection("Clarify");
        var settings = new ClarifySettings();
        settings.CopyFrom(Compiled);
        settings.OverrideFrom(section);
        return settings;
    }

    [Theory]
    [InlineData("Clarify:ApiUrl", "https://eu.clarify.io/v1")]
    [InlineData("Clarify:Integration", "d0jd1g6qnk1emp4tq2ag")]
    [InlineData("Clarify:Name", "Overridden")]
    [InlineData("Clarify:Credentials:Type", "basic-auth")]
    [InlineData("Clarify:Credentials:ClientId", "other-client")]
    [InlineData("Clarify:Credentials:ClientSecret", OverrideSecret)]
    public void Each_configuration_key_overrides_only_its_own_field(string key, string value)
    {
        ClarifyOptions merged = Merge(new() { [key] = value }).ToOptions();

        Assert.Equal(OptionFields.WithOverride(Compiled, key["Clarify:".Length..], value), OptionFields.Of(merged));
    }

    [Fact]
    public void Invalid_combinations_are_reported_with_the_generator_wording_and_no_secret()
    {
        ClarifySettings settings = Merge(new()
        {
            ["Clarify:ApiUrl"] = "http://api.clarify.io/v1/",
            ["Clarify:Credentials:Type"] = "oauth2",
            ["Clarify:Credentials:ClientSecret"] = OverrideSecret,
        });

        IReadOnlyList<string> problems = settings.Validate();

        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.Contains("uses plain http for the host 'api.clarify.io'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'credentials.type' is 'oauth2'", StringComparison.Ordinal));
        Assert.All(problems, p => Assert.DoesNotContain(OverrideSecret, p, StringComparison.Ordinal));
        var error = Assert.Throws<ClarifyConfigurationException>(settings.ToOptions);
        Assert.DoesNotContain(OverrideSecret, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_without_compiled_values_report_each_missing_field()
    {
        var settings = new ClarifySettings();

        Assert.Equal(
            ["'integration' is missing", "'credentials.clientId' is missing", "'credentials.clientSecret' is missing"],
            [.. System.Linq.Enumerable.Select(settings.Validate(), p => p[..p.IndexOf(':', StringComparison.Ordinal)])]);
    }

    [Fact]
    public void ToString_redacts_the_secret()
    {
        ClarifySettings settings = Merge(new() { ["Clarify:Credentials:ClientSecret"] = OverrideSecret });

        Assert.DoesNotContain(OverrideSecret, settings.ToString(), StringComparison.Ordinal);
        Assert.Contains("ClientSecret = ***", settings.ToString(), StringComparison.Ordinal);
    }
}
