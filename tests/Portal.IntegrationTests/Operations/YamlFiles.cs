using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Portal.IntegrationTests.Operations;

/// <summary>Reads YAML the way compose and kubectl do (several documents per file, merge keys resolved) and walks it by key.</summary>
internal static class YamlFiles
{
    public static IReadOnlyList<YamlMappingNode> Documents(string text)
    {
        var stream = new YamlStream();
        stream.Load(new MergingParser(new Parser(new StringReader(text))));
        return [.. stream.Documents.Select(d => d.RootNode).OfType<YamlMappingNode>()];
    }

    public static YamlMappingNode Map(this YamlNode node, string key) => (YamlMappingNode)((YamlMappingNode)node)[key];

    public static YamlSequenceNode List(this YamlNode node, string key) => (YamlSequenceNode)((YamlMappingNode)node)[key];

    public static string? Text(this YamlNode node, string key) =>
        ((YamlMappingNode)node).Children.TryGetValue(key, out var value) ? ((YamlScalarNode)value).Value : null;

    public static bool Has(this YamlNode node, string key) => ((YamlMappingNode)node).Children.ContainsKey(key);

    public static IEnumerable<string> Keys(this YamlNode node) => ((YamlMappingNode)node).Children.Keys.Select(k => ((YamlScalarNode)k).Value!);

    public static IEnumerable<string?> Texts(this YamlSequenceNode list) => list.Children.Select(c => ((YamlScalarNode)c).Value);
}
