using System;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using Clarify.Typed.Generators.Analyzers;
using Clarify.Typed.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Clarify.Typed.Generators.Tests.Analyzers;

/// <summary>
/// CLARIFY120 on each call shape that takes input keys, at the exact span of the constant
/// ({|CLARIFY120:...|} marks it), and silence wherever the key is valid, not constant, not
/// written inline, or handed to another type's method of the same name.
/// </summary>
public class InputKeyAnalyzerTests
{
    [Fact]
    public Task DataFrameBuilder_AddRow_with_one_key() => AssertDiagnostics("""
        builder.AddRow(t, {|CLARIFY120:"boiler temperature"|}, 1.0);
        builder.AddRow(t, value: 2.0, inputKey: {|CLARIFY120:"boiler?"|});
        """);

    [Fact]
    public Task DataFrameBuilder_AddRow_with_params_pairs() => AssertDiagnostics("""
        builder.AddRow(t, new KeyValuePair<string, double?>({|CLARIFY120:"a b"|}, 1.0), KeyValuePair.Create<string, double?>({|CLARIFY120:"ä"|}, 2.0), new("ok", 3.0));
        """);

    [Fact]
    public Task DataFrameBuilder_AddRow_with_an_inline_dictionary_or_list() => AssertDiagnostics("""
        builder.AddRow(t, new Dictionary<string, double?> { { {|CLARIFY120:""|}, 1.0 }, { "ok", 2.0 } });
        builder.AddRow(t, new Dictionary<string, double?> { ["ok"] = 2.0, [{|CLARIFY120:"a,b"|}] = 3.0 });
        builder.AddRow(t, new List<KeyValuePair<string, double?>> { new({|CLARIFY120:"a;b"|}, 1.0) });
        """);

    [Fact]
    public Task DataFrameBuilder_AddRow_with_a_collection_expression_or_array() => AssertDiagnostics("""
        builder.AddRow(t, [new({|CLARIFY120:"x y"|}, 1.0), new("ok", 2.0)]);
        builder.AddRow(t, new KeyValuePair<string, double?>[] { new({|CLARIFY120:"x\ty"|}, 1.0) });
        """);

    [Fact]
    public Task DataFrame_constructor_series() => AssertDiagnostics("""
        _ = new DataFrame([t], new Dictionary<string, IReadOnlyList<double?>> { [{|CLARIFY120:"boiler/temp?"|}] = new double?[] { 1.0 }, ["ok"] = new double?[] { 2.0 } });
        _ = new DataFrame(series: new Dictionary<string, IReadOnlyList<double?>> { { {|CLARIFY120:"a b"|}, new double?[] { 1.0 } } }, times: [t]);
        """);

    [Fact]
    public Task ClarifyClient_SaveSignalsAsync_inline_dictionary() => AssertDiagnostics("""
        await client.SaveSignalsAsync(new Dictionary<string, SignalSave> { [{|CLARIFY120:"boiler temperature"|}] = new SignalSave { Name = "Boiler" }, ["boiler/pressure"] = new SignalSave() });
        await client.SaveSignalsAsync(new Dictionary<string, SignalSave> { { {|CLARIFY120:"%"|}, new SignalSave() } }, createOnly: true);
        """);

    [Fact]
    public Task ClarifyWriter_WriteAsync_with_one_key() => AssertDiagnostics("""
        await writer.WriteAsync({|CLARIFY120:"boiler temperature"|}, t, 71.5);
        await writer.WriteAsync(time: t, value: 1.0, inputKey: {|CLARIFY120:"x y"|});
        """);

    [Fact]
    public Task WritePoint_constructor() => AssertDiagnostics("""
        await writer.WriteAsync(new[] { new WritePoint({|CLARIFY120:"a b"|}, t, 1.0), new WritePoint("ok", t, 2.0) });
        WritePoint point = new({|CLARIFY120:"é"|}, t, null);
        """);

    [Fact]
    public Task Constant_expressions_are_checked_at_the_whole_expression() => AssertDiagnostics("""
        builder.AddRow(t, {|CLARIFY120:$"{Site}/temperature"|}, 1.0);
        builder.AddRow(t, {|CLARIFY120:Site + "/temperature"|}, 1.0);
        builder.AddRow(t, {|CLARIFY120:BadKey|}, 1.0);
        builder.AddRow(t, $"{GoodSite}/temperature", 1.0);
        builder.AddRow(t, GoodSite + "/temperature", 1.0);
        """);

    [Fact]
    public Task Length_limit_is_128_characters() => AssertDiagnostics($$"""
        builder.AddRow(t, "{{new string('a', 128)}}", 1.0);
        builder.AddRow(t, {|CLARIFY120:"{{new string('a', 129)}}"|}, 1.0);
        """);

    [Fact]
    public Task Valid_keys_in_every_shape_report_nothing() => AssertDiagnostics("""
        const string key = "Plant-A_01:boiler.temp#1+x/y";
        builder.AddRow(t, key, 1.0);
        builder.AddRow(t, new KeyValuePair<string, double?>(key, 1.0), KeyValuePair.Create<string, double?>("b", 2.0));
        builder.AddRow(t, new Dictionary<string, double?> { { "a", 1.0 } });
        builder.AddRow(t, new Dictionary<string, double?> { ["b"] = 2.0 });
        _ = new DataFrame([t], new Dictionary<string, IReadOnlyList<double?>> { ["a"] = new double?[] { 1.0 } });
        await client.SaveSignalsAsync(new Dictionary<string, SignalSave> { ["boiler/temperature"] = new SignalSave() });
        await writer.WriteAsync("boiler/temperature", t, 71.5);
        _ = new WritePoint("boiler/temperature", t, 71.5);
        """);

    [Fact]
    public Task Keys_that_are_not_constant_or_not_written_inline_report_nothing() => AssertDiagnostics("""
        string key = "bad key";
        builder.AddRow(t, key, 1.0);
        builder.AddRow(t, key.ToUpperInvariant(), 1.0);
        builder.AddRow(t, $"{key}/temperature", 1.0);
        await writer.WriteAsync(key, t, 1.0);
        _ = new WritePoint(key, t, 1.0);
        var values = new Dictionary<string, double?> { ["bad key"] = 1.0 };
        builder.AddRow(t, values);
        builder.AddRow(t, null!, 1.0);
        """);

    [Fact]
    public Task Same_names_on_other_types_report_nothing() => AssertDiagnostics("""
        var other = new Other.DataFrameBuilder();
        other.AddRow(t, "bad key", 1.0);
        await new Other.Writer().WriteAsync("bad key", t, 1.0);
        _ = new Other.WritePoint("bad key", t, 1.0);
        await Other.Client.SaveSignalsAsync(new Dictionary<string, SignalSave> { ["bad key"] = new SignalSave() });
        var pairs = new Dictionary<string, double?> { ["bad key"] = 1.0 };
        _ = new KeyValuePair<string, double?>("bad key", 1.0);
        """);

    [Fact]
    public async Task Generated_code_is_not_analyzed()
    {
        ImmutableArray<Diagnostic> diagnostics = await AnalyzerHarness.RunAsync(new InputKeyAnalyzer(), "// <auto-generated/>\n" + Wrap("""builder.AddRow(t, "bad key", 1.0);"""));
        Assert.Empty(diagnostics);
    }

    [Fact]
    public async Task Message_names_the_key_and_the_rule()
    {
        ImmutableArray<Diagnostic> diagnostics = await AnalyzerHarness.RunAsync(new InputKeyAnalyzer(), Wrap("""builder.AddRow(t, "boiler temp", 1.0);"""));

        Diagnostic diagnostic = Assert.Single(diagnostics);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Equal(
            "\"boiler temp\" is not a valid input key: use 1 to 128 characters among a-z A-Z 0-9 - _ : . # + / (^[a-zA-Z0-9-_:.#+/]{1,128}$); Clarify rejects it at run time",
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("https://github.com/clarify-typed/clarify-typed/blob/main/docs/diagnostics.md#clarify120", diagnostic.Descriptor.HelpLinkUri);
    }

    [Fact]
    public void The_compiler_finds_the_analyzer_in_the_packaged_generator_assembly()
    {
        // The package ships this assembly in analyzers/dotnet/cs; the compiler discovers analyzers by attribute, as here.
        var reference = new AnalyzerFileReference(typeof(InputKeyAnalyzer).Assembly.Location, new LoadedAssemblyLoader());

        ImmutableArray<DiagnosticAnalyzer> analyzers = reference.GetAnalyzers(LanguageNames.CSharp);

        Assert.Contains(analyzers, a => a is InputKeyAnalyzer);
    }

    private static async Task AssertDiagnostics(string bodyMarkup)
    {
        (string source, var expected) = Markup.ParseDiagnostics(Wrap(bodyMarkup));

        ImmutableArray<Diagnostic> diagnostics = await AnalyzerHarness.RunAsync(new InputKeyAnalyzer(), source);

        string[] actual = [.. diagnostics.OrderBy(d => d.Location.SourceSpan.Start).Select(d => Describe(d.Id, d.Location.GetLineSpan().Span))];
        Assert.Equal(expected.Select(e => Describe(e.Id, e.Span)), actual);
    }

    private static string Describe(string id, LinePositionSpan span) => $"{id} at {Markup.Format(span)}";

    private static string Wrap(string body) => $$"""
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Clarify.Typed;
        using Clarify.Typed.Ingestion;
        using Clarify.Typed.Models;

        namespace Sample
        {
            internal static class Calls
            {
                private const string Site = "oslo plant";
                private const string GoodSite = "oslo";
                private const string BadKey = "boiler temperature";

                public static async Task Run(ClarifyClient client, ClarifyWriter writer, DataFrameBuilder builder, DateTimeOffset t)
                {
        {{body}}
                }
            }
        }

        namespace Other
        {
            internal sealed class DataFrameBuilder
            {
                public DataFrameBuilder AddRow(DateTimeOffset time, string inputKey, double? value) => this;
            }

            internal sealed class Writer
            {
                public ValueTask WriteAsync(string inputKey, DateTimeOffset time, double? value) => default;
            }

            internal readonly record struct WritePoint(string InputKey, DateTimeOffset Time, double? Value);

            internal static class Client
            {
                public static Task SaveSignalsAsync(IReadOnlyDictionary<string, Clarify.Typed.Models.SignalSave> signalsByInput) => Task.CompletedTask;
            }
        }
        """;

    /// <summary>Hands the compiler the generator assembly this test already loaded.</summary>
    private sealed class LoadedAssemblyLoader : IAnalyzerAssemblyLoader
    {
        public void AddDependencyLocation(string fullPath)
        {
        }

        public Assembly LoadFromPath(string fullPath) => typeof(InputKeyAnalyzer).Assembly;
    }
}
