using System;
using System.Text.Json.Nodes;

namespace Clarify.Typed.Tests.Infrastructure;

internal static class JsonAssert
{
    /// <summary>Asserts two JSON documents are equal as parsed JSON (order of object members ignored).</summary>
    public static void Equal(string expected, JsonNode? actual)
    {
        JsonNode? expectedNode = JsonNode.Parse(expected);
        Assert.True(JsonNode.DeepEquals(expectedNode, actual), $"Expected:{Environment.NewLine}{expectedNode?.ToJsonString()}{Environment.NewLine}Actual:{Environment.NewLine}{actual?.ToJsonString()}");
    }
}
