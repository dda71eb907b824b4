using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace Clarify.Typed.Generators.Json
{
    /// <summary>
    /// A strict RFC 8259 reader that keeps the span of every value and property name.
    /// It is hand-written because System.Text.Json does not load where the compiler runs on
    /// .NET Framework (Visual Studio), and because diagnostics need exact source positions.
    /// </summary>
    internal sealed class JsonReader
    {
        /// <summary>Deeper nesting is an error, so hostile input cannot overflow the compiler's stack.</summary>
        public const int MaxDepth = 64;

        private readonly string _text;
        private int _position;
        private int _depth;

        private JsonReader(string text)
        {
            _text = text;
        }

        /// <summary>Reads one JSON value filling the whole text; never throws.</summary>
        public static JsonReadResult Read(string text)
        {
            var reader = new JsonReader(text);
            try
            {
                if (text.Length > 0 && text[0] == '\uFEFF')
                {
                    reader._position = 1;
                }

                reader.SkipWhitespace();
                JsonNode root = reader.ReadValue();
                reader.SkipWhitespace();
                if (reader._position < text.Length)
                {
                    throw reader.Error(JsonErrorKind.TrailingContent, 1, "unexpected " + reader.DescribeCurrent() + " after the end of the JSON value");
                }

                return new JsonReadResult(root, null);
            }
            catch (JsonSyntaxException e)
            {
                return new JsonReadResult(null, e.Error);
            }
        }

        private JsonNode ReadValue()
        {
            if (_position >= _text.Length)
            {
                throw Error(JsonErrorKind.UnexpectedEnd, 0, "the file ends where a value was expected");
            }

            char c = _text[_position];
            switch (c)
            {
                case '{':
                    return ReadObject();
                case '[':
                    return ReadArray();
                case '"':
                    int start = _position;
                    string value = ReadString();
                    return JsonNode.String(TextSpan.FromBounds(start, _position), value);
                case 't':
                    return ReadLiteral("true", JsonKind.True);
                case 'f':
                    return ReadLiteral("false", JsonKind.False);
                case 'n':
                    return ReadLiteral("null", JsonKind.Null);
                default:
                    if (c == '-' || (c >= '0' && c <= '9'))
                    {
                        return ReadNumber();
                    }

                    if (c == '/')
                    {
                        throw Error(JsonErrorKind.Comment, 1, "JSON does not allow comments");
                    }

                    if (c == '\'')
                    {
                        throw Error(JsonErrorKind.UnexpectedCharacter, 1, "JSON strings use double quotes, not single quotes");
                    }

                    throw Error(JsonErrorKind.UnexpectedCharacter, 1, "unexpected " + DescribeCurrent() + " where a value was expected");
            }
        }

        private JsonNode ReadObject()
        {
            int start = _position;
            Enter();
            _position++;
            var properties = new List<JsonProperty>();
            SkipWhitespace();
            if (Peek() == '}')
            {
                _position++;
                _depth--;
                return JsonNode.Object(TextSpan.FromBounds(start, _position), properties);
            }

            while (true)
            {
                SkipWhitespace();
                if (Peek() != '"')
                {
                    ThrowExpectedPropertyName(properties.Count > 0);
                }

                int nameStart = _position;
                string name = ReadString();
                var nameSpan = TextSpan.FromBounds(nameStart, _position);
                SkipWhitespace();
                if (Peek() != ':')
                {
                    throw AtCurrent(JsonErrorKind.ExpectedColon, "':' expected after the property name");
                }

                _position++;
                SkipWhitespace();
                JsonNode value = ReadValue();
                properties.Add(new JsonProperty(name, nameSpan, value));
                SkipWhitespace();
                char next = Peek();
                if (next == ',')
                {
                    _position++;
                    continue;
                }

                if (next == '}')
                {
                    _position++;
                    _depth--;
                    return JsonNode.Object(TextSpan.FromBounds(start, _position), properties);
                }

                throw AtCurrent(JsonErrorKind.UnexpectedCharacter, "',' or '}' expected after a property value");
            }
        }

        private void ThrowExpectedPropertyName(bool afterComma)
        {
            char c = Peek();
            if (afterComma && c == '}')
            {
                throw Error(JsonErrorKind.TrailingComma, 1, "JSON does not allow a comma before '}'");
            }

            if (c == '/')
            {
                throw Error(JsonErrorKind.Comment, 1, "JSON does not allow comments");
            }

            string hint = c == '\'' ? ": JSON property names use double quotes" : IsNameStart(c) ? ": JSON property names must be quoted" : string.Empty;
            throw AtCurrent(JsonErrorKind.ExpectedPropertyName, "a property name in double quotes expected" + hint);
        }

        private JsonNode ReadArray()
        {
            int start = _position;
            Enter();
            _position++;
            var items = new List<JsonNode>();
            SkipWhitespace();
            if (Peek() == ']')
            {
                _position++;
                _depth--;
                return JsonNode.Array(TextSpan.FromBounds(start, _position), items);
            }

            while (true)
            {
                SkipWhitespace();
                if (items.Count > 0 && Peek() == ']')
                {
                    throw Error(JsonErrorKind.TrailingComma, 1, "JSON does not allow a comma before ']'");
                }

                items.Add(ReadValue());
                SkipWhitespace();
                char next = Peek();
                if (next == ',')
                {
                    _position++;
                    continue;
                }

                if (next == ']')
                {
                    _position++;
                    _depth--;
                    return JsonNode.Array(TextSpan.FromBounds(start, _position), items);
                }

                throw AtCurrent(JsonErrorKind.UnexpectedCharacter, "',' or ']' expected after an array item");
            }
        }

        private void Enter()
        {
            if (++_depth > MaxDepth)
            {
                throw Error(JsonErrorKind.TooDeep, 1, "the JSON nests deeper than " + MaxDepth.ToString(CultureInfo.InvariantCulture) + " levels");
            }
        }

        private string ReadString()
        {
            int start = _position;
            _position++;
            StringBuilder? builder = null;
            int runStart = _position;
            while (true)
            {
                if (_position >= _text.Length)
                {
                    throw new JsonSyntaxException(new JsonSyntaxError(
                        JsonErrorKind.UnterminatedString, TextSpan.FromBounds(start, _position), "the string is not closed: '\"' expected before the end of the file"));
                }

                char c = _text[_position];
                if (c == '"')
                {
                    string value = builder is null
                        ? _text.Substring(runStart, _position - runStart)
                        : builder.Append(_text, runStart, _position - runStart).ToString();
                    _position++;
                    return value;
                }

                if (c == '\n' || c == '\r')
                {
                    throw new JsonSyntaxException(new JsonSyntaxError(
                        JsonErrorKind.UnterminatedString, TextSpan.FromBounds(start, _position), "the string is not closed: '\"' expected before the end of the line"));
                }

                if (c < ' ')
                {
                    throw Error(JsonErrorKind.ControlCharacterInString, 1, "a string cannot contain the control character " + Describe(c) + ": write it as an escape such as \\t or \\u0009");
                }

                if (c != '\\')
                {
                    _position++;
                    continue;
                }

                builder ??= new StringBuilder();
                builder.Append(_text, runStart, _position - runStart);
                builder.Append(ReadEscape());
                runStart = _position;
            }
        }

        private char ReadEscape()
        {
            int start = _position;
            _position++;
            if (_position >= _text.Length)
            {
                throw new JsonSyntaxException(new JsonSyntaxError(JsonErrorKind.UnexpectedEnd, new TextSpan(start, 1), "the file ends inside an escape sequence"));
            }

            char c = _text[_position];
            _position++;
            switch (c)
            {
                case '"': return '"';
                case '\\': return '\\';
                case '/': return '/';
                case 'b': return '\b';
                case 'f': return '\f';
                case 'n': return '\n';
                case 'r': return '\r';
                case 't': return '\t';
                case 'u':
                    int value = 0;
                    for (int i = 0; i < 4; i++)
                    {
                        int digit = _position < _text.Length ? HexValue(_text[_position]) : -1;
                        if (digit < 0)
                        {
                            throw new JsonSyntaxException(new JsonSyntaxError(
                                JsonErrorKind.InvalidUnicodeEscape,
                                TextSpan.FromBounds(start, Math.Min(_position + 1, _text.Length)),
                                "'\\u' must be followed by four hexadecimal digits"));
                        }

                        value = (value * 16) + digit;
                        _position++;
                    }

                    return (char)value;
                default:
                    throw new JsonSyntaxException(new JsonSyntaxError(
                        JsonErrorKind.InvalidEscape,
                        TextSpan.FromBounds(start, _position),
                        "'\\" + Printable(c) + "' is not a JSON escape: use \\\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t or \\uXXXX"));
            }
        }

        private JsonNode ReadNumber()
        {
            int start = _position;
            if (Peek() == '-')
            {
                _position++;
            }

            if (Peek() == '0')
            {
                _position++;
                if (IsDigit(Peek()))
                {
                    throw Error(JsonErrorKind.InvalidNumber, 1, "a JSON number cannot have a leading zero");
                }
            }
            else
            {
                RequireDigits("a digit expected in the number");
            }

            if (Peek() == '.')
            {
                _position++;
                RequireDigits("a digit expected after the decimal point");
            }

            if (Peek() == 'e' || Peek() == 'E')
            {
                _position++;
                if (Peek() == '+' || Peek() == '-')
                {
                    _position++;
                }

                RequireDigits("a digit expected in the exponent");
            }

            return JsonNode.Scalar(JsonKind.Number, TextSpan.FromBounds(start, _position), _text.Substring(start, _position - start));
        }

        private void RequireDigits(string message)
        {
            if (!IsDigit(Peek()))
            {
                throw AtCurrent(JsonErrorKind.InvalidNumber, message);
            }

            while (IsDigit(Peek()))
            {
                _position++;
            }
        }

        private JsonNode ReadLiteral(string literal, JsonKind kind)
        {
            int start = _position;
            for (int i = 0; i < literal.Length; i++)
            {
                if (Peek() != literal[i])
                {
                    int end = start;
                    while (end < _text.Length && IsNameChar(_text[end]))
                    {
                        end++;
                    }

                    throw new JsonSyntaxException(new JsonSyntaxError(
                        JsonErrorKind.InvalidLiteral,
                        TextSpan.FromBounds(start, Math.Max(end, Math.Min(start + 1, _text.Length))),
                        "unexpected '" + Printable(_text.Substring(start, Math.Max(end - start, 1))) + "': strings need double quotes; the only bare words are true, false and null"));
                }

                _position++;
            }

            if (IsNameChar(Peek()))
            {
                throw AtCurrent(JsonErrorKind.InvalidLiteral, "unexpected " + DescribeCurrent() + " after '" + literal + "'");
            }

            return JsonNode.Scalar(kind, TextSpan.FromBounds(start, _position), literal);
        }

        private void SkipWhitespace()
        {
            while (_position < _text.Length)
            {
                char c = _text[_position];
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
                {
                    return;
                }

                _position++;
            }
        }

        private char Peek() => _position < _text.Length ? _text[_position] : '\0';

        private bool AtEnd => _position >= _text.Length;

        /// <summary>An error at the current character, or at the end of the file when there is none.</summary>
        private JsonSyntaxException AtCurrent(JsonErrorKind kind, string message) =>
            AtEnd ? Error(JsonErrorKind.UnexpectedEnd, 0, "the file ends early: " + message) : Error(kind, 1, message + ", found " + DescribeCurrent());

        private JsonSyntaxException Error(JsonErrorKind kind, int length, string message) =>
            new(new JsonSyntaxError(kind, new TextSpan(_position, Math.Min(length, _text.Length - _position)), message));

        private string DescribeCurrent() => AtEnd ? "the end of the file" : Describe(_text[_position]);

        private static string Describe(char c) =>
            c < ' ' || c == '\u007f' || char.IsSurrogate(c) || char.IsWhiteSpace(c)
                ? "U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture)
                : "'" + c + "'";

        private static string Printable(char c) => c < ' ' || char.IsSurrogate(c) ? "U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture) : c.ToString();

        private static string Printable(string s)
        {
            var builder = new StringBuilder(s.Length);
            foreach (char c in s)
            {
                builder.Append(Printable(c));
            }

            return builder.ToString();
        }

        private static bool IsDigit(char c) => c >= '0' && c <= '9';

        private static bool IsNameStart(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';

        private static bool IsNameChar(char c) => IsNameStart(c) || IsDigit(c);

        private static int HexValue(char c) =>
            c >= '0' && c <= '9' ? c - '0'
            : c >= 'a' && c <= 'f' ? c - 'a' + 10
            : c >= 'A' && c <= 'F' ? c - 'A' + 10
            : -1;

        /// <summary>Unwinds the recursive descent to <see cref="Read"/>; never leaves the reader.</summary>
        private sealed class JsonSyntaxException : Exception
        {
            public JsonSyntaxException(JsonSyntaxError error)
                : base(error.Message)
            {
                Error = error;
            }

            public JsonSyntaxError Error { get; }
        }
    }

    /// <summary>Either the root value or the first syntax error.</summary>
    internal sealed class JsonReadResult
    {
        public JsonReadResult(JsonNode? root, JsonSyntaxError? error)
        {
            Root = root;
            Error = error;
        }

        public JsonNode? Root { get; }

        public JsonSyntaxError? Error { get; }
    }
}
