using System;
using System.IO;
using System.Reflection;
using Clarify.Typed.Emulator;
using Clarify.Typed.Generators.Tests.Infrastructure;
using Clarify.Typed.Ingestion;
using Clarify.Typed.Redis;
using PublicApiGenerator;

namespace Clarify.Typed.PublicApi.Tests;

/// <summary>
/// Pins the public surface of each package's net10.0 assembly against an approved file in this
/// folder, so every API change is a deliberate, reviewed diff of that file.
/// </summary>
public class PublicApiTests
{
    private const string UpdateVariable = "CLARIFY_UPDATE_PUBLIC_API";
    private const string ApprovedFolder = "tests/Clarify.Typed.PublicApi.Tests";

    private static readonly ApiGeneratorOptions Options = new()
    {
        // The build's own stamp, not API: it would differ between target frameworks and SDKs.
        ExcludeAttributes = ["System.Runtime.Versioning.TargetFrameworkAttribute"],

        // PublicApiGenerator leaves Microsoft.* and System.* out by default, and the packages'
        // most used entry points (AddClarify, AddApi) live in Microsoft.Extensions.DependencyInjection.
        AllowNamespacePrefixes = ["Microsoft", "System"],
    };

    [Theory]
    [InlineData(typeof(ClarifyOptions))]
    [InlineData(typeof(ClarifyEmulator))]
    [InlineData(typeof(ClarifyRedisOptions))]
    [InlineData(typeof(ClarifySqliteWriterStore))]
    public void Public_api_is_the_approved_one(Type typeInPackage)
    {
        Assembly assembly = typeInPackage.Assembly;
        string name = assembly.GetName().Name!;
        string approvedPath = Path.Combine(TestPaths.RepositoryRoot, ApprovedFolder, name + ".approved.txt");
        string actual = Normalize(assembly.GeneratePublicApi(Options));

        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            File.WriteAllText(approvedPath, actual);
        }

        string approved = File.Exists(approvedPath) ? Normalize(File.ReadAllText(approvedPath)) : string.Empty;
        if (approved != actual)
        {
            Assert.Fail(
                $"The public API of {name} differs from {ApprovedFolder}/{name}.approved.txt (- approved, + actual):\n\n"
                + LineDiff.Format(Lines(approved), Lines(actual))
                + $"\nIf the change is deliberate, approve it: {UpdateVariable}=1 dotnet test {ApprovedFolder},"
                + " then review and commit the diff of the .approved.txt file. Otherwise keep the new member or type internal.");
        }
    }

    [Theory]
    [InlineData(typeof(ClarifyOptions), "public static Clarify.Typed.DependencyInjection.IClarifyBuilder AddClarify(this Microsoft.Extensions.DependencyInjection.IServiceCollection services, Clarify.Typed.ClarifyOptions options")]
    [InlineData(typeof(ClarifyOptions), "public static Clarify.Typed.DependencyInjection.IClarifyBuilder AddClarify(this Microsoft.Extensions.DependencyInjection.IServiceCollection services, string name")]
    [InlineData(typeof(ClarifyRedisOptions), "public static Clarify.Typed.DependencyInjection.IClarifyBuilder UseDistributedTokenCache(this Clarify.Typed.DependencyInjection.IClarifyBuilder builder, string redisConnectionString")]
    [InlineData(typeof(ClarifyRedisOptions), "public static Clarify.Typed.DependencyInjection.IClarifyBuilder UseSharedPace(this Clarify.Typed.DependencyInjection.IClarifyBuilder builder, string redisConnectionString")]
    public void The_pinned_api_includes_the_dependency_injection_entry_points(Type typeInPackage, string member)
    {
        string api = typeInPackage.Assembly.GeneratePublicApi(Options);

        Assert.Contains("namespace Microsoft.Extensions.DependencyInjection", api, StringComparison.Ordinal);
        Assert.Contains(member, api, StringComparison.Ordinal);
    }

    [Fact]
    public void A_changed_member_shows_as_a_removed_and_an_added_line_with_its_context()
    {
        string[] approved = ["namespace A", "{", "    public int Old { get; }", "    public int Same { get; }", "}"];
        string[] actual = ["namespace A", "{", "    public int New { get; }", "    public int Same { get; }", "}"];

        string diff = LineDiff.Format(approved, actual);

        Assert.Equal(
            "@@ approved line 1\n  namespace A\n  {\n-     public int Old { get; }\n+     public int New { get; }\n      public int Same { get; }\n  }\n",
            diff);
    }

    [Fact]
    public void Far_apart_changes_get_their_own_hunks_and_equal_texts_no_diff()
    {
        string[] approved = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
        string[] actual = ["A", "b", "c", "d", "e", "f", "g", "h", "i", "j"];

        Assert.Equal("@@ approved line 1\n- a\n+ A\n  b\n  c\n@@ approved line 8\n  h\n  i\n+ j\n", LineDiff.Format(approved, actual));
        Assert.Equal(string.Empty, LineDiff.Format(approved, approved));
    }

    private static string Normalize(string text) => text.ReplaceLineEndings("\n").TrimEnd('\n') + "\n";

    private static string[] Lines(string text) => text.TrimEnd('\n').Split('\n');
}
