using System.Globalization;
using System.Linq;
using Clarify.Typed.Generators.Model;
using static Clarify.Typed.Generators.SourceWriter;

namespace Clarify.Typed.Generators.Signals
{
    /// <summary>Writes one type's <c>IClarifySignals</c> implementation: input key constants, metadata, writer and reader.</summary>
    internal static class SignalsEmitter
    {
        private const string Collections = "global::System.Collections.Generic.";
        private const string Models = "global::Clarify.Typed.Models.";
        private const string SignalValues = "global::Clarify.Typed.Signals.ClarifySignalValues";

        public static string Emit(SignalsType model)
        {
            SourceWriter w = ForFile(model.Namespace);
            foreach (string container in model.ContainingTypes)
            {
                w.Open(container);
            }

            string self = model.FullyQualifiedName;
            string contract = "global::Clarify.Typed.Signals.IClarifySignals<" + self + ">";
            w.Line(GeneratedCode);
            w.Open(model.Declaration + " : " + contract);
            EmitInputKeys(w, model);
            EmitSignals(w, model);
            w.Line("private static readonly " + Collections + "IReadOnlyList<string> s_signalInputKeys = global::System.Array.AsReadOnly(new string[]");
            w.Line("{");
            foreach (SignalProperty property in model.Properties)
            {
                w.Line("    InputKeys." + property.Identifier + ",");
            }

            w.Line("});");
            w.Line();
            w.Line("static " + Collections + "IReadOnlyList<string> " + contract + ".SignalInputKeys => s_signalInputKeys;");
            w.Line();
            w.Line("static " + Collections + "IReadOnlyDictionary<string, " + Models + "SignalSave> " + contract + ".Signals => Signals;");
            w.Line();
            EmitWriter(w, model, contract, self);
            EmitAppender(w, model, contract, self);
            EmitReader(w, model, contract, self);
            return w.EndFile();
        }

        private static void EmitInputKeys(SourceWriter w, SignalsType model)
        {
            w.Line("/// <summary>The input key of each signal of <see cref=\"" + model.DisplayName + "\"/>, by property name.</summary>");
            w.Open("public static class InputKeys");
            foreach (SignalProperty property in model.Properties)
            {
                w.Line("/// <summary>The input key of <see cref=\"" + model.DisplayName + "." + property.Name + "\"/>: <c>" + Xml(property.InputKey) + "</c>.</summary>");
                w.Line("public const string " + property.Identifier + " = " + Literal(property.InputKey) + ";");
            }

            w.Close();
            w.Line();
        }

        private static void EmitSignals(SourceWriter w, SignalsType model)
        {
            w.Line("/// <summary>");
            w.Line("/// Every signal of <see cref=\"" + model.DisplayName + "\"/> by input key, with the metadata its attributes give, ready for");
            w.Line("/// <see cref=\"global::Clarify.Typed.ClarifyClient.SaveSignalsAsync\"/>. A new dictionary on every call, so changing it changes nothing else.");
            w.Line("/// </summary>");
            w.Open("public static " + Collections + "IReadOnlyDictionary<string, " + Models + "SignalSave> Signals => new " + Collections + "Dictionary<string, " + Models + "SignalSave>(" + Number(model.Properties.Count) + ", global::System.StringComparer.Ordinal)");
            foreach (SignalProperty property in model.Properties)
            {
                w.Line("[InputKeys." + property.Identifier + "] = new " + Models + "SignalSave");
                w.Line("{");
                w.Line("    ValueType = " + Models + "ValueKind." + (property.Kind == SignalValueKind.Enum ? "Enum" : "Numeric") + ",");
                // Clarify refuses a signal without a name, so an unnamed one is named after its input key.
                Optional(w, "Name", property.DisplayName ?? property.InputKey);
                Optional(w, "Description", property.Description);
                Optional(w, "EngUnit", property.EngUnit);
                if (property.SourceType is not null)
                {
                    w.Line("    SourceType = " + Models + "SourceKind." + property.SourceType + ",");
                }

                Duration(w, "SampleInterval", property.SampleInterval);
                Duration(w, "GapDetection", property.GapDetection);
                if (property.Labels.Count > 0)
                {
                    w.Line("    Labels = new " + Collections + "Dictionary<string, " + Collections + "List<string>>(global::System.StringComparer.Ordinal)");
                    w.Line("    {");
                    foreach (SignalLabel label in property.Labels)
                    {
                        w.Line("        [" + Literal(label.Key) + "] = new " + Collections + "List<string> { " + string.Join(", ", label.Values.Select(Literal)) + " },");
                    }

                    w.Line("    },");
                }

                if (property.Kind == SignalValueKind.Enum)
                {
                    w.Line("    EnumValues = new " + Collections + "Dictionary<int, string>");
                    w.Line("    {");
                    foreach (SignalEnumValue value in property.EnumValues)
                    {
                        w.Line("        [" + Number(value.Value) + "] = " + Literal(value.Name) + ",");
                    }

                    w.Line("    },");
                }

                w.Line("},");
            }

            w.Close(";");
            w.Line();
        }

        private static void EmitWriter(SourceWriter w, SignalsType model, string contract, string self)
        {
            w.Open("static void " + contract + ".WriteSignalValues(" + self + " reading, global::System.Span<double?> values)");
            int index = 0;
            foreach (SignalProperty property in model.Properties)
            {
                w.Line("values[" + Number(index++) + "] = " + ToNumber(property, "reading." + property.Identifier) + ";");
            }

            w.Close();
            w.Line();
        }

        /// <summary>Refuses the reading before its first append; only <c>double</c> and <c>float</c> can be infinite (a <c>decimal</c> is always within <c>double</c>'s range).</summary>
        private static void EmitAppender(SourceWriter w, SignalsType model, string contract, string self)
        {
            w.Open("static bool " + contract + ".TryAppendSignalValues(" + self + " reading, global::System.ReadOnlySpan<" + Collections + "List<double?>> columns)");
            string[] checks = model.Properties
                .Where(IsFloatingPoint)
                .Select(p => SignalValues + ".IsInfinite(reading." + p.Identifier + ")")
                .ToArray();
            for (int i = 0; i < checks.Length; i++)
            {
                w.Line((i == 0 ? "if (" : "    ") + checks[i] + (i == checks.Length - 1 ? ")" : " ||"));
            }

            if (checks.Length > 0)
            {
                w.Line("{");
                w.Line("    return false;");
                w.Line("}");
                w.Line();
            }

            int index = 0;
            foreach (SignalProperty property in model.Properties)
            {
                string value = "reading." + property.Identifier;
                // Only a floating-point value can be NaN, which a column holds as a gap.
                string stored = IsFloatingPoint(property) ? SignalValues + ".GapIfNaN(" + value + ")" : ToNumber(property, value);
                w.Line("columns[" + Number(index++) + "].Add(" + stored + ");");
            }

            w.Line("return true;");
            w.Close();
            w.Line();
        }

        private static bool IsFloatingPoint(SignalProperty property) =>
            property.Kind == SignalValueKind.Double || property.Kind == SignalValueKind.Float;

        private static void EmitReader(SourceWriter w, SignalsType model, string contract, string self)
        {
            w.Open("static " + self + " " + contract + ".ReadSignalValues(global::System.DateTimeOffset time, global::System.ReadOnlySpan<double?> values)");
            if (model.NotReadableReason is not null)
            {
                w.Line("throw new global::System.NotSupportedException(" + Literal("ReadRows cannot create " + model.DisplayName + ": " + model.NotReadableReason + " (CLARIFY108).") + ");");
                w.Close();
                return;
            }

            string[] values = model.Properties.Select((p, i) => FromNumber(model, p, "values[" + Number(i) + "]")).ToArray();
            string[] arguments = model.ConstructorArguments.Select(a => values[IndexOf(model, a)]).ToArray();
            SignalProperty[] initialised = model.Properties.Where(p => !p.InConstructor).ToArray();
            string end = initialised.Length == 0 ? ");" : ")";
            w.Line("return new " + self + "(" + (arguments.Length == 0 ? end : string.Empty));
            for (int i = 0; i < arguments.Length; i++)
            {
                w.Line("    " + arguments[i] + (i == arguments.Length - 1 ? end : ","));
            }

            if (initialised.Length > 0)
            {
                w.Line("{");
                foreach (SignalProperty property in initialised)
                {
                    w.Line("    " + property.Identifier + " = " + values[IndexOf(model, property.Identifier)] + ",");
                }

                w.Line("};");
            }

            w.Close();
        }

        private static int IndexOf(SignalsType model, string identifier)
        {
            for (int i = 0; i < model.Properties.Count; i++)
            {
                if (model.Properties[i].Identifier == identifier)
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>The C# expression that turns a property's value into Clarify's number (null for a gap).</summary>
        private static string ToNumber(SignalProperty property, string value) => property.Kind switch
        {
            SignalValueKind.Bool => SignalValues + ".FromBoolean(" + value + ")",
            SignalValueKind.Decimal => (property.IsNullable ? "(double?)" : "(double)") + value,
            SignalValueKind.Enum => (property.IsNullable ? "(double?)(" + property.EnumUnderlyingType + "?)" : "(double)(" + property.EnumUnderlyingType + ")") + value,
            _ => value,
        };

        /// <summary>The C# expression that turns a stored number back into the property's type; a gap in a non-nullable property throws.</summary>
        private static string FromNumber(SignalsType model, SignalProperty property, string value)
        {
            if (!property.IsNullable)
            {
                value = "(" + value + " ?? throw " + SignalValues + ".Gap(time, InputKeys." + property.Identifier + ", " + Literal(model.DisplayName + "." + property.Name) + "))";
            }

            string nullable = property.IsNullable ? "?" : string.Empty;
            return property.Kind switch
            {
                SignalValueKind.Double => value,
                SignalValueKind.Bool => SignalValues + ".ToBoolean(" + value + ")",
                SignalValueKind.Float => "(float" + nullable + ")" + value,
                SignalValueKind.Int => "(int" + nullable + ")" + value,
                SignalValueKind.Long => "(long" + nullable + ")" + value,
                SignalValueKind.Decimal => "(decimal" + nullable + ")" + value,
                _ => "(" + property.EnumType + nullable + ")(" + property.EnumUnderlyingType + nullable + ")" + value,
            };
        }

        private static void Optional(SourceWriter w, string name, string? value)
        {
            if (value is not null)
            {
                w.Line("    " + name + " = " + Literal(value) + ",");
            }
        }

        private static void Duration(SourceWriter w, string name, SignalDuration? duration)
        {
            if (duration is not null)
            {
                w.Line("    " + name + " = global::System.TimeSpan.FromTicks(" + duration.Ticks.ToString(CultureInfo.InvariantCulture) + "L), // " + Xml(duration.Text));
            }
        }

        private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
    }
}
