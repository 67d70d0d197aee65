using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Portal.LoadTests;

/// <summary>
/// What blazor.web.js reads from a prerendered page before it starts a circuit: the <c>&lt;!--Blazor:{...}--&gt;</c> start
/// markers of server components and the persisted component state. Markup around them does not matter.
/// </summary>
internal static partial class ServerMarkers
{
    /// <summary>The <c>UpdateRootComponents</c> operations that add every server component of the page, as the browser sends them.</summary>
    public static string AddOperations(string html, long batchId)
    {
        var operations = new JsonArray();
        var ssrComponentId = 0;
        foreach (Match match in Marker().Matches(html))
        {
            if (JsonNode.Parse(match.Groups[1].Value) is not JsonObject marker || (string?)marker["type"] != "server")
            {
                continue; // An end marker carries only the prerender id.
            }
            marker["uniqueId"] = ssrComponentId;
            operations.Add(new JsonObject { ["type"] = "add", ["ssrComponentId"] = ssrComponentId++, ["marker"] = marker });
        }
        if (operations.Count == 0)
        {
            throw new InvalidOperationException("The page has no interactive server component marker; is the address a portal page and the sign-in valid?");
        }
        return new JsonObject { ["batchId"] = batchId, ["operations"] = operations }.ToJsonString();
    }

    /// <summary>The prerendered components' persisted state, or empty when the page persisted none.</summary>
    public static string ApplicationState(string html) => State().Match(html) is { Success: true } state ? state.Groups[1].Value : "";

    [GeneratedRegex(@"<!--Blazor:(\{.*?\})-->", RegexOptions.Singleline)]
    private static partial Regex Marker();

    [GeneratedRegex(@"<!--Blazor-Server-Component-State:([A-Za-z0-9+/=]+)-->")]
    private static partial Regex State();
}
