using Portal.Domain.Audit;

namespace Portal.Domain.Tests.Audit;

/// <summary>Hashes recomputed in parallel batches must report exactly what checking one event at a time reports.</summary>
public class ParallelChainVerificationTests
{
    /// <summary>Two full batches and part of a third, so breaks fall inside, between and after parallel batches.</summary>
    private const int Length = (ChainVerifier.BatchSize * 2) + 300;

    private static readonly List<AuditEvent> Intact = TestChain.Build(Length);

    [Fact]
    public async Task A_long_intact_chain_verifies_whole_from_a_list_and_from_a_stream()
    {
        var fromList = ChainVerifier.Verify(Intact, TestChain.DigestOf(Intact));
        var fromStream = await ChainVerifier.VerifyAsync(Stream(Intact), TestChain.DigestOf(Intact));

        Assert.True(fromList.Intact);
        Assert.Equal(Length, fromList.EventCount);
        Assert.Equal(fromList, fromStream);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(ChainVerifier.StreamBatchSize)]
    [InlineData(ChainVerifier.StreamBatchSize + 1)]
    [InlineData(ChainVerifier.BatchSize)]
    [InlineData(ChainVerifier.BatchSize + 1)]
    [InlineData(ChainVerifier.BatchSize + 777)]
    [InlineData(Length)]
    public async Task An_altered_event_is_reported_at_its_own_position_wherever_it_falls_in_a_batch(int position)
    {
        var chain = Copy();
        chain[position - 1] = TestChain.Tamper(chain[position - 1], fields => fields.WithAltered(nameof(EventFields.After)));
        // A second, later alteration must not be what is reported: the first break is.
        chain[^1] = TestChain.Tamper(chain[^1], fields => fields.WithAltered(nameof(EventFields.ActorName)));

        var fromList = ChainVerifier.Verify(chain);
        var fromStream = await ChainVerifier.VerifyAsync(Stream(chain));

        Assert.False(fromList.Intact);
        Assert.Equal(position, fromList.FirstBrokenEventId);
        Assert.Equal(position - 1, fromList.EventCount);
        Assert.Contains("altered", fromList.Problem, StringComparison.Ordinal);
        Assert.Equal(fromList, fromStream);
    }

    [Fact]
    public async Task A_broken_link_before_an_altered_event_in_the_same_batch_is_the_break_reported()
    {
        var chain = Copy();
        var link = ChainVerifier.BatchSize + 10;
        chain[link + 5 - 1] = TestChain.Tamper(chain[link + 5 - 1], fields => fields.WithAltered(nameof(EventFields.Before)));
        chain[link - 1].PreviousHash = new string('e', 64);

        var fromStream = await ChainVerifier.VerifyAsync(Stream(chain));

        Assert.Equal(link, fromStream.FirstBrokenEventId);
        Assert.Contains("previous-hash", fromStream.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_event_removed_from_a_later_batch_is_reported_where_the_gap_is()
    {
        var chain = Copy();
        var removed = (ChainVerifier.BatchSize * 2) + 5;
        chain.RemoveAt(removed - 1);

        var fromStream = await ChainVerifier.VerifyAsync(Stream(chain));

        Assert.Equal(removed + 1, fromStream.FirstBrokenEventId);
        Assert.Equal(removed - 1, fromStream.EventCount);
        Assert.Contains("removed or inserted", fromStream.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rewritten_chain_is_caught_by_the_digest_in_a_parallel_batch()
    {
        var digest = TestChain.DigestOf(Intact);
        var rewritten = TestChain.Seal(Intact.Select(EventFields.Of).Select((fields, index) => index == 42 ? fields.WithAltered(nameof(EventFields.After)) : fields));

        var fromStream = await ChainVerifier.VerifyAsync(Stream(rewritten), digest);

        Assert.False(fromStream.Intact);
        Assert.Equal(Length, fromStream.FirstBrokenEventId);
        Assert.Contains("digest", fromStream.Problem, StringComparison.Ordinal);
    }

    private static List<AuditEvent> Copy() => Intact.Select(TestChain.Copy).ToList();

    private static async IAsyncEnumerable<AuditEvent> Stream(IEnumerable<AuditEvent> events)
    {
        foreach (var audit in events)
        {
            await Task.CompletedTask;
            yield return audit;
        }
    }
}
