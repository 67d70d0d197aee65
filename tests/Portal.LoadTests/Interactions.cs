using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Portal.LoadTests;

/// <summary>One thing a person does: go to an address and see a text appear there.</summary>
internal sealed record Interaction(string Kind, string RelativeUri, string Expected);

/// <summary>
/// What the simulated people do, learnt from the portal's API before the run: inventory views (filters and searches,
/// which the inventory keeps in its address) each with the first model key it must list, and model pages opened on a tab.
/// Inventory views and model pages alternate, so that every step renders a page afresh.
/// </summary>
internal sealed class Interactions
{
    private static readonly string[] Tabs = ["overview", "versions", "ownership", "releases", "fairness", "card", "audit"];

    private readonly IReadOnlyList<Interaction> inventoryViews;
    private readonly IReadOnlyList<string> modelKeys;

    private Interactions(Interaction home, IReadOnlyList<Interaction> inventoryViews, IReadOnlyList<string> modelKeys)
    {
        Home = home;
        this.inventoryViews = inventoryViews;
        this.modelKeys = modelKeys;
    }

    /// <summary>The inventory's first page, where every person starts.</summary>
    public Interaction Home { get; }

    public IReadOnlyList<string> ModelKeys => modelKeys;

    public Interaction Next(int step, Random random) => step % 2 == 0
        ? inventoryViews[random.Next(inventoryViews.Count)]
        : ModelPage(modelKeys[random.Next(modelKeys.Count)], Tabs[random.Next(Tabs.Length)]);

    public static async Task<Interactions> LearnAsync(HttpClient api, CancellationToken cancellationToken)
    {
        var all = await FirstPageAsync(api, "", cancellationToken);
        if (all.Count == 0)
        {
            throw new InvalidOperationException("The portal lists no model: start it with demo data (Portal:SeedDemoData).");
        }
        var queries = new List<(string Kind, string Query)>();
        queries.AddRange(new[] { "Development", "Validation", "Production" }.Select(s => ("filter", $"status={s}")));
        queries.AddRange(new[] { "Low", "Medium", "High" }.Select(t => ("filter", $"riskTier={t}")));
        queries.AddRange(all.Select(m => m.Team).Distinct().Take(6).Select(t => ("filter", $"team={Uri.EscapeDataString(t)}")));
        queries.AddRange(all.Take(12).Select(m => ("search", $"search={Uri.EscapeDataString(m.Key)}")));
        var views = new List<Interaction>();
        foreach (var (kind, query) in queries)
        {
            var listed = await FirstPageAsync(api, query, cancellationToken);
            if (listed.Count > 0)
            {
                views.Add(new Interaction(kind, $"models?{query}", listed[0].Key));
            }
        }
        return new Interactions(new Interaction("inventory", "models", all[0].Key), views, all.Select(m => m.Key).ToList());
    }

    public static HttpClient ApiClient(Uri portal, string token)
    {
        var api = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { BaseAddress = portal };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return api;
    }

    private static Interaction ModelPage(string key, string tab) => new("model", $"models/{Uri.EscapeDataString(key)}?tab={tab}", key);

    private static async Task<IReadOnlyList<ModelRow>> FirstPageAsync(HttpClient api, string query, CancellationToken cancellationToken)
    {
        // The inventory lists 25 a page sorted by key, as this asks; its first row is what the page must show.
        var page = await api.GetFromJsonAsync<JsonElement>($"api/v1/models?{query}&sort=Key&page=1&pageSize=25", cancellationToken);
        return page.GetProperty("items").EnumerateArray()
            .Select(m => new ModelRow(m.GetProperty("key").GetString()!, m.GetProperty("team").GetString()!))
            .ToList();
    }

    private sealed record ModelRow(string Key, string Team);
}
