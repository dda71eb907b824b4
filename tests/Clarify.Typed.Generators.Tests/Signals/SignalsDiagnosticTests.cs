using System;
using System.Linq;
using Clarify.Typed.Generators.Signals;
using Clarify.Typed.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Clarify.Typed.Generators.Tests.Signals;

/// <summary>One test per signals diagnostic: its id, severity, and the exact span in the C# source ([|...|] marks it).</summary>
public class SignalsDiagnosticTests
{
    private const string Usings = "using Clarify.Typed.Models;\nusing Clarify.Typed.Signals;\nnamespace Sample;\n";

    [Fact]
    public void CLARIFY101_invalid_input_key_points_at_the_key_argument()
    {
        Diagnostic d = AssertReported("CLARIFY101", DiagnosticSeverity.Error, """
            [ClarifySignals]
            public partial record Reading([property: ClarifySignal([|"boiler temperature"|])] double Temperature);
            """);
        Assert.Equal("Input key 'boiler temperature' is invalid: use 1 to 128 characters among a-z A-Z 0-9 - _ : . # + / (^[a-zA-Z0-9-_:.#+/]{1,128}$)", d.GetMessage());
    }

    [Fact]
    public void CLARIFY101_a_key_longer_than_128_characters_is_invalid()
    {
        string key = new('k', 129);
        AssertReported("CLARIFY101", DiagnosticSeverity.Error, $$"""
            [ClarifySignals]
            public partial class Reading
            {
                [ClarifySignal([|"{{key}}"|])] public double Value { get; set; }
            }
            """);
    }

    [Fact]
    public void CLARIFY102_duplicate_input_key_points_at_the_second_key()
    {
        Diagnostic d = AssertReported("CLARIFY102", DiagnosticSeverity.Error, """
            [ClarifySignals]
            public partial class Reading
            {
                [ClarifySignal("boiler/temperature")] public double Inlet { get; set; }
                [ClarifySignal([|"boiler/temperature"|])] public double Outlet { get; set; }
            }
            """);
        Assert.Equal("Input key 'boiler/temperature' is already the key of 'Inlet': give 'Outlet' an input key of its own", d.GetMessage());
    }

    [Fact]
    public void CLARIFY103_invalid_label_key_points_at_the_label()
    {
        Diagnostic d = AssertReported("CLARIFY103", DiagnosticSeverity.Error, """
            [ClarifySignals]
            public partial class Reading
            {
                [ClarifySignal("boiler/temperature", Labels = new[] { "site:oslo", [|"plant area:north"|] })] public double Value { get; set; }
            }
            """);
        Assert.StartsWith("Label 'plant area:north' is invalid: its key 'plant area' breaks the label key rule", d.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void CLARIFY103_label_without_a_value_points_at_the_label_in_a_collection_expression()
    {
        Diagnostic d = AssertReported("CLARIFY103", DiagnosticSeverity.Error, """
            [ClarifySignals]
            public partial class Reading
            {
                [ClarifySignal("boiler/temperature", Labels = [[|"oslo"|]])] public double Value { get; set; }
            }
            """);
        Assert.Equal("Label 'oslo' is invalid: write it as key:value, e.g. site:oslo", d.GetMessage());
    }

    [Fact]
    public void CLARIFY104_unsupported_type_points_at_the_property_type()
    {
        Diagnostic d = AssertReported("CLARIFY104", DiagnosticSeverity.Error, """
            [ClarifySignals]
            public partial record Reading([property: ClarifySignal("boiler/serial")] [|string|] Serial);
            """);
        Assert.Equal("'Serial' cannot be a Clarify signal: its type 'string' is not double, float, int, long, decimal, bool, an enum, or one of those nullable", d.GetMessage());
    }

    [Fact]
    public void CLARIFY105_bad_duration_points_at_the_argument()
    {
        Diagnostic d = AssertReported("CLARIFY105", DiagnosticSeverity.Error, """
            [ClarifySignals]
            public partial class Reading
            {
                [ClarifySignal("boiler/temperature", SampleInterval = "PT1M", GapDetection = [|"5 minutes"|])] public double Value { get; set; }
            }
            """);
        Assert.Equal("GapDetection '5 minutes' is not a positive ISO 8601 duration: write it like PT1M, PT30S, PT1H30M or P1D", d.GetMessage());
    }

    [Fact]
    public void CLARIFY105_a_negative_duration_is_refused()
    {
        AssertReported("CLARIFY105", DiagnosticSeverity.Error, """
            [ClarifySignals]
            public partial class Reading
            {
                [ClarifySignal("boiler/temperature", SampleInterval = [|"-PT1M"|])] public double Value { get; set; }
            }
            """);
    }

    [Fact]
    public void CLARIFY106_type_not_partial_points_at_its_name()
    {
        Diagnostic d = AssertReported("CLARIFY106", DiagnosticSeverity.Error, """
            [ClarifySignals]
            public record [|Reading|]([property: ClarifySignal("boiler/temperature")] double Temperature);
            """);
        Assert.Equal("'Reading' must be declared partial so the generator can add its signals: write 'partial record Reading'", d.GetMessage());
    }

    [Fact]
    public void CLARIFY106_a_containing_type_that_is_not_partial_points_at_its_name()
    {
        AssertReported("CLARIFY106", DiagnosticSeverity.Error, """
            public static class [|Plant|]
            {
                [ClarifySignals]
                public partial record struct Reading([property: ClarifySignal("boiler/temperature")] double Temperature);
            }
            """);
    }

    [Fact]
    public void CLARIFY107_enum_with_duplicate_values_points_at_the_second_member()
    {
        Diagnostic d = AssertReported("CLARIFY107", DiagnosticSeverity.Error, """
            public enum BoilerState { Off = 0, [|Stopped|] = 0, Running = 1 }

            [ClarifySignals]
            public partial record Reading([property: ClarifySignal("boiler/state")] BoilerState? State);
            """);
        Assert.Equal("'Off' and 'Stopped' of enum 'BoilerState' both have the value 0, and an enum signal keeps one text per value: give each member its own value", d.GetMessage());
    }

    [Fact]
    public void CLARIFY108_type_without_a_signal_constructor_warns_at_its_name_and_still_generates()
    {
        GeneratorOutput output = Run("""
            [ClarifySignals]
            public partial class [|Reading|](string site)
            {
                public string Site => site;
                [ClarifySignal("boiler/temperature")] public double Temperature { get; set; }
            }
            """, out LinePositionSpan expected);

        Diagnostic d = Assert.Single(output.Diagnostics);
        AssertAt(d, "CLARIFY108", DiagnosticSeverity.Warning, expected);
        Assert.Equal("ReadRows cannot create 'Reading': no constructor takes only signal properties (by name and type)", d.GetMessage());
        Assert.Single(output.Sources);
        Assert.Empty(output.OutputDiagnostics.Where(x => x.Severity >= DiagnosticSeverity.Warning));
    }

    [Fact]
    public void CLARIFY109_an_unexpected_exception_becomes_an_error_at_the_type_name_instead_of_a_crash()
    {
        (string text, LinePositionSpan expected) = Markup.Parse(Usings + """
            [ClarifySignals]
            public partial record [|Reading|]([property: ClarifySignal("boiler/temperature")] double Temperature);
            """);
        TypeDeclarationSyntax declaration = CSharpSyntaxTree.ParseText(text, path: "/project/Source0.cs").GetRoot().DescendantNodes().OfType<TypeDeclarationSyntax>().Single();

        // No input makes the parser throw today; the throwing parse stands in for any bug that would.
        SignalsResult result = SignalsParser.Guarded(declaration, "Sample.Reading.Signals.g.cs", () => throw new InvalidOperationException("a bug"));

        Assert.Null(result.Type);
        Assert.Equal("Sample.Reading.Signals.g.cs", result.HintName);
        Diagnostic d = Assert.Single(result.Diagnostics).ToDiagnostic();
        AssertAt(d, "CLARIFY109", DiagnosticSeverity.Error, expected);
        Assert.Equal("The signals generator could not process this type (InvalidOperationException: a bug); please report this at https://github.com/clarify-typed/clarify-typed/issues", d.GetMessage());
    }

    [Fact]
    public void Every_problem_of_a_type_is_reported_at_once_and_nothing_is_generated()
    {
        GeneratorOutput output = Run("""
            [ClarifySignals]
            public partial class Reading
            {
                [ClarifySignal("a b", SampleInterval = "x", Labels = new[] { "k k:v" })] public string [|Value|] { get; set; } = "";
            }
            """, out _);

        Assert.Equal(["CLARIFY101", "CLARIFY103", "CLARIFY104", "CLARIFY105"], output.Diagnostics.Select(d => d.Id).Order(StringComparer.Ordinal));
        Assert.Empty(output.Sources);
    }

    private static GeneratorOutput Run(string markup, out LinePositionSpan expected)
    {
        (string text, LinePositionSpan span) = Markup.Parse(Usings + markup);
        expected = span;
        return SignalsHarness.Run(text);
    }

    private static Diagnostic AssertReported(string id, DiagnosticSeverity severity, string markup)
    {
        GeneratorOutput output = Run(markup, out LinePositionSpan expected);
        Diagnostic d = Assert.Single(output.Diagnostics);
        AssertAt(d, id, severity, expected);
        Assert.Empty(output.Sources);
        return d;
    }

    private static void AssertAt(Diagnostic d, string id, DiagnosticSeverity severity, LinePositionSpan expected) =>
        Markup.AssertAt(d, id, severity, expected, path => path == "/project/Source0.cs");
}
