using System;
using System.Collections.Generic;
using System.Globalization;

namespace Clarify.Typed.Emulator.Data;

/// <summary>
/// A calculation formula of <c>clarify.evaluate</c>: numbers, aliases, <c>+ - * /</c>, unary
/// minus and parentheses. A gap (null) in any operand, or a division by zero, gives a gap.
/// </summary>
internal sealed class Formula
{
    private readonly Func<IReadOnlyDictionary<string, double?>, double?> _evaluate;

    private Formula(Func<IReadOnlyDictionary<string, double?>, double?> evaluate) => _evaluate = evaluate;

    public double? Evaluate(IReadOnlyDictionary<string, double?> values) => _evaluate(values);

    /// <summary>Parses <paramref name="text"/>; every alias must be in <paramref name="known"/>.</summary>
    /// <exception cref="FormatException">The formula is malformed or uses an unknown alias; the message says where.</exception>
    public static Formula Parse(string text, IReadOnlySet<string> known) => new(new Parser(text, known).ParseAll());

    private sealed class Parser(string text, IReadOnlySet<string> known)
    {
        private int _position;

        public Func<IReadOnlyDictionary<string, double?>, double?> ParseAll()
        {
            var expression = Sum();
            SkipSpaces();
            if (_position < text.Length)
            {
                throw Error($"unexpected '{text[_position]}'");
            }

            return expression;
        }

        private Func<IReadOnlyDictionary<string, double?>, double?> Sum()
        {
            var left = Product();
            while (Accept('+', '-') is char op)
            {
                var l = left;
                var r = Product();
                left = op == '+' ? v => l(v) + r(v) : v => l(v) - r(v);
            }

            return left;
        }

        private Func<IReadOnlyDictionary<string, double?>, double?> Product()
        {
            var left = Unary();
            while (Accept('*', '/') is char op)
            {
                var l = left;
                var r = Unary();
                left = op == '*' ? v => l(v) * r(v) : v => r(v) is 0 ? null : l(v) / r(v);
            }

            return left;
        }

        private Func<IReadOnlyDictionary<string, double?>, double?> Unary()
        {
            if (Accept('-') is not null)
            {
                var operand = Unary();
                return v => -operand(v);
            }

            return Primary();
        }

        private Func<IReadOnlyDictionary<string, double?>, double?> Primary()
        {
            SkipSpaces();
            if (_position >= text.Length)
            {
                throw Error("expected a number, an alias or '('");
            }

            char c = text[_position];
            if (c == '(')
            {
                _position++;
                var inner = Sum();
                if (Accept(')') is null)
                {
                    throw Error("expected ')'");
                }

                return inner;
            }

            int start = _position;
            if (char.IsAsciiDigit(c) || c == '.')
            {
                while (_position < text.Length && (char.IsAsciiDigit(text[_position]) || text[_position] == '.'))
                {
                    _position++;
                }

                if (!double.TryParse(text.AsSpan(start, _position - start), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double number))
                {
                    throw Error("malformed number");
                }

                return _ => number;
            }

            if (char.IsAsciiLetter(c) || c == '_')
            {
                while (_position < text.Length && (char.IsAsciiLetterOrDigit(text[_position]) || text[_position] == '_'))
                {
                    _position++;
                }

                string alias = text[start.._position];
                if (!known.Contains(alias))
                {
                    _position = start;
                    throw Error($"unknown alias '{alias}'");
                }

                return v => v.TryGetValue(alias, out double? value) ? value : null;
            }

            throw Error($"unexpected '{c}'");
        }

        private char? Accept(params char[] options)
        {
            SkipSpaces();
            if (_position < text.Length && Array.IndexOf(options, text[_position]) >= 0)
            {
                return text[_position++];
            }

            return null;
        }

        private void SkipSpaces()
        {
            while (_position < text.Length && char.IsWhiteSpace(text[_position]))
            {
                _position++;
            }
        }

        private FormatException Error(string message) => new($"{message} at position {_position + 1}");
    }
}
