using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Portal.Domain.Access;
using Portal.Domain.Teams;
using Portal.IntegrationTests.Infrastructure;

namespace Portal.IntegrationTests.Data;

/// <summary>Audited saves under a retrying execution strategy: one unit of work, retried whole, the chain intact.</summary>
[Trait("Category", TestEngine.SqliteOnly)]
public sealed class UnitOfWorkTests : IAsyncLifetime
{
    private const string AuditInsert = "INSERT INTO \"AuditEvents\"";
    private static readonly Actor Someone = new("someone", "Some One", new HashSet<string>());
    private SqliteDataFile file = null!;

    public async Task InitializeAsync() => file = await SqliteDataFile.CreateAsync();

    public async Task DisposeAsync() => await file.DisposeAsync();

    /// <summary>The reproduction: EF Core refused the transaction the audit interceptor began inside SaveChangesAsync.</summary>
    [Fact]
    public async Task An_audited_save_works_under_any_retrying_execution_strategy()
    {
        await using (var db = file.Context(d => new RetryingNothing(d)))
        {
            db.Actor = Someone;
            db.Teams.Add(Team.Create("Risk", null));
            await db.SaveChangesAsync();
        }

        var (events, intact) = await file.ChainAsync();
        Assert.True(intact);
        Assert.Equal(["Team.Created"], events.Select(e => e.Action));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_audited_save_and_a_unit_of_two_saves_work_with_and_without_retries(bool retrying)
    {
        await using (var db = file.Context(retrying))
        {
            db.Actor = Someone;
            db.Teams.Add(Team.Create("Risk", null));
            await db.SaveChangesAsync();
        }
        await using (var db = file.Context(retrying))
        {
            db.Actor = Someone;
            await db.InUnitOfWorkAsync(async () =>
            {
                var team = await db.Teams.SingleAsync(t => t.Name == "Risk");
                team.SetMember("ann", "Ann", isManager: true);
                await db.SaveChangesAsync();
                db.Teams.Add(Team.Create("Credit", null));
                await db.SaveChangesAsync();
            });
        }

        var (events, intact) = await file.ChainAsync();
        Assert.True(intact);
        Assert.Equal(["Team.Created", "Team.MembershipChanged", "Team.Created"], events.Select(e => e.Action));
    }

    [Fact]
    public async Task A_save_inside_a_unit_of_work_joins_its_transaction()
    {
        var transactions = new TransactionCounter();
        await using var db = file.Context(retrying: true, transactions);
        db.Actor = Someone;

        await db.InUnitOfWorkAsync(async () =>
        {
            db.Teams.Add(Team.Create("Risk", null));
            await db.SaveChangesAsync();
            db.Teams.Add(Team.Create("Credit", null));
            await db.SaveChangesAsync();
        });

        Assert.Equal(1, transactions.Started);
        Assert.Equal(2, (await file.ChainAsync()).Events.Count);
    }

    [Fact]
    public async Task A_save_whose_first_attempt_fails_transiently_is_retried_whole_and_audited_once()
    {
        await using (var db = file.Context(retrying: true))
        {
            db.Actor = Someone;
            db.Teams.Add(Team.Create("Earlier", null));
            await db.SaveChangesAsync();
        }
        var failure = new OneShotFailure(AuditInsert);
        await using (var db = file.Context(retrying: true, failure))
        {
            db.Actor = Someone;
            var team = Team.Create("Risk", null);
            db.Teams.Add(team);

            await db.SaveChangesAsync();

            Assert.Equal(EntityState.Unchanged, db.Entry(team).State);
            Assert.True(team.Id > 0);
        }

        Assert.Equal(1, failure.Failures);
        var (events, intact) = await file.ChainAsync();
        Assert.True(intact);
        Assert.Equal(["Team.Created", "Team.Created"], events.Select(e => e.Action));
        Assert.Equal([1L, 2L], events.Select(e => e.Sequence));
        Assert.Contains("Risk", events[1].After, StringComparison.Ordinal);
        await using var read = file.Context(retrying: false);
        Assert.Equal(1, await read.Teams.CountAsync(t => t.Name == "Risk"));
    }

    [Fact]
    public async Task A_unit_of_work_whose_first_attempt_fails_transiently_is_run_again_from_what_the_database_holds()
    {
        await using (var db = file.Context(retrying: true))
        {
            db.Actor = Someone;
            db.Teams.Add(Team.Create("Risk", null));
            await db.SaveChangesAsync();
        }
        var failure = new OneShotFailure(AuditInsert);
        var attempts = 0;
        await using (var db = file.Context(retrying: true, failure))
        {
            db.Actor = Someone;
            await db.InUnitOfWorkAsync(async () =>
            {
                attempts++;
                var team = await db.Teams.SingleAsync(t => t.Name == "Risk");
                team.SetMember("ann", "Ann", isManager: true);
                await db.SaveChangesAsync();
            });
        }

        Assert.Equal(2, attempts);
        var (events, intact) = await file.ChainAsync();
        Assert.True(intact);
        Assert.Equal(["Team.Created", "Team.MembershipChanged"], events.Select(e => e.Action));
        await using var read = file.Context(retrying: false);
        Assert.Equal(2, (await read.Teams.SingleAsync(t => t.Name == "Risk")).Revision);
    }

    [Fact]
    public async Task Without_retries_a_transient_failure_rolls_the_unit_back_and_the_next_save_seals_from_the_real_head()
    {
        var failure = new OneShotFailure(AuditInsert);
        await using (var db = file.Context(retrying: false, failure))
        {
            db.Actor = Someone;
            db.Teams.Add(Team.Create("Risk", null));
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());

            await db.SaveChangesAsync();
        }

        var (events, intact) = await file.ChainAsync();
        Assert.True(intact);
        Assert.Equal([1L], events.Select(e => e.Sequence));
    }

    [Fact]
    public async Task A_unit_of_work_refuses_to_start_over_pending_changes_a_retry_would_lose()
    {
        await using var db = file.Context(retrying: true);
        db.Actor = Someone;
        db.Teams.Add(Team.Create("Risk", null));

        await Assert.ThrowsAsync<InvalidOperationException>(() => db.InUnitOfWorkAsync(() => db.SaveChangesAsync()));
        Assert.Empty((await file.ChainAsync()).Events);
    }

    /// <summary>Retries nothing, but says it might: enough for EF Core to refuse a transaction begun outside it.</summary>
    private sealed class RetryingNothing(ExecutionStrategyDependencies dependencies) : ExecutionStrategy(dependencies, 3, TimeSpan.Zero)
    {
        protected override bool ShouldRetryOn(Exception exception) => false;
    }
}
