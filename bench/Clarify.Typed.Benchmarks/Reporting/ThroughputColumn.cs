using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Clarify.Typed.Benchmarks.Reporting;

/// <summary>
/// A rate per second from a <see cref="BenchmarkFacts"/> amount per operation (bytes, points)
/// and the measured mean time: e.g. MB/s of JSON written.
/// </summary>
internal sealed class ThroughputColumn(string amountFact, string columnName, double unit, string legend) : IColumn
{
    public string Id => "Throughput." + columnName;

    public string ColumnName => columnName;

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 1;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => legend;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
    {
        string? amount = BenchmarkFacts.Read(FactColumn.KeyOf(benchmarkCase), amountFact);
        double? meanNanoseconds = summary[benchmarkCase]?.ResultStatistics?.Mean;
        if (amount is null || meanNanoseconds is not > 0 || !double.TryParse(amount, NumberStyles.Float, CultureInfo.InvariantCulture, out double perOperation))
        {
            return "-";
        }

        return (perOperation / unit / (meanNanoseconds.Value / 1e9)).ToString("0.0", CultureInfo.InvariantCulture);
    }

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;
}
