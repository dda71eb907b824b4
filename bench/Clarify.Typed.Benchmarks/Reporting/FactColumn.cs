using System.Linq;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Clarify.Typed.Benchmarks.Reporting;

/// <summary>A summary column showing one <see cref="BenchmarkFacts"/> fact of each benchmark case ("-" where it has none).</summary>
internal sealed class FactColumn(string fact, string legend) : SummaryColumn("Fact." + fact, fact, legend, isNumeric: false)
{
    public static string KeyOf(BenchmarkCase benchmarkCase) => BenchmarkFacts.Key(
        benchmarkCase.Descriptor.Type.Name,
        benchmarkCase.Descriptor.WorkloadMethod.Name,
        [.. benchmarkCase.Parameters.Items.Select(p => (p.Name, p.Value))]);

    public override string GetValue(Summary summary, BenchmarkCase benchmarkCase) => BenchmarkFacts.Read(KeyOf(benchmarkCase), ColumnName) ?? "-";
}
