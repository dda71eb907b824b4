using System.Globalization;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Clarify.Typed.Benchmarks.Reporting;

/// <summary>Bytes allocated per unit of a <see cref="BenchmarkFacts"/> amount per operation (e.g. per point): MemoryDiagnoser's Allocated divided by the amount.</summary>
internal sealed class AllocationPerAmountColumn(string amountFact, string columnName, string legend)
    : SummaryColumn("AllocationPer." + columnName, columnName, legend, isNumeric: true)
{
    public override string GetValue(Summary summary, BenchmarkCase benchmarkCase)
    {
        string? amount = BenchmarkFacts.Read(FactColumn.KeyOf(benchmarkCase), amountFact);
        BenchmarkReport? report = summary[benchmarkCase];
        long? allocated = report?.GcStats.GetBytesAllocatedPerOperation(benchmarkCase);
        if (amount is null || allocated is null || !double.TryParse(amount, NumberStyles.Float, CultureInfo.InvariantCulture, out double perOperation) || perOperation <= 0)
        {
            return "-";
        }

        return (allocated.Value / perOperation).ToString("0.00", CultureInfo.InvariantCulture);
    }
}
