using System.Collections.Generic;
using Microsoft.CodeAnalysis.Text;

namespace Clarify.Typed.Generators.Json
{
    internal enum JsonKind
    {
        Object,
        Array,
        String,
        Number,
        True,
        False,
        Null,
    }

    /// <summary>A JSON value with the span of its source text, so diagnostics can point at it.</summary>
    internal sealed class JsonNode
    {
        private JsonNode(JsonKind kind, TextSpan span, string? text, List<JsonProperty>? properties, List<JsonNode>? items)
        {
            Kind = kind;
            Span = span;
            Text = text;
            Properties = properties ?? new List<JsonProperty>();
            Items = items ?? new List<JsonNode>();
        }

        public JsonKind Kind { get; }

        /// <summary>The whole value: from the opening brace or quote to the closing one.</summary>
        public TextSpan Span { get; }

        /// <summary>The unescaped value of a string, or the source text of a number.</summary>
        public string? Text { get; }

        /// <summary>An object's properties in file order, duplicates included.</summary>
        public List<JsonProperty> Properties { get; }

        public List<JsonNode> Items { get; }

        /// <summary>The span of an object's or array's opening bracket.</summary>
        public TextSpan OpeningSpan => new(Span.Start, Span.Length == 0 ? 0 : 1);

        public static JsonNode Object(TextSpan span, List<JsonProperty> properties) => new(JsonKind.Object, span, null, properties, null);

        public static JsonNode Array(TextSpan span, List<JsonNode> items) => new(JsonKind.Array, span, null, null, items);

        public static JsonNode String(TextSpan span, string value) => new(JsonKind.String, span, value, null, null);

        public static JsonNode Scalar(JsonKind kind, TextSpan span, string text) => new(kind, span, text, null, null);

        /// <summary>The JSON type as a message names it: "an object", "a string", "null"...</summary>
        public string Describe() => DescribeKind(Kind);

        public static string DescribeKind(JsonKind kind) => kind switch
        {
            JsonKind.Object => "an object",
            JsonKind.Array => "an array",
            JsonKind.String => "a string",
            JsonKind.Number => "a number",
            JsonKind.True => "true",
            JsonKind.False => "false",
            _ => "null",
        };
    }

    /// <summary>One <c>"name": value</c> pair, with the span of the quoted name.</summary>
    internal sealed class JsonProperty
    {
        public JsonProperty(string name, TextSpan nameSpan, JsonNode value)
        {
            Name = name;
            NameSpan = nameSpan;
            Value = value;
        }

        public string Name { get; }

        public TextSpan NameSpan { get; }

        public JsonNode Value { get; }
    }
}
