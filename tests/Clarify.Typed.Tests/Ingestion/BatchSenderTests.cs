using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Clarify.Typed.Diagnostics;
using Clarify.Typed.Ingestion;
using Clarify.Typed.Models;
using Clarify.Typed.Rpc;
using Clarify.Typed.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using static Clarify.Typed.Tests.Ingestion.ClarifyMemoryWriterStoreTests;

namespace Clarify.Typed.Tests.Ingestion;

/// <summary>How one send copes with Clarify's refusals, against a scripted insert.</summary>
public sealed class BatchSenderTests
{
    private readonly ClarifyMemoryWriterStore _store = new(1_000_000);
    private readonly List<DataFrame> _accepted = [];
    private readonly List<ClarifyDeadLetter> _raised = [];
    private readonly List<ClarifyWriterStatus> _statuses = [];

    [Fact]
    public async Task A_key_clarify_names_in_the_error_is_dead_lettered_and_the_rest_is_sent()
    {
        BatchSender sender = Sender(frame => frame.Keys.Contains("bad") ? Refusal(named: "bad") : null);
        WritePoint[] points = [.. Points("good1", 5), .. Points("bad", 4), .. Points("good2", 3)];

        int acknowledged = await sender.SendAsync(points, default).Within();

        Assert.Equal(8, acknowledged);
        Assert.Equal(["good1", "good2"], _accepted.Single().Keys.Order());
        ClarifyDeadLetter deadLetter = Assert.Single(await _store.ReadDeadLettersAsync(default));
        Assert.Equal(points.Where(p => p.InputKey == "bad"), deadLetter.Points);
        Assert.Contains("data.series.bad", Assert.IsType<ClarifyRpcException>(deadLetter.Error).Params.Keys);
        Assert.Same(deadLetter, Assert.Single(_raised));
    }

    [Fact]
    public async Task When_clarify_names_no_key_the_keys_are_halved_until_the_refused_one_is_alone()
    {
        BatchSender sender = Sender(frame => frame.Keys.Contains("k5") ? Refusal(named: null) : null);
        WritePoint[] points = Enumerable.Range(0, 8).SelectMany(k => Points($"k{k}", 3)).ToArray();

        int acknowledged = await sender.SendAsync(points, default).Within();

        Assert.Equal(21, acknowledged);
        Assert.Equal(Enumerable.Range(0, 8).Where(k => k != 5).Select(k => $"k{k}"), _accepted.SelectMany(f => f.Keys).Order());
        ClarifyDeadLetter deadLetter = Assert.Single(await _store.ReadDeadLettersAsync(default));
        Assert.Equal(["k5"], deadLetter.Points.Select(p => p.InputKey).Distinct());
        Assert.Equal(3, deadLetter.Points.Count);
    }

    [Fact]
    public async Task Transient_failures_are_retried_with_back_off_until_the_insert_succeeds()
    {
        var time = new FakeTimeProvider();
        int calls = 0;
        BatchSender sender = Sender(_ => ++calls <= 3 ? new ClarifyHttpException(ClarifyRpcMethods.Insert, HttpStatusCode.ServiceUnavailable, "down") : null, time);

        Task<int> send = sender.SendAsync(Points("a", 2), default);
        while (!send.IsCompleted)
        {
            time.Advance(TimeSpan.FromMilliseconds(250));
            await Task.Delay(1);
        }

        Assert.Equal(2, await send);
        Assert.Equal(4, calls);
        Assert.Equal([ClarifyWriterStatus.Retrying, ClarifyWriterStatus.Retrying, ClarifyWriterStatus.Retrying, ClarifyWriterStatus.Sending], _statuses);
        Assert.Empty(await _store.ReadDeadLettersAsync(default));
    }

    [Fact]
    public async Task A_servers_retry_after_replaces_the_back_off()
    {
        var time = new FakeTimeProvider();
        int calls = 0;
        BatchSender sender = Sender(
            _ => ++calls == 1 ? new ClarifyHttpException(ClarifyRpcMethods.Insert, HttpStatusCode.TooManyRequests, null) { RetryAfter = TimeSpan.FromSeconds(30) } : null,
            time);

        Task<int> send = sender.SendAsync(Points("a", 2), default);
        time.Advance(TimeSpan.FromSeconds(29));
        await Task.Delay(20);
        Assert.Equal(1, calls);

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(2, await send.Within());
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task An_authentication_failure_pauses_without_dead_lettering()
    {
        var time = new FakeTimeProvider();
        int calls = 0;
        BatchSender sender = Sender(_ => ++calls == 1 ? new ClarifyAuthenticationException("refused") : null, time);

        Task<int> send = sender.SendAsync(Points("a", 2), default);
        await Task.Delay(20);
        Assert.False(send.IsCompleted);
        Assert.Equal([ClarifyWriterStatus.AuthenticationFailed], _statuses);

        time.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(2, await send.Within());
        Assert.Equal(2, calls);
        Assert.Empty(await _store.ReadDeadLettersAsync(default));
    }

    private static ClarifyRpcException Refusal(string? named) => new(ClarifyRpcMethods.Insert, new JsonRpcError
    {
        Code = (int)ClarifyRpcErrorCode.InvalidParams,
        Message = "Invalid params",
        Data = new JsonRpcErrorData { Params = named is null ? null : new() { ["data.series." + named] = ["rejected"] } },
    });

    private BatchSender Sender(Func<DataFrame, ClarifyException?> answer, TimeProvider? time = null) => new(
        (frame, _) =>
        {
            if (answer(frame) is ClarifyException e)
            {
                return Task.FromException(e);
            }

            _accepted.Add(frame);
            return Task.CompletedTask;
        },
        _store,
        new ClarifyWriterOptions { RetryInitialDelay = TimeSpan.FromSeconds(1), RetryMaxDelay = TimeSpan.FromSeconds(60) },
        time ?? TimeProvider.System,
        NullLogger.Instance,
        (status, _) => _statuses.Add(status),
        _raised.Add,
        ClarifyMetrics.Shared.Writers);
}
