using System.Linq;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Clarify.Typed.Benchmarks.Reporting;

/// <summary>A summary column showing one <see cref="BenchmarkFacts"/> fact of each benchmark case ("-" where it has none).</summary>
internal sealed class FactColumn(string fact, string legend) : IColumn
{
    public string Id => "Fact." + fact;

    public string ColumnName => fact;

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => false;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => legend;

    public static string KeyOf(BenchmarkCase benchmarkCase) => BenchmarkFacts.Key(
        benchmarkCase.Descriptor.Type.Name,
        benchmarkCase.Descriptor.WorkloadMethod.Name,
        [.. benchmarkCase.Parameters.Items.Select(p => (p.Name, p.Value))]);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => BenchmarkFacts.Read(KeyOf(benchmarkCase), fact) ?? "-";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;
}
