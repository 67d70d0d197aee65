using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Domain.Access;
using Portal.Domain.Audit;
using Portal.Domain.Teams;
using Portal.IntegrationTests.Infrastructure;

namespace Portal.IntegrationTests.Data;

/// <summary>
/// The portal's factory pools its contexts: a context one operation used is handed to the next. What the first operation set
/// on it (who acts, events waiting for a save) must not be saved by the second.
/// </summary>
[Trait("Category", TestEngine.SqliteOnly)]
public sealed class PooledContextTests : IAsyncLifetime
{
    private static readonly Actor Mallory = new("mallory", "Mallory", new HashSet<string> { PortalRoles.Admin });
    private SqliteDataFile file = null!;
    private ServiceProvider services = null!;

    public async Task InitializeAsync()
    {
        file = await SqliteDataFile.CreateAsync();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Portal"] = file.ConnectionString })
            .Build();
        services = new ServiceCollection().AddPortalData(configuration).BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await services.DisposeAsync();
        await file.DisposeAsync();
    }

    [Fact]
    public async Task A_context_back_from_the_pool_does_not_save_under_the_previous_operations_actor_or_its_unsaved_events()
    {
        var factory = services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        PortalDbContext used;
        await using (var first = await factory.CreateDbContextAsync())
        {
            used = first;
            first.Actor = Mallory;
            first.Record(new AuditEvent
            {
                ActorId = Mallory.Id, ActorName = Mallory.Name, Action = "Forged.Event", EntityType = "Model", EntityId = "left-behind",
            });
        }

        await using var second = await factory.CreateDbContextAsync();
        second.Teams.Add(Team.Create("Risk", null));
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => second.SaveChangesAsync());

        Assert.Same(used, second);
        Assert.Contains("need an actor", refused.Message, StringComparison.Ordinal);
        var (events, intact) = await file.ChainAsync();
        Assert.True(intact);
        Assert.Empty(events);
    }

    [Fact]
    public async Task Contexts_from_the_pool_append_one_intact_chain_with_each_operations_own_actor()
    {
        var factory = services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        foreach (var (name, actor) in new[] { ("Risk", "ann"), ("Credit", "ben"), ("Fraud", "cem") })
        {
            await using var db = await factory.CreateDbContextAsync();
            db.Actor = new Actor(actor, actor, new HashSet<string>());
            db.Teams.Add(Team.Create(name, null));
            await db.SaveChangesAsync();
        }

        var (events, intact) = await file.ChainAsync();
        Assert.True(intact);
        Assert.Equal(["ann", "ben", "cem"], events.Select(e => e.ActorId));
    }
}
