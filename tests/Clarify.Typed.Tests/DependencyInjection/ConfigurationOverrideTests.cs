using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Clarify.Typed.Authentication;
using Clarify.Typed.DependencyInjection;
using Clarify.Typed.Rpc;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Clarify.Typed.Tests.DependencyInjection;

public sealed class ConfigurationOverrideTests : IDisposable
{
    private const string OverrideSecret = "override-S3cret-From-Env-5d0a";

    private readonly FakeClarify _clarify = new();

    public void Dispose() => _clarify.Dispose();

    private static IConfiguration Section(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection("Clarify");

    [Theory]
    [InlineData("ApiUrl")]
    [InlineData("Integration")]
    [InlineData("Name")]
    [InlineData("Credentials:Type")]
    [InlineData("Credentials:ClientId")]
    [InlineData("Credentials:ClientSecret")]
    public async Task Each_key_overrides_its_compiled_field_in_the_resolved_options(string key)
    {
        ClarifyOptions compiled = _clarify.Options();
        string value = key switch
        {
            "ApiUrl" => "https://eu.clarify.io/v1",
            "Integration" => TestCredentials.OtherIntegrationId,
            "Name" => "From configuration",
            "Credentials:Type" => "basic-auth",
            "Credentials:ClientId" => TestCredentials.OtherClientId,
            _ => OverrideSecret,
        };
        using IHost host = await TestHosts.StartAsync(services => services.AddClarify(compiled, Section(new() { ["Clarify:" + key] = value })));

        ClarifyOptions resolved = host.Services.GetRequiredService<ClarifyOptions>();

        Assert.Equal(OptionFields.WithOverride(compiled, key, value), OptionFields.Of(resolved));
    }

    [Fact]
    public async Task A_secret_from_an_environment_variable_is_the_one_sent_to_the_token_endpoint()
    {
        // A unique prefix keeps parallel tests and the machine's own variables apart.
        string prefix = $"CLARIFY_TYPED_TEST_{Guid.NewGuid():N}_";
        Environment.SetEnvironmentVariable(prefix + "Clarify__Credentials__ClientSecret", OverrideSecret);
        try
        {
            IConfiguration configuration = new ConfigurationBuilder().AddEnvironmentVariables(prefix).Build();
            using IHost host = await TestHosts.StartAsync(services => services
                .WithoutRateLimits()
                .AddClarify(_clarify.Options(), configuration.GetSection("Clarify")));

            await host.Services.GetRequiredService<ClarifyClient>().SelectItemsAsync().Within();

            Assert.Equal([OverrideSecret], _clarify.TokenRequests.Select(r => r.Form["client_secret"]));
            Assert.Equal(FakeClarify.Bearer(1), Assert.Single(_clarify.ApiRequests).Authorization);
        }
        finally
        {
            Environment.SetEnvironmentVariable(prefix + "Clarify__Credentials__ClientSecret", null);
        }
    }

    [Fact]
    public async Task Configuration_alone_registers_a_working_integration()
    {
        IConfiguration section = Section(new()
        {
            ["Clarify:ApiUrl"] = _clarify.ApiUrl.AbsoluteUri,
            ["Clarify:Integration"] = TestCredentials.OtherIntegrationId,
            ["Clarify:Credentials:ClientId"] = TestCredentials.OtherClientId,
            ["Clarify:Credentials:ClientSecret"] = TestCredentials.OtherClientSecret,
        });
        using IHost host = await TestHosts.StartAsync(services => services.WithoutRateLimits().AddClarify(section).AddApi<IStatusApi>());

        await host.Services.GetRequiredService<IStatusApi>().GetStatusAsync().Within();

        Assert.Equal(TestCredentials.OtherIntegrationId, host.Services.GetRequiredService<ClarifyOptions>().IntegrationId);
        Assert.Equal([TestCredentials.OtherClientSecret], _clarify.TokenRequests.Select(r => r.Form["client_secret"]));
        Assert.Equal(FakeClarify.Bearer(1, TestCredentials.OtherClientId), Assert.Single(_clarify.ApiRequests).Authorization);
    }

    public static TheoryData<string, string, string> InvalidOverrides => new()
    {
        { "ApiUrl", "http://api.clarify.io/v1/", "uses plain http for the host 'api.clarify.io'" },
        { "Credentials:Type", "oauth2", "'credentials.type' is 'oauth2'" },
        { "Integration", "", "'integration' is empty" },
        { "Credentials:ClientId", " ", "'credentials.clientId' is empty" },
    };

    [Theory]
    [MemberData(nameof(InvalidOverrides))]
    public async Task An_invalid_override_fails_host_start_with_the_validator_message_and_no_secret(string key, string value, string expected)
    {
        IConfiguration section = Section(new() { ["Clarify:" + key] = value, ["Clarify:Credentials:ClientSecret"] = OverrideSecret });
        using IHost host = TestHosts.Build(services => services.AddClarify(_clarify.Options(), section));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync().Within());

        string failure = Assert.Single(error.Failures);
        Assert.StartsWith("Clarify: ", failure, StringComparison.Ordinal);
        Assert.Contains(expected, failure, StringComparison.Ordinal);
        Assert.DoesNotContain(OverrideSecret, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(TestCredentials.ClientSecret, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Out_of_range_client_options_fail_host_start_instead_of_the_first_call()
    {
        using IHost host = TestHosts.Build(services => services
            .Configure<ClarifyClientOptions>(o => o.PageSize = 0)
            .AddClarify(_clarify.Options()));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync().Within());

        string failure = Assert.Single(error.Failures);
        Assert.StartsWith("Clarify: ", failure, StringComparison.Ordinal);
        Assert.Contains("PageSize must be between 1 and 1000", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_out_of_range_client_option_fails_host_start_in_one_exception()
    {
        using IHost host = TestHosts.Build(services => services
            .Configure<ClarifyClientOptions>(o => (o.PageSize, o.MaxRequestBytes) = (0, 10))
            .AddClarify(_clarify.Options()));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync().Within());

        Assert.Equal(typeof(ClarifyClientOptions), error.OptionsType);
        Assert.Equal(
            [
                "Clarify: ClarifyClientOptions.MaxRequestBytes must be at least 1024 bytes (it is 10).",
                "Clarify: ClarifyClientOptions.PageSize must be between 1 and 1000 (it is 0).",
            ],
            error.Failures);
    }

    [Fact]
    public async Task Every_problem_of_every_options_type_fails_host_start_at_once_naming_the_integration()
    {
        IConfiguration section = Section(new() { ["Clarify:Credentials:ClientSecret"] = OverrideSecret });
        using IHost host = TestHosts.Build(services =>
        {
            services.AddClarify(_clarify.Options());
            services.AddClarify("plant-b", null, section);
            services.Configure<ClarifyClientOptions>("plant-b", o => (o.PageSize, o.MaxRequestBytes) = (0, 10));
            services.Configure<ClarifyTokenCacheOptions>("plant-b", o => (o.ExpirySkew, o.MaxBackoff) = (TimeSpan.FromSeconds(-1), TimeSpan.FromMilliseconds(1)));
        });

        var error = await Assert.ThrowsAsync<AggregateException>(() => host.StartAsync().Within());

        OptionsValidationException[] failed = error.InnerExceptions.Cast<OptionsValidationException>().ToArray();
        Assert.All(failed, e => Assert.Equal("plant-b", e.OptionsName));
        Assert.Equal(
            [typeof(ClarifyClientOptions), typeof(ClarifySettings), typeof(ClarifyTokenCacheOptions)],
            failed.Select(e => e.OptionsType).OrderBy(t => t.Name, StringComparer.Ordinal));
        string[] failures = failed.SelectMany(e => e.Failures).ToArray();
        Assert.All(failures, f => Assert.StartsWith("Clarify integration 'plant-b': ", f, StringComparison.Ordinal));
        string[] expected =
        [
            "'integration' is missing",
            "'credentials.clientId' is missing",
            "ClarifyClientOptions.MaxRequestBytes must be at least 1024 bytes",
            "ClarifyClientOptions.PageSize must be between 1 and 1000",
            "ClarifyTokenCacheOptions.ExpirySkew is negative",
            "ClarifyTokenCacheOptions.MaxBackoff (00:00:00.0010000) is shorter than InitialBackoff",
        ];
        Assert.Equal(expected.Length, failures.Length);
        Assert.All(expected, e => Assert.Contains(failures, f => f.Contains(e, StringComparison.Ordinal)));
        Assert.DoesNotContain(OverrideSecret, error.ToString(), StringComparison.Ordinal);
        Assert.Empty(_clarify.TokenRequests);
    }

    [Fact]
    public async Task Inconsistent_token_cache_options_fail_host_start_naming_the_integration()
    {
        using IHost host = TestHosts.Build(services =>
        {
            services.AddClarify(_clarify.Options());
            services.AddClarify("plant-b", _clarify.OtherOptions());
            services.Configure<ClarifyTokenCacheOptions>("plant-b", o => o.MaxBackoff = TimeSpan.FromMilliseconds(1));
        });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync().Within());

        Assert.Equal("plant-b", error.OptionsName);
        string failure = Assert.Single(error.Failures);
        Assert.StartsWith("Clarify integration 'plant-b': ", failure, StringComparison.Ordinal);
        Assert.Contains("MaxBackoff", failure, StringComparison.Ordinal);
        Assert.Empty(_clarify.TokenRequests);
    }

    [Fact]
    public void Without_a_host_the_first_resolution_fails_with_the_same_exception()
    {
        IConfiguration section = Section(new() { ["Clarify:ApiUrl"] = "http://api.clarify.io/v1/" });
        using ServiceProvider services = new ServiceCollection().AddClarify(_clarify.Options(), section).Services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<ClarifyClient>());

        Assert.Contains("uses plain http for the host 'api.clarify.io'", Assert.Single(error.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_named_integration_missing_values_fails_start_naming_the_integration_and_each_value()
    {
        IConfiguration section = Section(new() { ["Clarify:Credentials:ClientSecret"] = OverrideSecret });
        using IHost host = TestHosts.Build(services =>
        {
            services.AddClarify(_clarify.Options());
            services.AddClarify("plant-b", null, section);
        });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync().Within());

        Assert.Equal("plant-b", error.OptionsName);
        Assert.Equal(2, error.Failures.Count());
        Assert.All(error.Failures, f => Assert.StartsWith("Clarify integration 'plant-b': ", f, StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("'integration' is missing", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("'credentials.clientId' is missing", StringComparison.Ordinal));
        Assert.DoesNotContain(OverrideSecret, error.ToString(), StringComparison.Ordinal);
    }
}
