using Microsoft.Extensions.Logging;
using Portal.Web.Features.Inventory;

namespace Portal.IntegrationTests.Data;

/// <summary>Start-up's choice between SQL Server's full-text index and LIKE, from what a fake database says.</summary>
public sealed class InventoryTextIndexTests
{
    [Theory]
    [InlineData(true, true, true, true, LogLevel.Information, "uses CONTAINS")]
    [InlineData(true, true, false, false, LogLevel.Warning, "an index (on Models, on ModelCardStates) is missing")]
    [InlineData(true, false, true, false, LogLevel.Warning, "catalog or an index (on Models, on ModelCardStates) is missing")]
    [InlineData(false, false, false, false, LogLevel.Information, "not installed")]
    public async Task Full_text_is_used_only_where_it_is_installed_and_its_index_exists(bool installed, bool catalog, bool index,
        bool fullText, LogLevel level, string said)
    {
        var logger = new ListLogger();
        var textIndex = new InventoryTextIndex();

        await textIndex.DetectAsync(new FakeProbe(new FullTextFacts(installed, catalog, index)), logger, CancellationToken.None);

        Assert.Equal(fullText, textIndex.FullText);
        var (logged, message) = Assert.Single(logger.Entries);
        Assert.Equal(level, logged);
        Assert.Contains(said, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sqlite_is_not_asked_and_keeps_its_own_indexes()
    {
        var logger = new ListLogger();
        var textIndex = new InventoryTextIndex();

        await textIndex.DetectAsync(new FakeProbe(null), logger, CancellationToken.None);

        Assert.False(textIndex.FullText);
        Assert.Empty(logger.Entries);
    }

    private sealed class FakeProbe(FullTextFacts? facts) : IFullTextProbe
    {
        public Task<FullTextFacts?> ReadAsync(CancellationToken cancellationToken) => Task.FromResult(facts);
    }

    private sealed class ListLogger : ILogger
    {
        public List<(LogLevel Level, string Message)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, formatter(state, exception)));
    }
}
