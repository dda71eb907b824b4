using Microsoft.CodeAnalysis.Text;

namespace Clarify.Typed.Generators.Json
{
    /// <summary>Why a text is not JSON, and the span of the offending character(s).</summary>
    internal sealed class JsonSyntaxError
    {
        public JsonSyntaxError(JsonErrorKind kind, TextSpan span, string message)
        {
            Kind = kind;
            Span = span;
            Message = message;
        }

        public JsonErrorKind Kind { get; }

        public TextSpan Span { get; }

        public string Message { get; }
    }

    internal enum JsonErrorKind
    {
        UnexpectedEnd,
        UnexpectedCharacter,
        UnterminatedString,
        InvalidEscape,
        InvalidUnicodeEscape,
        ControlCharacterInString,
        InvalidNumber,
        InvalidLiteral,
        TrailingContent,
        Comment,
        TrailingComma,
        ExpectedPropertyName,
        ExpectedColon,
        TooDeep,
    }
}
