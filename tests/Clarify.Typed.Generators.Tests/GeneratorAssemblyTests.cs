using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Clarify.Typed.Generators.Tests;

/// <summary>
/// The generator must load wherever the compiler runs, including csc on .NET Framework inside
/// Visual Studio, which resolves only what the compiler itself ships. A dependency beyond that
/// (System.Text.Json, System.Memory...) would load on `dotnet build` yet fail in the IDE with
/// CS8032, so the references are pinned here.
/// </summary>
public class GeneratorAssemblyTests
{
    /// <summary>
    /// netstandard: the facade every netstandard2.0 assembly references; .NET Framework 4.7.2+
    /// and .NET supply it. Microsoft.CodeAnalysis(.CSharp): the host compiler itself, referenced
    /// at 4.14 or lower so older compilers still load it. System.Collections.Immutable: shipped
    /// beside the compiler, which uses it in its own public API.
    /// </summary>
    private static readonly Dictionary<string, Version> Allowed = new(StringComparer.Ordinal)
    {
        ["netstandard"] = new(2, 0, 0, 0),
        ["Microsoft.CodeAnalysis"] = new(4, 14, 0, 0),
        ["Microsoft.CodeAnalysis.CSharp"] = new(4, 14, 0, 0),
        ["System.Collections.Immutable"] = new(9, 0, 0, 0),
    };

    [Fact]
    public void The_generator_references_only_what_every_compiler_host_supplies()
    {
        string path = typeof(CredentialsGenerator).Assembly.Location;
        using var pe = new PEReader(File.OpenRead(path));
        MetadataReader metadata = pe.GetMetadataReader();

        List<(string Name, Version Version)> references = metadata.AssemblyReferences
            .Select(h => metadata.GetAssemblyReference(h))
            .Select(r => (metadata.GetString(r.Name), r.Version))
            .ToList();

        Assert.NotEmpty(references);
        Assert.All(references, r =>
        {
            Assert.True(Allowed.TryGetValue(r.Name, out Version? max), $"The generator references {r.Name}, which the .NET Framework compiler host does not supply.");
            Assert.True(r.Version <= max, $"The generator references {r.Name} {r.Version}, newer than {max}.");
        });
    }
}
