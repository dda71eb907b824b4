using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Clarify.Typed.Inserts;
using Clarify.Typed.Models;
using Clarify.Typed.Rpc;

namespace Clarify.Typed.Tests.Rpc;

public sealed class InsertChunkingTests
{
    private static readonly DateTimeOffset Start = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_20_MiB_insert_is_split_into_requests_under_8_MiB_whose_rows_equal_the_input()
    {
        DataFrame frame = RandomFrame(rows: 190_000, series: 5, seed: 7);
        int call = 0;
        using var server = new FakeClarify(FakeClarify.Result(_ =>
            $$"""{"signalsByInput":{"k0":{"id":"c5vv12btaf7d0qbk0l0e","created":{{(++call == 2 ? "true" : "false")}}} } }"""));
        using ClarifyClient client = server.CreateRpcClient();

        InsertResult result = await client.InsertAsync(frame, SafetyNet.Token);

        var bodies = server.Requests.Select(e => e.Body).ToList();
        long total = bodies.Sum(b => (long)Encoding.UTF8.GetByteCount(b));
        Assert.True(total > 20L * 1024 * 1024, $"the test frame is only {total} bytes");
        Assert.True(bodies.Count >= 3, $"{bodies.Count} requests");
        Assert.All(bodies, b => Assert.True(Encoding.UTF8.GetByteCount(b) <= ClarifyClientOptions.DefaultMaxRequestBytes));
        Assert.All(server.Requests, e => Assert.Equal(
            Encoding.UTF8.GetByteCount(e.Body).ToString(System.Globalization.CultureInfo.InvariantCulture),
            e.Headers["Content-Length"].Single()));

        List<JsonObject> requests = server.Requests.Select(r => r.Json).ToList();
        Assert.Equal(Enumerable.Range(1, bodies.Count).Select(i => (long)i), requests.Select(r => r["id"]!.GetValue<long>()));
        Assert.Equal(frame.Times.Select(t => t.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFF'Z'", System.Globalization.CultureInfo.InvariantCulture)),
            requests.SelectMany(r => r["params"]!["data"]!["times"]!.AsArray().Select(t => t!.GetValue<string>())));
        foreach (string key in frame.Keys)
        {
            Assert.Equal(frame[key]!, requests.SelectMany(r => r["params"]!["data"]!["series"]![key]!.AsArray().Select(v => v?.GetValue<double>())));
        }

        Assert.True(result.SignalsByInput["k0"].Created, "created in any chunk counts as created");
    }

    [Fact]
    public async Task A_frame_within_the_limit_is_one_request()
    {
        using var server = new FakeClarify(FakeClarify.Result("""{"signalsByInput":{}}"""));
        using ClarifyClient client = server.CreateRpcClient();

        await client.InsertAsync(RandomFrame(rows: 1000, series: 3, seed: 1), SafetyNet.Token);

        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Chunks_are_as_large_as_the_limit_allows_and_exact()
    {
        DataFrame frame = RandomFrame(rows: 5000, series: 2, seed: 3);
        const long limit = 16 * 1024;

        var rows = new List<int>();
        foreach (InsertChunk chunk in InsertChunker.Format(TestCredentials.IntegrationId, frame, limit))
        {
            rows.AddRange(Enumerable.Range(chunk.Start, chunk.Count));
            using var content = new InsertRequestContent(long.MaxValue, TestCredentials.IntegrationId, frame, chunk);
            byte[] body = await content.ReadAsByteArrayAsync(SafetyNet.Token);
            Assert.True(body.Length <= limit);
            Assert.Equal(body.Length, content.Headers.ContentLength);
            if (chunk.Start + chunk.Count < frame.RowCount)
            {
                byte[] grown = InsertBodyTests.OracleBody(long.MaxValue, frame, chunk.Start, chunk.Count + 1);
                Assert.True(grown.Length > limit, "one more row would have fitted");
            }
        }

        Assert.Equal(Enumerable.Range(0, frame.RowCount), rows);
    }

    [Fact]
    public async Task A_row_that_cannot_fit_alone_fails_before_sending()
    {
        var series = Enumerable.Range(0, 200).ToDictionary(i => $"series-{i}", i => (IReadOnlyList<double?>)[Math.PI * i]);
        var frame = new DataFrame([Start], series);
        using var server = new FakeClarify(FakeClarify.Result("""{"signalsByInput":{}}"""));
        using ClarifyClient client = server.CreateRpcClient(new ClarifyClientOptions { EnableRateLimiting = false, MaxRequestBytes = 2048 });

        ClarifyRequestTooLargeException error = await Assert.ThrowsAsync<ClarifyRequestTooLargeException>(() => client.InsertAsync(frame, SafetyNet.Token));

        Assert.Equal(0, error.RowIndex);
        Assert.Equal(2048, error.MaxRequestBytes);
        Assert.True(error.RequestBytes > 2048);
        Assert.Contains("fewer series", error.Message, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    private static DataFrame RandomFrame(int rows, int series, int seed)
    {
        var random = new Random(seed);
        DateTimeOffset[] times = Enumerable.Range(0, rows).Select(i => Start.AddTicks(i * 10_000_010L)).ToArray();
        var columns = Enumerable.Range(0, series).ToDictionary(
            s => $"k{s}",
            s => (IReadOnlyList<double?>)Enumerable.Range(0, rows).Select(r => r % 17 == s ? (double?)null : random.NextDouble() * 1e6).ToArray());
        return new DataFrame(times, columns);
    }
}

public sealed class InsertChunkingProperties
{
    [FsCheck.Xunit.Property(MaxTest = 60)]
    public bool Every_plan_covers_each_row_once_and_every_request_fits(byte rows, byte series, ushort extraBytes, int seed)
    {
        var random = new Random(seed);
        int rowCount = 1 + (rows % 120);
        DateTimeOffset[] times = Enumerable.Range(0, rowCount).Select(i => new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(i * 7_654_321L)).ToArray();
        var columns = Enumerable.Range(0, 1 + (series % 6)).ToDictionary(
            s => $"key/{s}",
            s => (IReadOnlyList<double?>)times.Select(_ => random.Next(4) == 0 ? null : (double?)(random.NextDouble() * Math.Pow(10, random.Next(-8, 12)))).ToArray());
        var frame = new DataFrame(times, columns);
        long oneRow = InsertRequestContent.EmptyEnvelopeBytes(long.MaxValue, TestCredentials.IntegrationId, frame)
            + Enumerable.Range(0, rowCount).Max(r => DataFrameRowWriter.RowBytes(frame, r));
        long limit = oneRow + (extraBytes % 4000);

        var sent = new List<int>();
        bool fits = true;
        foreach (InsertChunk chunk in InsertChunker.Format(TestCredentials.IntegrationId, frame, limit))
        {
            sent.AddRange(Enumerable.Range(chunk.Start, chunk.Count));
            using var content = new InsertRequestContent(long.MaxValue, TestCredentials.IntegrationId, frame, chunk);
            long length = content.ReadAsStream().Length;
            fits &= length <= limit && length == content.Headers.ContentLength;
        }

        return sent.SequenceEqual(Enumerable.Range(0, rowCount)) && fits;
    }
}
