using Portal.Domain.Inventory;
using Portal.Web.Features.Inventory;

namespace Portal.Benchmarks;

/// <summary>
/// 3c. The inventory page (count + first page) for every kind of filter, each under every sort: the issue's
/// "under 50 ms p95 for any filter combination". Reports p50/p95 per combination and the worst one.
/// </summary>
internal static class InventoryMatrix
{
    private const double TargetP95Ms = 50;
    private const int WarmUpCalls = 5;
    private const int PageSize = 25;

    private static (string Name, ModelQuery Query)[] Filters(Sizes sizes) =>
    [
        ("no filter", new ModelQuery()),
        ("status", new ModelQuery(Status: LifecycleStatus.Validation)),
        ("risk tier", new ModelQuery(RiskTier: RiskTier.High)),
        ("team", new ModelQuery(Team: "team-07")),
        ("tag", new ModelQuery(Tag: "gdpr")),
        ("owner", new ModelQuery(Owner: "Hugo Sato")),
        ("open flag (any rule)", new ModelQuery(Flag: ModelQuery.AnyFlag)),
        ("open flag (orphaned)", new ModelQuery(Flag: "orphaned")),
        ("search (trigram)", new ModelQuery(Search: "forecaster 42")),
        ("search (2 chars, none)", new ModelQuery(Search: "zz")),
        ("search (1 char, many)", new ModelQuery(Search: "c")),
        ("search (every model)", new ModelQuery(Search: "retrained")),
        // The search covers the latest card text too (SampleData.SeedCardsAsync): a word only cards hold, rare and common.
        ("search card (rare)", new ModelQuery(Search: "isotonic")),
        ("search card (7 in 10)", new ModelQuery(Search: "intended use")),
        ("search card (2 chars)", new ModelQuery(Search: "KS")),
        // The card filters (SampleData.SeedCardsAsync: 3 in 10 models have no card; of the cards, 1 in 3 complete, 1 in 5 reviewed).
        ("card incomplete", new ModelQuery(Card: CardFilter.Incomplete)),
        ("card unreviewed", new ModelQuery(Card: CardFilter.Unreviewed)),
        ("card unreviewed + tier", new ModelQuery(RiskTier: RiskTier.High, Card: CardFilter.Unreviewed)),
        ("card incomplete + search", new ModelQuery(Search: "forecaster", Card: CardFilter.Incomplete)),
        ("status+tier+team+tag", new ModelQuery(Status: LifecycleStatus.Production, RiskTier: RiskTier.Medium, Team: "team-12", Tag: "pii")),
        ("all + search + owner", new ModelQuery(Search: "fraud", Status: LifecycleStatus.Production, RiskTier: RiskTier.High, Tag: "cards", Owner: "Ada")),
        ("tag + flag + search", new ModelQuery(Search: "retrained", Tag: "gdpr", Flag: ModelQuery.AnyFlag)),
        // Paging goes by OFFSET over the sort's index: the deepest page costs most.
        ("no filter, last page", new ModelQuery(Page: sizes.Models / PageSize)),
    ];

    private static readonly (string Name, ModelSort Sort, bool Descending)[] Sorts =
    [
        ("key", ModelSort.Key, false),
        ("name", ModelSort.Name, false),
        ("updated desc", ModelSort.UpdatedAt, true),
        ("risk tier desc", ModelSort.RiskTier, true),
        ("status", ModelSort.Status, false),
        ("team", ModelSort.Team, false),
    ];

    public static async Task RunAsync(ModelService service, Sizes sizes)
    {
        Report.Section($"3c. Every filter under every sort: ModelService.SearchAsync p50/p95 ms (target p95 < {TargetP95Ms} ms; {sizes.MatrixIterations} calls each)");
        Console.WriteLine($"  {"filter",-24} {"matches",8}  " + string.Join("  ", Sorts.Select(s => $"{s.Name,-17}")));
        var worst = (P95: 0.0, Name: "");
        var missed = 0;
        var filters = Filters(sizes);
        foreach (var (filterName, filter) in filters)
        {
            var cells = new List<string>();
            // On a busy machine the wall clock shares the CPU; the process's CPU time (both threads: count and page) is printed beneath.
            var cpuCells = new List<string>();
            var (matches, capped) = (0, false);
            foreach (var (sortName, sort, descending) in Sorts)
            {
                var query = filter with { Sort = sort, Descending = descending, PageSize = PageSize, CountLimit = ModelQuery.DefaultCountLimit };
                var timings = new Timings();
                for (var call = -WarmUpCalls; call < sizes.MatrixIterations; call++)
                {
                    await Measure.TimeCallAsync(call >= 0 ? timings : null, async () =>
                    {
                        var result = await service.SearchAsync(SampleData.Engineer, query);
                        (matches, capped) = (result.TotalCount, result.TotalCountCapped);
                    });
                }
                var p95 = timings.Wall.P95;
                missed += p95 >= TargetP95Ms ? 1 : 0;
                worst = p95 > worst.P95 ? (p95, $"{filterName} / {sortName}") : worst;
                cells.Add($"{timings.Wall.Median,7:N1}/{p95,-7:N1}{(p95 >= TargetP95Ms ? "!" : " ")}  ");
                cpuCells.Add($"{timings.Cpu.Median,7:N1}/{timings.Cpu.P95,-7:N1}   ");
            }
            Console.WriteLine($"  {filterName,-24} {matches,8:N0}{(capped ? "+" : " ")} " + string.Concat(cells));
            Console.WriteLine($"  {"  on-CPU",-24} {"",8}  " + string.Concat(cpuCells));
        }
        Report.Note($"worst p95: {worst.P95:N1} ms ({worst.Name}); {missed} of {filters.Length * Sorts.Length} combinations at or over {TargetP95Ms} ms " +
            $"(target: {(missed == 0 ? "MET" : "MISSED")}); '!' marks them");
        await ExactCountsAsync(service, sizes);
    }

    /// <summary>Broad searches as the API answers them: no count limit, so the count reads every match. Not a matrix cell.</summary>
    private static async Task ExactCountsAsync(ModelService service, Sizes sizes)
    {
        foreach (var search in new[] { "retrained", "c" })
        {
            var query = new ModelQuery(Search: search, PageSize: PageSize);
            var timings = new Timings();
            var matches = 0;
            for (var call = -WarmUpCalls; call < sizes.MatrixIterations; call++)
            {
                await Measure.TimeCallAsync(call >= 0 ? timings : null, async () => matches = (await service.SearchAsync(SampleData.Engineer, query)).TotalCount);
            }
            Report.Note($"the API's exact count, search \"{search}\", sort by key: {matches:N0} matches, p50 {timings.Wall.Median:N1} ms, p95 {timings.Wall.P95:N1} ms");
        }
    }
}
