using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Clarify.Typed.Authentication;
using Clarify.Typed.Emulator;
using Clarify.Typed.Models;
using static Clarify.Typed.EndToEnd.Tests.Infrastructure.EndToEnd;

namespace Clarify.Typed.EndToEnd.Tests;

/// <summary>
/// The client against an https emulator: unchanged, given (as <c>ClarifyClient.Create</c>'s primary
/// handler) a transport that trusts the emulator's self-signed certificate.
/// </summary>
public sealed class HttpsTests
{
    [Fact]
    public async Task The_client_saves_inserts_publishes_and_reads_over_https_with_one_token()
    {
        await using ClarifyEmulator emulator = await StartEmulatorAsync(configure: o => o.UseHttps = true);
        using ClarifyClient client = CreateClient(emulator);

        Dictionary<string, string> items = await PublishAsync(client, new Dictionary<string, SignalSave> { ["boiler/temperature"] = new() { Name = "Boiler temperature" } });
        await client.InsertAsync(DataFrame.CreateBuilder()
            .AddRow(new DateTimeOffset(2024, 5, 1, 10, 0, 0, TimeSpan.Zero), "boiler/temperature", 71.5)
            .AddRow(new DateTimeOffset(2024, 5, 1, 10, 1, 0, TimeSpan.Zero), "boiler/temperature", 72.25)
            .Build());
        Selection<List<Resource<ItemAttributes>>> selected = await client.SelectItemsAsync(Items(items.Values));

        Assert.Equal(Uri.UriSchemeHttps, emulator.ApiUrl.Scheme);
        Assert.Equal("Boiler temperature", Assert.Single(selected.Data!).Attributes!.Name);
        Assert.Equal(1, emulator.TokenRequestCount);
        Assert.Equal(4, emulator.RpcRequestCount);
    }

    [Fact]
    public async Task A_revoked_token_is_replaced_over_https_as_over_http()
    {
        await using ClarifyEmulator emulator = await StartEmulatorAsync(configure: o => o.UseHttps = true);
        using ClarifyClient client = CreateClient(emulator);
        await client.SelectItemsAsync();

        emulator.Faults.ExpireAllTokens();
        await client.SelectItemsAsync();

        Assert.Equal(2, emulator.IssuedTokenCount);
        Assert.Equal(3, emulator.RpcRequestCount); // the refused call was replayed once
    }

    [Fact]
    public async Task Without_a_transport_that_trusts_the_certificate_the_client_fails_with_a_typed_error()
    {
        await using ClarifyEmulator emulator = await StartEmulatorAsync(configure: o => o.UseHttps = true);
        using ClarifyClient client = CreateClient(emulator.Options);

        ClarifyAuthenticationException error = await Assert.ThrowsAsync<ClarifyAuthenticationException>(() => client.SelectItemsAsync());

        Assert.Contains("SSL", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, emulator.TokenRequestCount);
        Assert.DoesNotContain(ClarifyEmulatorOptions.DefaultClientSecret, error.ToString(), StringComparison.Ordinal);
    }
}
