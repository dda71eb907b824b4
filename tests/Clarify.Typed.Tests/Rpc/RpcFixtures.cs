using System;
using System.IO;
using System.Text.Json.Nodes;

namespace Clarify.Typed.Tests.Rpc;

/// <summary>The method results in <c>Rpc/Fixtures</c> (see its README), read from the test output folder.</summary>
internal static class RpcFixtures
{
    public static JsonNode Read(string file) => JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Rpc", "Fixtures", file)))!;
}
