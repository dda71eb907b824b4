using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Threading.Tasks;
using Clarify.Typed.Emulator;
using Clarify.Typed.Sqlite.KillTarget;
using Clarify.Typed.Sqlite.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Clarify.Typed.Sqlite.Tests.Kill;

/// <summary>
/// The kill -9 test: a child process writes a million points through a writer on the SQLite store
/// to an emulator in this process, logging each acknowledged write; it is killed with SIGKILL at a
/// random moment, started again on the same file to flush, and the emulator must then hold every
/// acknowledged point with its exact value.
/// </summary>
public sealed class KillTests(ITestOutputHelper output) : IDisposable
{
    private const int TotalPoints = 1_000_000;

    private static readonly TimeSpan ChildLimit = TimeSpan.FromSeconds(90);

    private readonly StoreFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>
    /// The child writes far faster than Clarify takes points (about a second for the million), so
    /// the time windows after its first acknowledged write put the kill among its commits and at the
    /// end of its writes. The third case waits for progress instead, a random share of the points
    /// delivered to the emulator, to kill among its sends and acknowledgements while it flushes: on
    /// a quiet machine the whole flush can end within a few seconds, before a moment chosen by time.
    /// </summary>
    [Theory]
    [InlineData(0.0, 0.6, 0.0, 0.0)]
    [InlineData(0.6, 1.5, 0.0, 0.0)]
    [InlineData(0.0, 0.0, 0.2, 0.8)]
    public async Task Killed_at_a_random_moment_and_restarted_on_its_file_it_loses_no_acknowledged_point(double fromSeconds, double toSeconds, double fromDeliveredShare, double toDeliveredShare)
    {
        TimeSpan killAfter = TimeSpan.FromSeconds(fromSeconds + (Random.Shared.NextDouble() * (toSeconds - fromSeconds)));
        long killAtDelivered = (long)(TotalPoints * (fromDeliveredShare + (Random.Shared.NextDouble() * (toDeliveredShare - fromDeliveredShare))));
        await using ClarifyEmulator emulator = await ClarifyEmulator.StartAsync(new ClarifyEmulatorOptions { EnforceRateLimits = false });
        string store = _folder.File("outbox.db");
        string log = _folder.File("acknowledged.log");

        var watch = Stopwatch.StartNew();
        using (Child writer = Child.Start(emulator, "write", store, log, TotalPoints.ToString(System.Globalization.CultureInfo.InvariantCulture)))
        {
            while (AcknowledgedSpans(log).Count == 0)
            {
                AssertRunning(writer, watch);
                await Task.Delay(2);
            }

            var sinceFirst = Stopwatch.StartNew();
            while (sinceFirst.Elapsed < killAfter || emulator.InsertedValueCount < killAtDelivered)
            {
                AssertRunning(writer, watch);
                await Task.Delay(2);
            }

            writer.Process.Kill(); // SIGKILL
            await writer.Process.WaitForExitAsync();
        }

        TimeSpan killedAt = watch.Elapsed;
        HashSet<int> acknowledged = AcknowledgedSpans(log);
        long pendingInFile;
        await using (var left = Clarify.Typed.Ingestion.ClarifySqliteWriterStore.Open(store))
        {
            pendingInFile = left.PendingPoints;
        }

        using (Child flusher = Child.Start(emulator, "flush", store, log))
        {
            bool exited = flusher.Process.WaitForExit(ChildLimit);
            Assert.True(exited && flusher.Process.ExitCode == 0, $"The restarted writer did not flush (exited: {exited}):\n{flusher.Output}");
        }

        var samples = Enumerable.Range(0, KillPoints.Keys).Select(k => emulator.GetSamples(KillPoints.Key(k))).ToArray();
        List<int> lost = acknowledged
            .SelectMany(span => Enumerable.Range(span * KillPoints.SpanPoints, KillPoints.SpanPoints))
            .Where(i => !samples[i % KillPoints.Keys].TryGetValue(KillPoints.Time(i), out double value) || value != KillPoints.Value(i))
            .ToList();
        output.WriteLine(
            $"killed {killAfter.TotalSeconds:F2} s after the first acknowledged write, after {acknowledged.Count} of them, at {killedAt.TotalSeconds:F1} s, {pendingInFile} points pending in the file; " +
            $"emulator holds {samples.Sum(s => s.Count)} points; lost {lost.Count}; took {watch.Elapsed.TotalSeconds:F1} s");
        Assert.NotEmpty(acknowledged);
        Assert.True(lost.Count == 0, $"{lost.Count} acknowledged points are missing or wrong in the emulator, the first: {string.Join(", ", lost.Take(5))}");
    }

    private static void AssertRunning(Child writer, Stopwatch watch)
    {
        Assert.False(writer.Process.HasExited, $"The writer ended before it was killed (exit code {(writer.Process.HasExited ? writer.Process.ExitCode : 0)}):\n{writer.Output}");
        Assert.True(watch.Elapsed < ChildLimit, $"The writer was not killed within {ChildLimit}:\n{writer.Output}");
    }

    /// <summary>The spans the child logged as acknowledged; a record cut short by the kill does not count.</summary>
    private static HashSet<int> AcknowledgedSpans(string log)
    {
        if (!File.Exists(log))
        {
            return [];
        }

        using var stream = new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var bytes = new byte[stream.Length - (stream.Length % sizeof(int))];
        stream.ReadExactly(bytes);
        var spans = new HashSet<int>();
        for (int i = 0; i < bytes.Length; i += sizeof(int))
        {
            spans.Add(BitConverter.ToInt32(bytes, i));
        }

        return spans;
    }

    /// <summary>The kill target running as <c>dotnet &lt;dll&gt;</c>, its output collected for failure messages.</summary>
    private sealed class Child : IDisposable
    {
        private readonly StringBuilder _output = new();

        private Child(Process process) => Process = process;

        public Process Process { get; }

        public string Output
        {
            get
            {
                lock (_output)
                {
                    return _output.ToString();
                }
            }
        }

        public static Child Start(ClarifyEmulator emulator, string mode, string store, string log, params string[] more)
        {
            string target = typeof(KillTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ClarifyKillTarget").Value!;
            var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (string argument in new[] { target, mode, store, log, emulator.ApiUrl.ToString(), emulator.Options.IntegrationId, ClarifyEmulatorOptions.DefaultClientId }.Concat(more))
            {
                start.ArgumentList.Add(argument);
            }

            start.Environment["CLARIFY_CLIENT_SECRET"] = ClarifyEmulatorOptions.DefaultClientSecret;
            var child = new Child(new Process { StartInfo = start });
            child.Process.OutputDataReceived += (_, e) => child.Append(e.Data);
            child.Process.ErrorDataReceived += (_, e) => child.Append(e.Data);
            child.Process.Start();
            child.Process.BeginOutputReadLine();
            child.Process.BeginErrorReadLine();
            return child;
        }

        public void Dispose()
        {
            if (!Process.HasExited)
            {
                Process.Kill();
                Process.WaitForExit();
            }

            Process.Dispose();
        }

        private void Append(string? line)
        {
            if (line is not null)
            {
                lock (_output)
                {
                    _output.AppendLine(line);
                }
            }
        }
    }
}
