using System.Globalization;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Clarify.Typed.Benchmarks.Reporting;

/// <summary>
/// A rate per second from a <see cref="BenchmarkFacts"/> amount per operation (bytes, points)
/// and the measured mean time: e.g. MB/s of JSON written.
/// </summary>
internal sealed class ThroughputColumn(string amountFact, string columnName, double unit, string legend)
    : SummaryColumn("Throughput." + columnName, columnName, legend, isNumeric: true)
{
    public override string GetValue(Summary summary, BenchmarkCase benchmarkCase)
    {
        string? amount = BenchmarkFacts.Read(FactColumn.KeyOf(benchmarkCase), amountFact);
        double? meanNanoseconds = summary[benchmarkCase]?.ResultStatistics?.Mean;
        if (amount is null || meanNanoseconds is not > 0 || !double.TryParse(amount, NumberStyles.Float, CultureInfo.InvariantCulture, out double perOperation))
        {
            return "-";
        }

        return (perOperation / unit / (meanNanoseconds.Value / 1e9)).ToString("0.0", CultureInfo.InvariantCulture);
    }
}
