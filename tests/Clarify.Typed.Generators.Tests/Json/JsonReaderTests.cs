using System.Linq;
using Clarify.Typed.Generators.Json;
using Microsoft.CodeAnalysis.Text;

namespace Clarify.Typed.Generators.Tests.Json;

public class JsonReaderTests
{
    [Theory]
    [InlineData("\"plain\"", "plain")]
    [InlineData("\"a\\\"b\\\\c\\/d\"", "a\"b\\c/d")]
    [InlineData("\"\\b\\f\\n\\r\\t\"", "\b\f\n\r\t")]
    [InlineData("\"\\u00e9\\u4E2D\"", "\u00e9\u4e2d")]
    [InlineData("\"\\ud83d\\ude00\"", "\ud83d\ude00")]
    [InlineData("\"raw \ud83d\ude00 \u00e9\"", "raw \ud83d\ude00 \u00e9")]
    [InlineData("\"\"", "")]
    public void Strings_are_unescaped(string json, string expected)
    {
        JsonNode root = ReadValid(json);

        Assert.Equal(JsonKind.String, root.Kind);
        Assert.Equal(expected, root.Text);
        Assert.Equal(new TextSpan(0, json.Length), root.Span);
    }

    [Fact]
    public void A_lone_surrogate_escape_is_kept_as_is()
    {
        // Not in [InlineData]: attribute data cannot carry a lone surrogate intact.
        Assert.Equal("lone \udc00", ReadValid("\"lone \\udc00\"").Text);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-0")]
    [InlineData("12.5e-3")]
    [InlineData("1E+10")]
    [InlineData("-987654321987654321987654321")]
    public void Numbers_keep_their_source_text(string json)
    {
        JsonNode root = ReadValid(json);

        Assert.Equal(JsonKind.Number, root.Kind);
        Assert.Equal(json, root.Text);
    }

    [Theory]
    [InlineData("true", nameof(JsonKind.True))]
    [InlineData("false", nameof(JsonKind.False))]
    [InlineData("null", nameof(JsonKind.Null))]
    public void Literals_are_read(string json, string kind)
    {
        Assert.Equal(System.Enum.Parse<JsonKind>(kind), ReadValid(" " + json + " ").Kind);
    }

    [Fact]
    public void Nested_values_keep_the_span_of_every_name_and_value()
    {
        const string json = "{ \"a\": [1, {\"b\": null}], \"c\": {} }";
        JsonNode root = ReadValid(json);

        Assert.Equal(["a", "c"], root.Properties.Select(p => p.Name));
        JsonProperty a = root.Properties[0];
        Assert.Equal("\"a\"", json.Substring(a.NameSpan.Start, a.NameSpan.Length));
        Assert.Equal("[1, {\"b\": null}]", json.Substring(a.Value.Span.Start, a.Value.Span.Length));
        JsonNode inner = a.Value.Items[1];
        Assert.Equal("null", json.Substring(inner.Properties[0].Value.Span.Start, inner.Properties[0].Value.Span.Length));
        Assert.Equal(new TextSpan(json.IndexOf('{', 1), 1), inner.OpeningSpan);
    }

    [Fact]
    public void Duplicate_names_are_all_kept_in_order()
    {
        JsonNode root = ReadValid("{\"x\": 1, \"x\": 2}");

        Assert.Equal(["1", "2"], root.Properties.Select(p => p.Value.Text));
    }

    [Fact]
    public void A_byte_order_mark_is_skipped()
    {
        Assert.Equal(JsonKind.Object, ReadValid("\uFEFF{}").Kind);
    }

    [Theory]
    [InlineData("", nameof(JsonErrorKind.UnexpectedEnd), "«»")]
    [InlineData("{\"a\": 1", nameof(JsonErrorKind.UnexpectedEnd), "{\"a\": 1«»")]
    [InlineData("{\"a\" 1}", nameof(JsonErrorKind.ExpectedColon), "{\"a\" «1»}")]
    [InlineData("{a: 1}", nameof(JsonErrorKind.ExpectedPropertyName), "{«a»: 1}")]
    [InlineData("{'a': 1}", nameof(JsonErrorKind.ExpectedPropertyName), "{«'»a': 1}")]
    [InlineData("{\"a\": 1,}", nameof(JsonErrorKind.TrailingComma), "{\"a\": 1,«}»")]
    [InlineData("[1,]", nameof(JsonErrorKind.TrailingComma), "[1,«]»")]
    [InlineData("[1 2]", nameof(JsonErrorKind.UnexpectedCharacter), "[1 «2»]")]
    [InlineData("{\"a\": 1 \"b\": 2}", nameof(JsonErrorKind.UnexpectedCharacter), "{\"a\": 1 «\"»b\": 2}")]
    [InlineData("{\"a\": 'x'}", nameof(JsonErrorKind.UnexpectedCharacter), "{\"a\": «'»x'}")]
    [InlineData("{\"a\": \"x}", nameof(JsonErrorKind.UnterminatedString), "{\"a\": «\"x}»")]
    [InlineData("{\"a\": \"x\n\"}", nameof(JsonErrorKind.UnterminatedString), "{\"a\": «\"x»\n\"}")]
    [InlineData("\"a\\qb\"", nameof(JsonErrorKind.InvalidEscape), "\"a«\\q»b\"")]
    [InlineData("\"\\u12G4\"", nameof(JsonErrorKind.InvalidUnicodeEscape), "\"«\\u12G»4\"")]
    [InlineData("\"a\tb\"", nameof(JsonErrorKind.ControlCharacterInString), "\"a«\t»b\"")]
    [InlineData("01", nameof(JsonErrorKind.InvalidNumber), "0«1»")]
    [InlineData("1.", nameof(JsonErrorKind.UnexpectedEnd), "1.«»")]
    [InlineData("-x", nameof(JsonErrorKind.InvalidNumber), "-«x»")]
    [InlineData("1e+", nameof(JsonErrorKind.UnexpectedEnd), "1e+«»")]
    [InlineData("nul", nameof(JsonErrorKind.InvalidLiteral), "«nul»")]
    [InlineData("trueish", nameof(JsonErrorKind.InvalidLiteral), "true«i»sh")]
    [InlineData("{} {}", nameof(JsonErrorKind.TrailingContent), "{} «{»}")]
    [InlineData("// note\n{}", nameof(JsonErrorKind.Comment), "«/»/ note\n{}")]
    [InlineData("{\"a\": /* c */ 1}", nameof(JsonErrorKind.Comment), "{\"a\": «/»* c */ 1}")]
    [InlineData("{\"a\": @}", nameof(JsonErrorKind.UnexpectedCharacter), "{\"a\": «@»}")]
    public void Every_error_kind_is_reported_at_the_offending_characters(string json, string kind, string markup)
    {
        JsonReadResult result = JsonReader.Read(json);

        Assert.Null(result.Root);
        JsonSyntaxError error = Assert.IsType<JsonSyntaxError>(result.Error);
        Assert.Equal(System.Enum.Parse<JsonErrorKind>(kind), error.Kind);
        // « and » mark the span: JSON itself uses the brackets of Roslyn's [| |] markup.
        int start = markup.IndexOf('«', System.StringComparison.Ordinal);
        int end = markup.IndexOf('»', System.StringComparison.Ordinal) - 1;
        Assert.Equal(TextSpan.FromBounds(start, end), error.Span);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    [Fact]
    public void Nesting_beyond_the_limit_is_an_error_not_a_stack_overflow()
    {
        string deep = new string('[', 100_000) + new string(']', 100_000);

        JsonSyntaxError error = Assert.IsType<JsonSyntaxError>(JsonReader.Read(deep).Error);

        Assert.Equal(JsonErrorKind.TooDeep, error.Kind);
        Assert.Equal(JsonReader.MaxDepth, error.Span.Start);
    }

    [Fact]
    public void Nesting_up_to_the_limit_is_read()
    {
        string deep = new string('[', JsonReader.MaxDepth) + new string(']', JsonReader.MaxDepth);

        Assert.Equal(JsonKind.Array, ReadValid(deep).Kind);
    }

    private static JsonNode ReadValid(string json)
    {
        JsonReadResult result = JsonReader.Read(json);
        Assert.Null(result.Error?.Message);
        return Assert.IsType<JsonNode>(result.Root);
    }
}
